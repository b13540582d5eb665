"""Errors are problem+json, and bad input of any kind is a 4xx, never a 500."""

import base64

import pytest

from actors.filters import ActorFilter
from api.filters import DateTimeFilter
from claims.filters import ClaimFilter, ReviewFlagFilter, StatementFilter
from sources.filters import SnapshotFilter, SourceFilter
from sources.models import Source
from tests.api.api_helpers import API, actor, claim, ids, problem


@pytest.mark.django_db
def test_malformed_json_is_a_400_problem(demo, writer):
    c1 = claim("C1")
    response = writer.post(
        f"{API}/claims/{c1.public_id}/verdict/",
        data='{"to": "confirmed", "rationale": ',
        content_type="application/json",
        HTTP_IF_MATCH='"2"',
    )
    assert problem(response, 400)["code"] == "parse_error"


@pytest.mark.django_db
def test_other_media_types_get_415(demo, writer):
    response = writer.post(
        f"{API}/statements/",
        data="stance=asserts",
        content_type="application/x-www-form-urlencoded",
    )
    problem(response, 415)


@pytest.mark.django_db
def test_a_body_over_the_limit_gets_413(demo, writer, settings):
    settings.CLAIMTRACK_API_MAX_BODY_BYTES = 1000
    response = writer.post(
        f"{API}/statements/",
        data='{"quote": "' + "x" * 2000 + '"}',
        content_type="application/json",
    )
    assert problem(response, 413)["max_bytes"] == 1000


@pytest.mark.django_db
def test_unknown_and_malformed_ids_get_404_problems(demo, reader):
    for path in (
        "/claims/00000000-0000-4000-8000-000000000000/",
        "/claims/not-a-uuid/",
        "/claims/not-a-uuid/timeline/",
        "/claims/0.5/verdict/",
        "/actors/00000000-0000-4000-8000-000000000000/statements/",
        "/sources/nope/snapshots/",
        "/topics/1/",
    ):
        problem(reader.get(API + path), 404)


@pytest.mark.django_db
def test_unknown_paths_under_the_api_are_404_problems_even_for_posts(reader, writer):
    problem(reader.get(f"{API}/no/such/thing"), 404)
    problem(writer.post(f"{API}/no/such/thing", {}, format="json"), 404)


@pytest.mark.django_db
def test_methods_a_resource_lacks_get_405_with_allow(demo, writer):
    response = writer.delete(f"{API}/claims/{claim('C1').public_id}/")
    problem(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_only_json_is_served(demo, reader):
    problem(reader.get(f"{API}/claims/", HTTP_ACCEPT="text/csv"), 406)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "verdict=maybe",
        "topic=not-a-uuid",
        "topic=",
        "has_quantity=perhaps",
        "has_open_flag=",
        "updated_since=yesterday",
        "first_asserted_since=2024-13-45",
        "q=" + "x" * 201,
        "q=a%00b",
        "stance=asserts&stance=shouts",
        "source_health=fine",
    ],
)
def test_bad_filter_values_are_400_naming_the_parameter(reader, query):
    body = problem(reader.get(f"{API}/claims/?{query}"), 400)
    name = query.split("=")[0]
    assert name in {error["parameter"] for error in body["errors"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["since=-1", "since=abc", "since=99999999999999999999", "limit=0", "limit=501", "kind=nope"],
)
def test_bad_changes_parameters_are_400(reader, query):
    problem(reader.get(f"{API}/changes/?{query}"), 400)


@pytest.mark.django_db
def test_problem_documents_follow_rfc_9457(demo, reader):
    body = problem(reader.get(f"{API}/claims/?page_size=1000"), 400)
    assert body["type"] == "urn:claimtrack:problem:invalid-request"
    assert body["title"] == "Bad Request"
    assert body["instance"] == "/api/v1/claims/"
    assert body["errors"] == [
        {
            "parameter": "page_size",
            "detail": (
                "page_size is a whole number from 1 to 100; follow the `next` link for more rows."
            ),
        }
    ]


def _date_time_lists() -> list[tuple[str, str]]:
    """(list path, parameter) for every DateTimeFilter of every list that has one."""
    lists = {
        f"{API}/claims/": ClaimFilter,
        f"{API}/statements/": StatementFilter,
        f"{API}/claims/{{claim}}/statements/": StatementFilter,
        f"{API}/actors/": ActorFilter,
        f"{API}/actors/{{actor}}/statements/": StatementFilter,
        f"{API}/flags/": ReviewFlagFilter,
        f"{API}/sources/": SourceFilter,
        f"{API}/sources/{{source}}/snapshots/": SnapshotFilter,
    }
    return [
        (path, name)
        for path, filterset in lists.items()
        for name, declared in filterset.base_filters.items()
        if isinstance(declared, DateTimeFilter)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), _date_time_lists())
@pytest.mark.parametrize(
    "moment",
    [
        "2024-01-01T00:00:00%2B20:00",  # past the ±15:59 PostgreSQL holds
        "2024-01-01T00:00:00-16:00",
        "0125-10-28T14:28:26%2B09:30",
        "0001-01-01T00:00:00%2B23:59",  # before the first moment Python has in UTC
        "9999-12-31T23:59:59-23:59",  # after the last
    ],
)
def test_any_date_time_the_schema_allows_is_taken(demo, writer, path, name, moment):
    url = path.format(
        claim=claim("C1").public_id,
        actor=actor("Kim Jong Un").public_id,
        source=Source.objects.order_by("pk").first().public_id,
    )
    response = writer.get(f"{url}?{name}={moment}")
    assert response.status_code == 200, response.content[:300]


@pytest.mark.django_db
def test_a_date_time_filters_at_its_moment_in_utc_whatever_its_offset(demo, reader):
    def said(query: str) -> list[str]:
        return ids(reader.get(f"{API}/statements/?{query}&ordering=said_at&page_size=100"))

    since, before = (
        said("said_since=2024-10-21T12:00:00Z"),
        said("said_before=2024-10-21T12:00:00Z"),
    )
    assert since and before
    for local in ("2024-10-22T08:00:00%2B20:00", "2024-10-20T20:00:00-16:00"):
        assert said(f"said_since={local}") == since
        assert said(f"said_before={local}") == before


@pytest.mark.django_db
def test_a_deeply_nested_json_body_is_a_400_parse_error(demo, writer):
    for path in (f"{API}/statements/", f"{API}/claims/{claim('C1').public_id}/verdict/"):
        response = writer.post(
            path, data="[" * 50_000, content_type="application/json", HTTP_IF_MATCH='"2"'
        )
        assert problem(response, 400)["code"] == "parse_error"


@pytest.mark.django_db
def test_a_tampered_cursor_of_deeply_nested_json_is_a_400_naming_the_cursor(demo, reader):
    cursor = base64.urlsafe_b64encode(b"[" * 50_000).decode().rstrip("=")
    body = problem(reader.get(f"{API}/claims/?cursor={cursor}"), 400)
    assert [error["parameter"] for error in body["errors"]] == ["cursor"]


@pytest.mark.django_db
@pytest.mark.parametrize("page_size", ["%C2%B2", "%D9%A3", "%EF%BC%95", "9" * 5000, "+5", " 5"])
def test_page_size_outside_ascii_digits_is_a_400_naming_it(demo, reader, page_size):
    body = problem(reader.get(f"{API}/claims/?page_size={page_size}"), 400)
    assert [error["parameter"] for error in body["errors"]] == ["page_size"]


@pytest.mark.django_db
def test_a_20_mb_body_is_a_413_problem_before_anything_reads_it(demo, writer):
    body = b'{"quote": "' + b"x" * (20 * 1024 * 1024) + b'"}'
    for content_type in ("application/json", "application/x-www-form-urlencoded"):
        response = writer.post(f"{API}/statements/", data=body, content_type=content_type)
        assert problem(response, 413)["max_bytes"] == 1_000_000
