"""What did we know on 23 October? The API answers as of a past moment, on both clocks.

The demo replays the worked example as the newsroom would have entered it (devdata.demo): the
NIS's 12,000 projection (said 18 October) and the DPRK's denial at the UN (said 21 October) were
entered on 25 and 24 October, so the two clocks tell them apart.
"""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from common import clock
from tests.api.api_helpers import API, actor, claim, problem, topic
from tests.factories import ClaimFactory, StatementFactory


def timeline(client, query: str = "") -> list[tuple]:
    response = client.get(f"{API}/topics/{topic().public_id}/timeline/?{query}")
    assert response.status_code == 200, response.content[:300]
    return [
        (entry["type"], (entry["actor"] or {}).get("name"), entry["stance"])
        for entry in response.json()["entries"]
    ]


@pytest.mark.django_db
def test_as_of_19_october_the_topic_holds_only_the_first_briefing(demo, reader):
    # C1 (1,500 soldiers) in the briefing and in the three reports repeating it, and C3
    # (training in the east): the NIS alone.
    assert (
        timeline(reader, "as_of=2024-10-19")
        == [("statement", "National Intelligence Service", "asserts")] * 5
    )
    series = reader.get(f"{API}/topics/{topic().public_id}/quantities/?as_of=2024-10-19")
    assert [s["claim"]["text"] for s in series.json()["series"]] == [
        "North Korea has moved 1,500 soldiers to Russia"
    ]


@pytest.mark.django_db
def test_as_of_and_said_by_tell_a_late_entry_apart(demo, reader):
    known = timeline(reader, "as_of=2024-10-23")
    said = timeline(reader, "said_by=2024-10-23")
    denial = ("statement", "DPRK representative to the UN", "denies")
    assert denial not in known  # said on the 21st, entered on the 24th
    assert denial in said
    assert ("statement", "Mark Rutte", "supports") not in said  # said on the 28th
    both = timeline(reader, "as_of=2024-10-23&said_by=2024-10-21")
    assert ("statement", "Lloyd Austin", "supports") not in both  # said on the 23rd
    assert denial not in both


@pytest.mark.django_db
def test_the_verdict_in_force_then(demo, reader):
    url = f"{API}/claims/{claim('C0').public_id}/verdict/"
    answers = {}
    for day in ("2024-10-19", "2024-10-22", "2024-10-29"):
        response = reader.get(url, {"as_of": day})
        body = response.json()
        answers[day] = (body["verdict"], body["version"], len(body["history"]), response["ETag"])
    public_id = claim("C0").public_id
    assert answers == {
        "2024-10-19": ("unverified", 1, 0, f'"claim-{public_id}-v1"'),
        "2024-10-22": ("disputed", 2, 1, f'"claim-{public_id}-v2"'),
        "2024-10-29": ("confirmed", 3, 2, f'"claim-{public_id}-v3"'),
    }


@pytest.mark.django_db
def test_a_claim_as_of_reads_as_it_did_then(demo, reader, editor):
    c0 = claim("C0")
    before_edit = reader.get(f"{API}/claims/{c0.public_id}/", {"as_of": "2024-10-22"}).json()
    c0.text = "North Korea sent soldiers to Russia"
    services.claim_update(c0, editor=editor, fields=["text"])
    then = reader.get(f"{API}/claims/{c0.public_id}/", {"as_of": "2024-10-22"})
    assert then.json() == before_edit
    assert then.json()["text"].startswith("North Korean soldiers have been sent")
    assert (then.json()["verdict"], then.json()["version"]) == ("disputed", 2)
    assert reader.get(f"{API}/claims/{c0.public_id}/").json()["text"] == c0.text
    # Not known yet on the 17th: the demo starts on the 18th, before which there is nothing.
    assert problem(reader.get(f"{API}/claims/{c0.public_id}/", {"as_of": "2024-10-17"}), 400)


@pytest.mark.django_db
def test_a_deleted_statement_stays_in_the_past(demo, reader, editor):
    url = f"{API}/claims/{claim('C1').public_id}/timeline/"
    before = reader.get(url, {"as_of": "2024-10-20"}).json()
    assert len(before["entries"]) == 4  # the briefing and the three reports repeating it
    statement = claim("C1").statements.get(source__title__startswith="NIS briefing")
    services.statement_delete(statement, editor=editor)
    assert reader.get(url, {"as_of": "2024-10-20"}).json() == before
    now = [e["type"] for e in reader.get(url).json()["entries"]]
    # The repeats stay, C4 refines it, the verdict changed; the briefing's statement is gone.
    assert now == ["statement"] * 3 + ["related_claim", "verdict_change"]


@pytest.mark.django_db
def test_a_settled_past_is_kept_for_good_with_a_strong_etag(demo, reader):
    url = f"{API}/topics/{topic().public_id}/timeline/"
    past = reader.get(url, {"as_of": "2024-10-23"})
    assert past["Cache-Control"] == "private, max-age=31536000, immutable"
    assert not past["ETag"].startswith("W/")
    assert past["As-Of"] == "2024-10-23T23:59:59.999999+00:00"
    again = reader.get(url, {"as_of": "2024-10-23"}, HTTP_IF_NONE_MATCH=past["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "private, max-age=31536000, immutable"
    now = reader.get(url)
    assert now["Cache-Control"] == "private, no-cache"
    assert now["ETag"].startswith("W/")
    assert "As-Of" not in now


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ("as_of=2999-01-01", "as_of", "in the future"),
        ("said_by=2999-01-01T00:00:00Z", "said_by", "in the future"),
        ("as_of=2024-10-01", "as_of", "Nothing had been recorded by then"),
        ("as_of=23.10.2024", "as_of", "Give a date"),
        ("as_of=2024-02-30", "as_of", "not a real date"),
        ("as_of=2024-10-23T12:00:00%2B20:00", "as_of", "not before"),
    ],
)
def test_moments_that_cannot_be_answered_are_400s_with_a_field_message(
    demo, reader, query, parameter, says
):
    response = reader.get(f"{API}/topics/{topic().public_id}/timeline/?{query}")
    if says == "not before":  # an offset of +20:00 is a real moment: 16:00 the day before
        assert response.status_code == 200
        assert response["As-Of"] == "2024-10-22T16:00:00+00:00"
        return
    body = problem(response, 400)
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert says in body["errors"][0]["detail"]


@pytest.mark.django_db
def test_resources_that_answer_for_now_only_refuse_as_of(demo, reader):
    body = problem(reader.get(f"{API}/actors/", {"as_of": "2024-10-23"}), 400)
    assert (
        body["errors"] == [{"parameter": "as_of", "detail": "This resource answers for now only."}]
        or body["errors"][0]["parameter"] == "as_of"
    )


AS_OF_ENDPOINTS = [
    "topics/{topic}/timeline/",
    "topics/{topic}/quantities/",
    "topics/{topic}/claimreview/",
    "claims/{claim}/",
    "claims/{claim}/verdict/",
    "claims/{claim}/timeline/",
    "claims/{claim}/statements/?page_size=100",
    "claims/{claim}/claimreview/",
    "claims/?topic={topic}&page_size=100",
    "statements/?claim={claim}&page_size=100",
    "actors/{actor}/statements/?page_size=100",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", AS_OF_ENDPOINTS)
def test_as_of_queries_do_not_grow_with_the_story(demo, reader, path):
    """40 more statements (and claims, actors and sources with them) known by the moment asked
    about cost no query more."""
    c0 = claim("C0")
    speaker = actor("NATO")
    url = (
        API
        + "/"
        + path.format(topic=topic().public_id, claim=c0.public_id, actor=speaker.public_id)
    )
    url += ("&" if "?" in url else "?") + "as_of=2024-10-29"
    reader.get(url)  # warm up: the token's last-used time is written

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(url).status_code == 200
        return len(queries)

    few = count()
    said = datetime(2024, 10, 26, tzinfo=UTC)
    with clock.recording_at(said):
        for _ in range(20):
            StatementFactory(claim=c0, said_at=said)
            StatementFactory(claim=c0, actor=speaker, said_at=said)
            ClaimFactory(topic=topic(), first_asserted_on=said.date())
    assert count() == few


@pytest.mark.django_db
def test_the_claimreview_export_as_of_a_day(demo, reader):
    c0 = claim("C0")
    assert (
        reader.get(f"{API}/claims/{c0.public_id}/claimreview/?as_of=2024-10-19").status_code == 404
    )
    review = reader.get(f"{API}/claims/{c0.public_id}/claimreview/?as_of=2024-10-25").json()
    rating = review["reviewRating"]
    assert (rating["alternateName"], review["datePublished"]) == ("Disputed", "2024-10-21")
    assert rating["ratingExplanation"].startswith("Asserted by the NIS, denied by the DPRK")
    # Where it appeared by the 25th: Zelensky's address and Austin's remarks; not yet NATO's.
    appeared = [work["headline"] for work in review["itemReviewed"]["appearance"]]
    assert appeared == ["Zelensky video address", "Remarks by US Secretary of Defense Lloyd Austin"]
    graph = reader.get(f"{API}/topics/{topic().public_id}/claimreview/?as_of=2024-10-23").json()
    decided = {
        item["claimReviewed"]: item["reviewRating"]["alternateName"] for item in graph["@graph"]
    }
    assert decided == {
        c0.text: "Disputed",
        "North Korea has moved 1,500 soldiers to Russia": "Partly true",
    }
    now = reader.get(f"{API}/claims/{c0.public_id}/claimreview/").json()
    assert now["reviewRating"]["alternateName"] == "True"


@pytest.mark.django_db
def test_lists_answer_as_of_a_day_and_refuse_filters_on_todays_relations(demo, reader, editor):
    def texts(path: str, **query) -> list[str]:
        response = reader.get(f"{API}/{path}", query)
        assert response.status_code == 200, response.content[:300]
        return [row.get("text") or row["actor"]["name"] for row in response.json()["results"]]

    assert len(texts("claims/", as_of="2024-10-19")) == 5  # C0, C1, C3 (18th); C5, C6 (drones)
    assert len(texts("claims/", said_by="2024-10-19")) == 6  # C2 too: asserted the 18th
    assert texts("claims/", as_of="2024-10-22", verdict="disputed") == [
        claim("C0").text,
        claim("C6").text,
    ]
    # Page by page through the cursor, as the client would.
    first = reader.get(f"{API}/claims/", {"as_of": "2024-10-22", "page_size": 2}).json()
    rest = reader.get(first["next"]).json()
    assert len(first["results"]) == 2 and rest["results"]
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in rest["results"]}

    c0 = claim("C0")
    on_c0 = texts(f"claims/{c0.public_id}/statements/", as_of="2024-10-22")
    assert "DPRK representative to the UN" not in on_c0  # entered on the 24th
    assert "DPRK representative to the UN" in texts(
        f"claims/{c0.public_id}/statements/", said_by="2024-10-22"
    )
    nato = actor("NATO").public_id
    assert texts(f"actors/{nato}/statements/", as_of="2024-10-21") == []
    assert texts("statements/", as_of="2024-10-22", actor=str(nato)) == ["NATO"]
    # A statement's claim shows the verdict in force then.
    row = reader.get(f"{API}/statements/", {"as_of": "2024-10-22", "actor": nato}).json()
    assert row["results"][0]["claim"]["verdict"] == "disputed"

    # A deleted statement stays in the lists of the days it was known.
    services.statement_delete(c0.statements.get(actor__name="NATO"), editor=editor)
    assert "NATO" in texts(f"claims/{c0.public_id}/statements/", as_of="2024-10-22")
    assert "NATO" not in texts(f"claims/{c0.public_id}/statements/")

    for path, name in (("claims/", "q"), ("claims/", "has_open_flag"), ("statements/", "verdict")):
        body = problem(reader.get(f"{API}/{path}", {"as_of": "2024-10-22", name: "true"}), 400)
        assert [error["parameter"] for error in body["errors"]] == [name]


@pytest.mark.django_db
def test_a_blank_moment_is_a_400_not_now(demo, reader):
    for query in ("as_of=", "said_by=&as_of=2024-10-23"):
        body = problem(reader.get(f"{API}/claims/{claim('C0').public_id}/?{query}"), 400)
        assert body["errors"][0]["detail"].startswith("Give a date (2024-10-23)")
    body = problem(
        reader.get(f"{API}/topics/{topic().public_id}/changes/?from=2024-10-19&to="), 400
    )
    assert [error["parameter"] for error in body["errors"]] == ["to"]
