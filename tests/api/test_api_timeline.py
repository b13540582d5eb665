"""Timelines and numeric estimates, as the dashboards draw them."""

import dataclasses
import functools
import gc
import json
import weakref
from datetime import UTC, datetime

import pytest
from rest_framework.renderers import JSONRenderer

from claims import selectors
from claims.api.serializers import (
    ClaimTimelineSerializer,
    TopicQuantitiesSerializer,
    TopicTimelineSerializer,
    serialize_claim_timeline,
    serialize_topic_quantities,
    serialize_topic_timeline,
)
from claims.models import Claim, Topic
from sources.models import Health, Snapshot
from tests.api.api_helpers import API, claim, source, topic


def snapshot(source_, day: int, health: str) -> Snapshot:
    return Snapshot.objects.create(
        source=source_,
        fetched_at=datetime(2024, 11, day, 8, tzinfo=UTC),
        status_code=404 if health == Health.GONE else 200,
        health=health,
    )


@pytest.mark.django_db
def test_claim_timeline_merges_statements_verdicts_source_events_and_relations(demo, reader):
    c1 = claim("C1")
    s2 = source("NIS briefing")
    snapshot(s2, 1, Health.OK)  # first check, healthy: no news
    snapshot(s2, 2, Health.OK)
    snapshot(s2, 3, Health.GONE)  # vanished: news
    snapshot(s2, 4, Health.GONE)
    snapshot(s2, 5, Health.OK)  # back: news

    body = reader.get(f"{API}/claims/{c1.public_id}/timeline/").json()
    assert body["claim"]["id"] == str(c1.public_id)
    entries = body["entries"]
    assert [(e["type"], e["time"][:10]) for e in entries] == [
        *[("statement", "2024-10-18")] * 4,  # the NIS briefing, and three reports repeating it
        ("related_claim", "2024-10-23"),
        ("verdict_change", "2024-10-23"),
        ("source_event", "2024-11-03"),
        ("source_event", "2024-11-05"),
    ]
    statement, *_repeats, related, verdict, gone, back = entries
    assert statement["actor"]["name"] == "National Intelligence Service"
    assert (statement["stance"], statement["source"]["id"]) == ("asserts", str(s2.public_id))
    assert statement["quote"].startswith("1,500 soldiers")
    assert related["related_claim"]["kind"] == "refines"
    assert related["related_claim"]["direction"] == "incoming"
    assert related["related_claim"]["claim"]["id"] == str(claim("C4").public_id)
    assert verdict["verdict_change"]["to_verdict"] == "partly_confirmed"
    assert (verdict["actor"], verdict["stance"], verdict["quote"]) == (None, None, None)
    assert gone["health"] == {"previous": "ok", "current": "gone", "status_code": 404, "error": ""}
    assert (back["health"]["previous"], back["health"]["current"]) == ("gone", "ok")
    assert gone["source"]["id"] == str(s2.public_id)


@pytest.mark.django_db
def test_topic_timeline_merges_its_claims_in_time_order(demo, reader):
    troops = topic()
    body = reader.get(f"{API}/topics/{troops.public_id}/timeline/").json()
    entries = body["entries"]
    times = [e["time"] for e in entries]
    assert times == sorted(times)
    kinds = [e["type"] for e in entries]
    assert kinds.count("statement") == 19  # 16, and three reports repeating the NIS figure
    assert kinds.count("verdict_change") == 3
    assert kinds.count("related_claim") == 1  # C4 refines C1, once
    assert {e["claim"]["id"] for e in entries} <= {str(c.public_id) for c in troops.claims.all()}


@pytest.mark.django_db
def test_quantity_series_move_from_1500_to_3000_then_the_projected_12000(demo, reader):
    troops = topic()
    body = reader.get(f"{API}/topics/{troops.public_id}/quantities/").json()
    series = body["series"]
    assert [(s["quantity"]["value"], s["quantity"]["is_projection"]) for s in series] == [
        (1500.0, False),
        (3000.0, False),
        (12000.0, True),
    ]
    assert [s["claim"]["id"] for s in series] == [
        str(claim(key).public_id) for key in ("C1", "C4", "C2")
    ]
    kirby = series[1]["points"]
    assert [(p["time"][:10], p["actor"]["name"], p["stance"]) for p in kirby] == [
        ("2024-10-23", "John Kirby", "asserts")
    ]
    assert series[1]["quantity"]["qualifier"] == "at_least"


@pytest.mark.django_db
def test_a_quantity_nobody_is_recorded_saying_has_its_first_assertion_as_point(demo):
    from tests.factories import ClaimFactory

    troops = topic()
    ClaimFactory(
        topic=troops,
        first_asserted_on="2024-12-01",
        quantity_value=11000,
        quantity_unit="soldiers",
        quantity_qualifier="approximate",
    )
    series = selectors.topic_quantity_series(troops)
    lonely = series[2]
    assert (
        lonely.quantity.value,
        [(p.time.date().isoformat(), p.statement) for p in lonely.points],
    ) == (
        11000,
        [("2024-12-01", None)],
    )


# --- The plain rendering (claims.api.serializers.serialize_*) against DRF's --------------------


@pytest.fixture
def story(demo):
    """The demo, plus source events (a source that vanished and came back) and a quantity
    nobody is recorded saying, so that every kind of entry and point is rendered."""
    from tests.factories import ClaimFactory

    nis = source("NIS briefing")
    for day, health in ((1, Health.OK), (2, Health.GONE), (3, Health.OK)):
        snapshot(nis, day, health)
    ClaimFactory(
        topic=topic(),
        first_asserted_on="2024-12-01",
        quantity_value=11000,
        quantity_max=12000,
        quantity_unit="soldiers",
        quantity_qualifier="approximate",
    )
    return demo


def drf_rendering(path: str) -> bytes:
    """What the declared DRF serializers render for a timeline or quantities path."""
    kind, public_id, what = path.removeprefix(f"{API}/").strip("/").split("/")
    if kind == "claims":
        subject = Claim.objects.select_related("topic", "claimant").get(public_id=public_id)
        data = ClaimTimelineSerializer(
            {"claim": subject, "entries": selectors.claim_timeline(subject)}
        ).data
    else:
        subject = Topic.objects.get(public_id=public_id)
        if what == "timeline":
            entries = selectors.topic_timeline(subject)
            support = selectors.support_in_timeline(entries)
            public_ids = dict(Claim.objects.values_list("pk", "public_id"))
            data = TopicTimelineSerializer(
                {
                    "topic": subject,
                    "entries": entries,
                    "support": [
                        {"claim": public_ids[pk], **dataclasses.asdict(summary)}
                        for pk, summary in support.items()
                    ],
                }
            ).data
        else:
            data = TopicQuantitiesSerializer(
                {"topic": subject, "series": selectors.topic_quantity_series(subject)}
            ).data
    return JSONRenderer().render(data)


@pytest.mark.django_db
def test_timelines_and_quantities_are_byte_for_byte_what_the_drf_serializers_render(story, reader):
    paths = [f"{API}/claims/{c.public_id}/timeline/" for c in Claim.objects.order_by("pk")]
    for t in Topic.objects.order_by("pk"):
        paths += [
            f"{API}/topics/{t.public_id}/timeline/",
            f"{API}/topics/{t.public_id}/quantities/",
        ]
    for path in paths:
        response = reader.get(path)
        assert response.status_code == 200
        assert response.content == drf_rendering(path), path


@pytest.mark.django_db
def test_the_demo_claims_timeline_is_pinned(story, reader):
    """C1's timeline, whole, as the DRF serializers render it: the plain rendering may not
    drift from the documented schema, member by member."""
    path = f"{API}/claims/{claim('C1').public_id}/timeline/"
    body = reader.get(path).json()
    assert body == json.loads(drf_rendering(path))
    assert [list(entry) for entry in body["entries"]] == [
        [
            "type",
            "time",
            "claim",
            "actor",
            "stance",
            "previous_stance",
            "quote",
            "source",
            "statement",
            "verdict_change",
            "health",
            "related_claim",
        ]
    ] * len(body["entries"])


@pytest.mark.django_db
def test_the_story_exercises_every_kind_of_entry_and_point(story, reader):
    """Guards the tests above: they compare something worth comparing."""
    body = reader.get(f"{API}/topics/{topic().public_id}/timeline/").json()
    assert {e["type"] for e in body["entries"]} == {
        "statement",
        "verdict_change",
        "source_event",
        "related_claim",
    }
    series = reader.get(f"{API}/topics/{topic().public_id}/quantities/").json()["series"]
    points = [p for s in series for p in s["points"]]
    assert any(p["statement"] is None and p["actor"] is None for p in points)
    assert any(s["quantity"]["upper_bound"] == 12000.0 for s in series)
    c1 = reader.get(f"{API}/claims/{claim('C1').public_id}/timeline/").json()
    assert {e["type"] for e in c1["entries"]} >= {"source_event", "related_claim"}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["claim timeline", "topic timeline", "topic quantities"])
def test_a_rendered_timeline_frees_its_rows_without_waiting_for_the_garbage_collector(story, kind):
    """Rows kept alive by reference cycles wait for the collector's next full pass, which then
    stalls some request for 100 ms and more (docs/benchmarks.md); rendering must keep none."""
    c0 = claim("C0")
    if kind == "claim timeline":
        rows = selectors.claim_timeline(c0)
        row = rows[0].statement or rows[0].verdict_change
        render = functools.partial(serialize_claim_timeline, c0)
    elif kind == "topic timeline":
        rows = selectors.topic_timeline(c0.topic)
        row = next(entry.statement for entry in rows if entry.statement)
        render = functools.partial(serialize_topic_timeline, c0.topic, support={})
    else:
        rows = selectors.topic_quantity_series(c0.topic)
        row = rows[0].points[0].statement
        render = functools.partial(serialize_topic_quantities, c0.topic)
    alive = weakref.ref(row)
    gc.disable()
    try:
        data = render(rows)
        del rows, row
        assert alive() is None
    finally:
        gc.enable()
    assert data.get("entries") or data.get("series")
