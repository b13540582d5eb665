"""Timelines and numeric estimates, as the dashboards draw them."""

from datetime import UTC, datetime

import pytest

from claims import selectors
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
        ("statement", "2024-10-18"),
        ("related_claim", "2024-10-23"),
        ("verdict_change", "2024-10-23"),
        ("source_event", "2024-11-03"),
        ("source_event", "2024-11-05"),
    ]
    statement, related, verdict, gone, back = entries
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
    assert kinds.count("statement") == 16
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
