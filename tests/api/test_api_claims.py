"""Topics and claims: lists with filters and search, details, relations, statements."""

from datetime import UTC, datetime

import pytest

from claims import services
from claims.models import Claim, FlagReason
from tests.api.api_helpers import API, actor, claim, ids, problem, source, topic
from tests.factories import ClaimFactory


def claim_ids(*keys: str) -> set[str]:
    return {str(claim(key).public_id) for key in keys}


@pytest.mark.django_db
def test_topics_list_and_detail(demo, reader):
    rows = reader.get(f"{API}/topics/").json()["results"]
    assert [(row["slug"], row["claim_count"]) for row in rows] == [
        ("dprk-troops-in-russia", 6),
        ("drones-over-pyongyang", 2),
    ]
    detail = reader.get(f"{API}/topics/{rows[0]['id']}/").json()
    assert detail["title"] == "DPRK troops in Russia"
    assert reader.get(f"{API}/topics/?q=drones").json()["results"][0]["slug"] == (
        "drones-over-pyongyang"
    )


@pytest.mark.django_db
def test_claim_detail_uses_public_ids_and_carries_the_quantity(demo, reader):
    c1 = claim("C1")
    body = reader.get(f"{API}/claims/{c1.public_id}/").json()
    assert body["id"] == str(c1.public_id)
    assert body["topic"]["slug"] == "dprk-troops-in-russia"
    assert body["claimant"]["name"] == "National Intelligence Service"
    assert body["quantity"] == {
        "value": 1500.0,
        "upper_bound": None,
        "unit": "soldiers",
        "qualifier": "exact",
        "is_projection": False,
    }
    assert (body["verdict"], body["version"]) == ("partly_confirmed", 2)
    assert "pk" not in body and isinstance(body["id"], str)


@pytest.mark.django_db
def test_claims_list_default_order_is_first_asserted(demo, reader):
    rows = reader.get(f"{API}/claims/?page_size=100").json()["results"]
    assert len(rows) == 8
    dates = [row["first_asserted_on"] for row in rows]
    assert dates == sorted(dates)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("verdict=confirmed", {"C0"}),
        ("verdict=disputed&verdict=partly_confirmed", {"C1", "C6"}),
        ("has_quantity=true", {"C1", "C2", "C4"}),
        ("has_quantity=false&verdict=unverified&topic={troops}", {"C3", "C7"}),
        ("topic={drones}", {"C5", "C6"}),
        ("actor={kim_yo_jong}", {"C0", "C5"}),
        ("actor={kim_yo_jong}&stance=disputes", {"C0"}),
        ("actor={kim_yo_jong}&stance=asserts", {"C5"}),
        ("stance=denies", {"C0"}),
        ("stance=cannot_confirm&verdict=confirmed", {"C0"}),
        ("first_asserted_since=2024-10-19&first_asserted_before=2024-10-24", {"C4", "C6", "C7"}),
        ("language=de&has_quantity=true&verdict=unverified", {"C2"}),
        ("source_health=unchecked&topic={drones}", {"C5", "C6"}),
        ("source_health=gone", set()),
    ],
)
def test_claim_filters(demo, reader, query, expected):
    query = query.format(
        troops=topic().public_id,
        drones=topic("drones-over-pyongyang").public_id,
        kim_yo_jong=actor("Kim Yo Jong").public_id,
    )
    assert set(ids(reader.get(f"{API}/claims/?page_size=100&{query}"))) == claim_ids(*expected)


@pytest.mark.django_db
def test_claims_with_open_flags_and_source_health(demo, reader, editor):
    c0 = claim("C0")
    services.open_flag(c0, reason=FlagReason.STALE)
    assert set(ids(reader.get(f"{API}/claims/?has_open_flag=true"))) == claim_ids("C0")
    assert claim_ids("C0").isdisjoint(
        ids(reader.get(f"{API}/claims/?has_open_flag=false&page_size=100"))
    )
    s9 = source("NATO press conference")
    s9.health = "gone"
    s9.save()
    assert set(ids(reader.get(f"{API}/claims/?source_health=gone"))) == claim_ids("C0")


@pytest.mark.django_db
def test_updated_and_recorded_ranges(demo, reader):
    new = ClaimFactory(topic=topic(), recorded_at=datetime(2030, 1, 1, tzinfo=UTC))
    got = ids(reader.get(f"{API}/claims/?recorded_since=2029-12-31T00:00:00Z"))
    assert got == [str(new.public_id)]
    Claim.objects.filter(pk=new.pk).update(updated_at=datetime(2031, 1, 1, tzinfo=UTC))
    assert ids(reader.get(f"{API}/claims/?updated_since=2030-06-01T00:00:00Z")) == [
        str(new.public_id)
    ]
    assert str(new.public_id) not in ids(
        reader.get(f"{API}/claims/?updated_before=2030-06-01T00:00:00Z&page_size=100")
    )


@pytest.mark.django_db
def test_relations_in_both_directions(demo, reader):
    c1, c4 = claim("C1"), claim("C4")
    of_c4 = reader.get(f"{API}/claims/{c4.public_id}/relations/").json()["relations"]
    assert [(r["kind"], r["direction"], r["claim"]["id"]) for r in of_c4] == [
        ("refines", "outgoing", str(c1.public_id))
    ]
    of_c1 = reader.get(f"{API}/claims/{c1.public_id}/relations/").json()["relations"]
    assert [(r["kind"], r["direction"], r["claim"]["id"]) for r in of_c1] == [
        ("refines", "incoming", str(c4.public_id))
    ]


@pytest.mark.django_db
def test_statements_of_a_claim_with_statement_filters(demo, reader):
    c0 = claim("C0")
    rows = reader.get(f"{API}/claims/{c0.public_id}/statements/?page_size=100").json()["results"]
    assert len(rows) == 11
    assert {row["claim"]["id"] for row in rows} == {str(c0.public_id)}
    said = [row["said_at"] for row in rows]
    assert said == sorted(said)
    supports = reader.get(f"{API}/claims/{c0.public_id}/statements/?stance=supports").json()
    assert {row["actor"]["name"] for row in supports["results"]} == {
        "Volodymyr Zelensky",
        "Lloyd Austin",
        "Mark Rutte",
        "Valery Gerasimov",
        "Korean Central News Agency",
    }
    problem(reader.get(f"{API}/claims/00000000-0000-4000-8000-000000000000/statements/"), 404)
