"""Keyset cursors: every row exactly once while rows are added, bounded pages, clear errors."""

import base64
import json

import pytest

from tests.api.api_helpers import API, ids, problem
from tests.factories import ClaimFactory, TopicFactory


def walk(client, url: str) -> list[str]:
    seen, pages = [], 0
    while url:
        response = client.get(url)
        seen += ids(response)
        url = response.json()["next"]
        pages += 1
        assert pages < 100
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("page_size", [2, 5])  # 5: a page that holds dated and undated claims
def test_following_next_yields_every_claim_once_in_order(reader, page_size):
    topic = TopicFactory()
    claims = [
        ClaimFactory(topic=topic, first_asserted_on=f"2024-10-{day:02d}") for day in (3, 1, 2)
    ]
    claims += [ClaimFactory(topic=topic, first_asserted_on=None) for _ in range(2)]
    claims += [ClaimFactory(topic=topic, first_asserted_on="2024-10-02") for _ in range(3)]
    seen = walk(reader, f"{API}/claims/?page_size={page_size}&topic={topic.public_id}")
    assert len(seen) == len(set(seen)) == len(claims)
    by_id = {str(c.public_id): c for c in claims}
    ordered = [by_id[public_id].first_asserted_on for public_id in seen]
    dated = [str(day) for day in ordered if day is not None]
    assert dated == sorted(dated)
    assert ordered[-2:] == [None, None]  # claims without a date come last


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", ["-first_asserted_on", "recorded_at", "-updated_at"])
def test_rows_added_during_paging_neither_shift_nor_repeat_pages(reader, ordering):
    topic = TopicFactory()
    original = [
        ClaimFactory(topic=topic, first_asserted_on=f"2024-10-{d:02d}") for d in range(1, 11)
    ]
    url = f"{API}/claims/?page_size=3&topic={topic.public_id}&ordering={ordering}"
    seen, pages = [], 0
    while url:
        response = reader.get(url)
        seen += ids(response)
        url = response.json()["next"]
        # Claims added while the client pages: some sort before its position, some after.
        ClaimFactory(topic=topic, first_asserted_on="2024-09-01")
        ClaimFactory(topic=topic, first_asserted_on="2024-12-01")
        pages += 1
        assert pages < 50
    assert len(seen) == len(set(seen))
    assert {str(c.public_id) for c in original} <= set(seen)


@pytest.mark.django_db
def test_previous_walks_back_to_the_first_page(reader):
    topic = TopicFactory()
    for day in range(1, 8):
        ClaimFactory(topic=topic, first_asserted_on=f"2024-10-{day:02d}")
    url = f"{API}/claims/?page_size=3&topic={topic.public_id}"
    first = reader.get(url).json()
    second = reader.get(first["next"]).json()
    third = reader.get(second["next"]).json()
    assert third["next"] is None and len(third["results"]) == 1
    back = reader.get(third["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in second["results"]]
    back = reader.get(back["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in first["results"]]
    assert back["previous"] is None


@pytest.mark.django_db
def test_cursors_carry_no_database_ids(reader):
    topic = TopicFactory()
    for _ in range(3):
        ClaimFactory(topic=topic)
    next_url = reader.get(f"{API}/claims/?page_size=1&topic={topic.public_id}").json()["next"]
    cursor = next_url.split("cursor=")[1].split("&")[0]
    decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    assert len(decoded["k"]) == 36  # the public id, a UUID


@pytest.mark.django_db
@pytest.mark.parametrize("page_size", ["0", "101", "5000", "-1", "ten", ""])
def test_page_size_outside_1_to_100_is_refused(reader, page_size):
    body = problem(reader.get(f"{API}/claims/?page_size={page_size}"), 400)
    assert body["errors"][0]["parameter"] == "page_size"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "eyJ9",  # "{}" truncated
        base64.urlsafe_b64encode(b'{"o":"first_asserted_on","v":"x","k":"y","d":"next"}').decode(),
        base64.urlsafe_b64encode(b'{"o":"first_asserted_on","v":null,"k":5,"d":"next"}').decode(),
        base64.urlsafe_b64encode(b"[1,2]").decode(),
        "%00%01",
    ],
)
def test_bad_cursors_get_400(reader, cursor):
    body = problem(reader.get(f"{API}/claims/?cursor={cursor}"), 400)
    assert body["errors"][0]["parameter"] == "cursor"


@pytest.mark.django_db
def test_a_cursor_from_another_ordering_is_refused(reader):
    topic = TopicFactory()
    for _ in range(3):
        ClaimFactory(topic=topic)
    next_url = reader.get(f"{API}/claims/?page_size=1&ordering=recorded_at").json()["next"]
    cursor = next_url.split("cursor=")[1].split("&")[0]
    body = problem(reader.get(f"{API}/claims/?cursor={cursor}&ordering=updated_at"), 400)
    assert "another ordering" in body["errors"][0]["detail"]


@pytest.mark.django_db
def test_unknown_ordering_is_refused_with_the_choices(reader):
    body = problem(reader.get(f"{API}/claims/?ordering=text"), 400)
    assert "first_asserted_on" in body["errors"][0]["detail"]
