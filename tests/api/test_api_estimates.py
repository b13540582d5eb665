"""The figures of a topic and a claim: /topics/<id>/estimates/ and /claims/<id>/estimates/,
as JSON and CSV, for now and for a past moment."""

import csv
import io
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.estimates import Estimate, EstimateKind, EstimateQualifier
from claims.models import Measure, Statement
from claims.units import Unit
from common import clock
from tests.api.api_helpers import API, actor, claim, problem, topic
from tests.factories import StatementFactory

NIS = "National Intelligence Service"


def estimates_url(query: str = "") -> str:
    return f"{API}/topics/{topic().public_id}/estimates/{query}"


def measure(name: str) -> Measure:
    return Measure.objects.get(name=name)


def figures(body: dict) -> list[tuple]:
    return [(e["actor"]["name"], e["value"], e["kind"]) for e in body["estimates"]]


@pytest.mark.django_db
def test_a_topics_figures_come_by_measure_then_actor_then_moment(demo, reader):
    body = reader.get(estimates_url()).json()
    in_russia, in_total = (
        measure("DPRK troops in Russia"),
        measure("DPRK troops to be sent in total"),
    )
    assert body["topic"] == str(topic().public_id)
    assert [(m["id"], m["unit"], m["unit_display"], m["estimates"]) for m in body["measures"]] == [
        (str(in_russia.public_id), "soldiers", "soldiers", 6),
        (str(in_total.public_id), "soldiers", "soldiers", 1),
    ]
    assert figures(body) == [
        ("John Kirby", 3000, "observation"),
        *[(NIS, 1500, "observation")] * 4,
        (NIS, 10000, "projection"),
        (NIS, 12000, "projection"),
    ]
    projected = body["estimates"][5]
    assert (projected["value"], projected["qualifier"], projected["unit_display"]) == (
        10000,
        "approximate",
        "soldiers",
    )
    assert "figure" not in projected  # worded by the charts: see claims.api.estimates._Words
    assert (projected["refers_to"], projected["refers_to_precision"]) == ("2024-12-31", "month")
    assert projected["at"] == "2024-12-31T12:00:00Z"
    assert projected["measure"] == str(in_russia.public_id)
    assert projected["claim"]["id"] == str(claim("C3").public_id)
    assert projected["outcome"] is None
    kirby = body["estimates"][0]
    assert (kirby["qualifier"], kirby["said_at"][:10]) == ("at_least", "2024-10-23")
    assert kirby["source"]["title"]


@pytest.mark.django_db
def test_json_and_csv_give_the_same_estimates(demo, reader):
    body = reader.get(estimates_url()).json()
    for response in (
        reader.get(estimates_url("?format=csv")),
        reader.get(estimates_url(), HTTP_ACCEPT="text/csv"),
    ):
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == (
            'attachment; filename="estimates-dprk-troops-in-russia.csv"'
        )
        assert "ETag" in response
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert [
            (r["statement"], r["claim_id"], r["actor"], r["measure_id"], r["value"], r["kind"])
            for r in rows
        ] == [
            (
                e["statement"],
                e["claim"]["id"],
                e["actor"]["name"],
                e["measure"],
                str(e["value"]),
                e["kind"],
            )
            for e in body["estimates"]
        ]
        assert rows[5]["refers_to"] == "2024-12-31" and rows[5]["qualifier"] == "approximate"


@pytest.mark.django_db
def test_filters_by_measure_actor_kind_and_moment_referred_to(demo, reader):
    in_total = measure("DPRK troops to be sent in total")
    kirby = actor("John Kirby")

    def get(query: str) -> list[tuple]:
        response = reader.get(estimates_url(query))
        assert response.status_code == 200, response.content
        return figures(response.json())

    assert get(f"?measure={in_total.public_id}") == [(NIS, 12000, "projection")]
    assert get(f"?actor={kirby.public_id}") == [("John Kirby", 3000, "observation")]
    assert get("?kind=projection") == [(NIS, 10000, "projection"), (NIS, 12000, "projection")]
    assert get("?refers_from=2024-10-20&refers_until=2024-12-01") == [
        ("John Kirby", 3000, "observation")
    ]
    assert get("?refers_from=2024-12-01") == [
        (NIS, 10000, "projection"),
        (NIS, 12000, "projection"),
    ]
    body = reader.get(estimates_url(f"?kind=projection&measure={in_total.public_id}")).json()
    assert [m["estimates"] for m in body["measures"]] == [0, 1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?measure=nope", "measure"),
        ("?actor=Kirby", "actor"),
        ("?kind=guess", "kind"),
        ("?refers_from=yesterday", "refers_from"),
        ("?refers_from=2024-12-01&refers_until=2024-11-01", "refers_until"),
        ("?format=xlsx", "format"),
        ("?as_of=tomorrow", "as_of"),
    ],
)
def test_bad_filters_are_400_naming_the_parameter(demo, reader, query, parameter):
    body = problem(reader.get(estimates_url(query)), 400)
    assert parameter in {error.get("parameter") for error in body["errors"]}


@pytest.mark.django_db
def test_an_id_no_measure_of_the_topic_or_actor_has_matches_nothing(demo, reader):
    from tests.factories import TopicFactory

    other = Measure.objects.create(topic=TopicFactory(), name="Drones", unit=Unit.DRONES)
    for query in (
        f"?measure={other.public_id}",
        "?measure=00000000-0000-4000-8000-000000000000",
        "?actor=00000000-0000-4000-8000-000000000000",
    ):
        body = reader.get(estimates_url(query)).json()
        assert body["estimates"] == [] and [m["estimates"] for m in body["measures"]] == [0, 0]


@pytest.mark.django_db
def test_as_of_the_20th_only_the_nis_figures_were_known(demo, reader):
    body = reader.get(estimates_url("?as_of=2024-10-20")).json()
    assert {e["actor"]["name"] for e in body["estimates"]} == {NIS}
    known = Statement.objects.filter(
        estimate_value__isnull=False, recorded_at__lte=datetime(2024, 10, 21, tzinfo=UTC)
    )
    assert len(body["estimates"]) == known.count() >= 5
    now = reader.get(estimates_url()).json()
    # The same rows, read from the history: the same representation.
    assert [e for e in now["estimates"] if e["statement"] in body_ids(body)] == body["estimates"]


def body_ids(body: dict) -> set[str]:
    return {e["statement"] for e in body["estimates"]}


@pytest.mark.django_db
def test_said_by_keeps_the_figures_said_by_then(demo, reader):
    body = reader.get(estimates_url("?said_by=2024-10-20")).json()
    assert {e["actor"]["name"] for e in body["estimates"]} == {NIS}


@pytest.mark.django_db
def test_a_figure_corrected_later_reads_as_it_did(demo, reader, editor):
    from claims import services

    kirby = Statement.objects.get(actor__name="John Kirby", estimate_value__isnull=False)
    with clock.recording_at(datetime(2024, 10, 30, 12, tzinfo=UTC)):
        kirby.estimate = Estimate(
            unit=Unit.SOLDIERS,
            qualifier=EstimateQualifier.APPROXIMATE,
            low=Decimal(8000),
            high=Decimal(10000),
            kind=EstimateKind.OBSERVATION,
            refers_to=kirby.estimate_refers_to,
            measure_id=kirby.estimate_measure_id,
        )
        services.statement_update(kirby, editor=editor)

    def kirbys(query: str) -> dict:
        body = reader.get(estimates_url(query)).json()
        (figure,) = [e for e in body["estimates"] if e["actor"]["name"] == "John Kirby"]
        return figure

    then = kirbys("?as_of=2024-10-25")
    assert (then["value"], then["low"], then["qualifier"], then["refers_to"]) == (
        3000,
        None,
        "at_least",
        "2024-10-23",
    )
    now = kirbys("")
    assert (now["value"], now["low"], now["high"]) == (None, 8000, 10000)


@pytest.mark.django_db
def test_a_claims_estimates(demo, reader):
    c1 = claim("C1")
    response = reader.get(f"{API}/claims/{c1.public_id}/estimates/")
    body = response.json()
    assert body["claim"] == str(c1.public_id) and body["topic"] == str(topic().public_id)
    assert figures(body) == [(NIS, 1500, "observation")] * 4
    csv_response = reader.get(f"{API}/claims/{c1.public_id}/estimates/?format=csv")
    assert f"estimates-claim-{c1.public_id}.csv" in csv_response["Content-Disposition"]
    # A claim not yet known then has no estimates to give.
    problem(reader.get(f"{API}/claims/{claim('C4').public_id}/estimates/?as_of=2024-10-19"), 404)


@pytest.mark.django_db
def test_the_estimates_etag_answers_304(demo, reader):
    first = reader.get(estimates_url())
    again = reader.get(estimates_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    csv_first = reader.get(estimates_url("?format=csv"))
    assert csv_first["ETag"] != first["ETag"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "most"),
    [
        ("", 6),  # the figures, the measures and the fingerprint of the cached answers
        (f"?format=csv&actor={'{actor}'}", 7),
        ("?as_of=2024-10-29", 12),
        ("?said_by=2024-10-29&kind=observation", 6),
    ],
)
def test_the_estimates_cost_a_fixed_number_of_queries(
    demo, reader, django_assert_max_num_queries, query, most, monkeypatch
):
    c1 = claim("C1")
    url = estimates_url(query.format(actor=actor(NIS).public_id))
    reader.get(url)  # warm up: the token's last-used time is written

    def count() -> int:
        # The answer worked out, not the one kept in the cache.
        monkeypatch.setattr("claims.api.estimates.CACHE_GENERATION", uuid.uuid4().hex)
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(url).status_code == 200
        return len(queries)

    few = count()
    with clock.recording_at(datetime(2024, 10, 26, tzinfo=UTC)):
        for value in range(20):
            StatementFactory(
                claim=c1,
                said_at=datetime(2024, 10, 26, tzinfo=UTC),
                estimate_value=Decimal(1000 + value),
                estimate_unit=Unit.SOLDIERS,
                estimate_qualifier=EstimateQualifier.EXACT,
                estimate_kind=EstimateKind.OBSERVATION,
                estimate_measure=measure("DPRK troops in Russia"),
                actor=actor(NIS),
            )
    assert count() == few
    monkeypatch.setattr("claims.api.estimates.CACHE_GENERATION", uuid.uuid4().hex)
    with django_assert_max_num_queries(most):
        assert reader.get(url).status_code == 200


# --- A statement's estimate through /statements/ ---------------------------------------------


def new_statement(**estimate) -> dict:
    return {
        "claim": str(claim("C1").public_id),
        "actor": str(actor("John Kirby").public_id),
        "source": str(Statement.objects.filter(actor__name="John Kirby").first().source.public_id),
        "stance": "asserts",
        "quote": "Up to 5,000 by the end of the year.",
        "said_at": "2024-10-30T09:00:00Z",
        "estimate": {"unit": "soldiers", **estimate},
    }


@pytest.mark.django_db
def test_record_a_statement_with_a_figure(demo, writer, reader):
    in_russia = measure("DPRK troops in Russia")
    body = new_statement(
        high=5000,
        qualifier="up_to",
        kind="projection",
        refers_to="2024-12-01",
        refers_to_precision="year",
        measure=str(in_russia.public_id),
    )
    response = writer.post(f"{API}/statements/", body, format="json")
    assert response.status_code == 201, response.content
    estimate = response.json()["estimate"]
    assert estimate == {
        "value": None,
        "low": None,
        "high": 5000,
        "unit": "soldiers",
        "qualifier": "up_to",
        "kind": "projection",
        "refers_to": "2024-12-31",
        "refers_to_precision": "year",
        "measure": str(in_russia.public_id),
        "figure": "up to 5,000 soldiers by 2024",
    }
    statement = Statement.objects.get(public_id=response.json()["id"])
    assert statement.estimate_measure == in_russia and statement.estimate_high == 5000
    # Read back the same way, alone and in lists.
    assert reader.get(f"{API}/statements/{statement.public_id}/").json()["estimate"] == estimate
    listed = reader.get(f"{API}/claims/{claim('C1').public_id}/statements/?page_size=100").json()
    assert estimate in [row["estimate"] for row in listed["results"]]
    kinds = figures(reader.get(estimates_url(f"?actor={actor('John Kirby').public_id}")).json())
    assert ("John Kirby", None, "projection") in kinds


@pytest.mark.django_db
def test_a_statement_without_a_figure_has_none(demo, writer):
    body = {**new_statement(), "estimate": None}
    response = writer.post(f"{API}/statements/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["estimate"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("estimate", "pointer"),
    [
        ({"low": 5000, "high": 3000}, "#/estimate/low"),
        ({"value": 9000, "high": 3000}, "#/estimate/value"),
        ({"value": 5000, "kind": "projection"}, "#/estimate/refers_to"),
        ({"value": 5000, "unit": "parsecs"}, "#/estimate/unit"),
        ({"qualifier": "approximate"}, "#/estimate/value"),
        ({"value": "lots"}, "#/estimate/value"),
        ({"value": 5000, "refers_to": "2024-13-01"}, "#/estimate/refers_to"),
        ({"value": 5000, "measure": "00000000-0000-4000-8000-000000000000"}, "#/estimate/measure"),
        ({"value": 5000, "unit": "drones", "measure": "IN_RUSSIA"}, "#/estimate/unit"),
        ({"value": 5000, "measure": "ELSEWHERE"}, "#/estimate/measure"),
    ],
)
def test_bad_figures_are_400_with_the_field_and_write_nothing(demo, writer, estimate, pointer):
    from tests.factories import TopicFactory

    elsewhere = Measure.objects.create(topic=TopicFactory(), name="Troops", unit=Unit.SOLDIERS)
    names = {
        "IN_RUSSIA": measure("DPRK troops in Russia").public_id,
        "ELSEWHERE": elsewhere.public_id,
    }
    if estimate.get("measure") in names:
        estimate = {**estimate, "measure": str(names[estimate["measure"]])}
    before = Statement.objects.count()
    response = writer.post(f"{API}/statements/", new_statement(**estimate), format="json")
    body = problem(response, 400)
    assert pointer in {error["pointer"] for error in body["errors"]}, body
    assert Statement.objects.count() == before


@pytest.mark.django_db
def test_a_measure_never_mixes_units(demo, writer):
    in_russia = measure("DPRK troops in Russia")
    body = new_statement(value=40, unit="tanks", measure=str(in_russia.public_id))
    errors = problem(writer.post(f"{API}/statements/", body, format="json"), 400)["errors"]
    assert errors == [
        {
            "pointer": "#/estimate/unit",
            "detail": "“DPRK troops in Russia” counts soldiers; this figure counts tanks. A "
            "measure never mixes units.",
        }
    ]


# --- The changes feed ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_statement_with_a_figure_shows_its_estimate_in_the_feed(demo, reader, editor):
    from datetime import date

    from claims.models import Measure
    from claims.precision import DatePrecision

    in_russia = Measure.objects.get(name="DPRK troops in Russia")
    from claims import services
    from claims.models import ChangeEvent

    since = ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first()
    statement = services.record_statement(
        claim=claim("C1"),
        actor=actor("John Kirby"),
        source=Statement.objects.filter(actor__name="John Kirby").first().source,
        stance="asserts",
        quote="About 10,000 by December.",
        recorded_by=editor,
        estimate=Estimate(
            unit="soldiers",
            qualifier=EstimateQualifier.APPROXIMATE,
            value=Decimal(10000),
            kind=EstimateKind.PROJECTION,
            refers_to=date(2024, 12, 1),
            refers_to_precision=DatePrecision.MONTH,
            measure_id=in_russia.pk,
        ),
    )
    body = reader.get(f"{API}/changes/?since={since}&kind=statement.recorded").json()
    (event,) = body["results"]
    assert event["payload"]["statement"] == str(statement.public_id)
    assert event["payload"]["estimate"] == {
        "measure": str(in_russia.public_id),
        "value": 10000.0,
        "low": None,
        "high": None,
        "unit": "soldiers",
        "qualifier": "approximate",
        "kind": "projection",
        "refers_to": "2024-12-31",
        "refers_to_precision": "month",
    }
    # projection.decided is a kind one may follow.
    assert reader.get(f"{API}/changes/?since=0&kind=projection.decided").status_code == 200


@pytest.mark.django_db
def test_a_kept_answer_gives_way_to_any_write(demo, reader, editor, django_assert_max_num_queries):
    url = estimates_url("")
    first = reader.get(url)
    with django_assert_max_num_queries(12):  # the kept answer: auth, topic, the fingerprint
        again = reader.get(url)
    assert again.content == first.content and again["ETag"] == first["ETag"]

    in_russia = measure("DPRK troops in Russia")
    in_russia.name = "North Korean troops in Russia"
    services.estimates.measure_update(in_russia, editor=editor)
    renamed = reader.get(url).json()
    assert "North Korean troops in Russia" in [m["name"] for m in renamed["measures"]]

    kirby = Statement.objects.get(actor__name="John Kirby")
    kirby.estimate_value = Decimal(3500)
    services.statement_update(kirby, editor=editor)
    corrected = reader.get(url).json()
    assert 3500 in [e["value"] for e in corrected["estimates"]]
    csv_now = reader.get(url, HTTP_ACCEPT="text/csv").content.decode()
    assert ",3500," in csv_now


@pytest.mark.django_db
def test_options_describes_the_endpoint_in_json_even_for_a_download(demo, reader):
    response = reader.options(estimates_url("?format=csv"), HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
