"""The timelines and quantity series skip DRF's per-field walk for speed (issue #10); their bodies
must stay byte for byte what DRF's generic field-by-field path renders from the same fields."""

import gc
import weakref
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers

from claims import selectors
from claims.api.serializers import (
    ClaimTimelineSerializer,
    ManyRowsSerializer,
    TopicQuantitiesSerializer,
    TopicTimelineSerializer,
)
from claims.models import Claim, Topic
from sources.models import Health, Snapshot
from tests.api.api_helpers import API, claim, source, topic
from tests.factories import ClaimFactory


def field_by_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ManyRowsSerializer, "to_representation", ManyRowsSerializer.field_by_field)


def bodies(client, paths: list[str]) -> list[bytes]:
    responses = [client.get(path) for path in paths]
    assert [r.status_code for r in responses] == [200] * len(paths)
    return [r.content for r in responses]


@pytest.fixture
def story(demo):
    """The demo, plus source events (a source that vanished and came back) and a quantity
    nobody is recorded saying, so that every kind of entry and point is rendered."""
    nis = source("NIS briefing")
    for day, health in ((1, Health.OK), (2, Health.GONE), (3, Health.OK)):
        Snapshot.objects.create(
            source=nis,
            fetched_at=datetime(2024, 11, day, 8, tzinfo=UTC),
            status_code=404 if health == Health.GONE else 200,
            health=health,
        )
    ClaimFactory(
        topic=topic(),
        first_asserted_on="2024-12-01",
        quantity_value=11000,
        quantity_max=12000,
        quantity_unit="soldiers",
        quantity_qualifier="approximate",
    )
    return demo


@pytest.mark.django_db
def test_timelines_and_quantities_render_as_drf_renders_them_field_by_field(
    story, reader, monkeypatch
):
    paths = [f"{API}/claims/{c.public_id}/timeline/" for c in Claim.objects.order_by("pk")]
    for t in Topic.objects.order_by("pk"):
        paths += [
            f"{API}/topics/{t.public_id}/timeline/",
            f"{API}/topics/{t.public_id}/quantities/",
        ]
    fast = bodies(reader, paths)

    field_by_field(monkeypatch)
    assert bodies(reader, paths) == fast


@pytest.mark.django_db
def test_the_story_exercises_every_kind_of_entry_and_point(story, reader):
    """Guards the test above: it compares something worth comparing."""
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
def test_an_actor_quoted_many_times_is_one_representation_reused(story, reader):
    body = reader.get(f"{API}/topics/{topic().public_id}/timeline/").json()
    by_actor: dict[str, list[dict]] = {}
    for entry in body["entries"]:
        if entry["actor"] is not None:
            by_actor.setdefault(entry["actor"]["id"], []).append(entry["actor"])
    assert any(len(reps) > 1 for reps in by_actor.values())
    assert all(all(rep == reps[0] for rep in reps) for reps in by_actor.values())


def test_a_field_reading_another_attribute_is_refused():
    class Renamed(ManyRowsSerializer):
        when = serializers.DateTimeField(source="time")

    with pytest.raises(ImproperlyConfigured, match="members"):
        Renamed().to_representation({"time": None})


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["claim timeline", "topic timeline", "topic quantities"])
def test_a_rendered_timeline_frees_its_rows_without_waiting_for_the_garbage_collector(story, kind):
    """DRF serializers are reference cycles; a timeline's rows must not be kept by one until
    the next full collection (which then stalls a request for 100 ms and more)."""
    c0 = claim("C0")
    if kind == "claim timeline":
        rows = selectors.claim_timeline(c0)
        row = rows[0].statement or rows[0].verdict_change
        serializer = ClaimTimelineSerializer({"claim": c0, "entries": rows})
    elif kind == "topic timeline":
        rows = selectors.topic_timeline(c0.topic)
        row = next(entry.statement for entry in rows if entry.statement)
        serializer = TopicTimelineSerializer({"topic": c0.topic, "entries": rows})
    else:
        rows = selectors.topic_quantity_series(c0.topic)
        row = rows[0].claim
        serializer = TopicQuantitiesSerializer({"topic": c0.topic, "series": rows})
    alive = weakref.ref(row)
    gc.disable()
    try:
        data = serializer.data
        del rows, row
        assert alive() is None
    finally:
        gc.enable()
    assert data[next(iter(data.keys() - {"claim", "topic"}))]  # entries or series were rendered
