"""The verdict of a claim: read with its version as ETag, changed only with If-Match, through
services.change_verdict."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from claims import services
from claims.models import ChangeEvent, Claim, VerdictChange
from tests.api.api_helpers import API, claim, problem, served_schema, source


def verdict_url(c: Claim) -> str:
    return f"{API}/claims/{c.public_id}/verdict/"


def read_etag(client, c: Claim) -> str:
    response = client.get(verdict_url(c))
    assert response.status_code == 200
    return response["ETag"]


@pytest.mark.django_db
def test_get_verdict_with_history_and_version_etag(demo, reader):
    c0 = claim("C0")
    response = reader.get(verdict_url(c0))
    assert response.status_code == 200
    body = response.json()
    assert (body["verdict"], body["version"]) == ("confirmed", 3)
    assert response["ETag"] == f'"claim-{c0.public_id}-v3"' == body["etag"]
    assert [(h["from_verdict"], h["to_verdict"]) for h in body["history"]] == [
        ("unverified", "disputed"),
        ("disputed", "confirmed"),
    ]
    s7 = source("Remarks by US Secretary of Defense")
    assert str(s7.public_id) in body["history"][1]["evidence"]
    assert body["history"][1]["decided_by"] == "editor"
    assert "Last-Modified" in response


@pytest.mark.django_db
def test_polling_a_verdict_needs_no_query_and_a_change_shows_at_once(
    demo, reader, writer, django_assert_num_queries, django_capture_on_commit_callbacks
):
    c1 = claim("C1")
    first = reader.get(verdict_url(c1))  # the token and this version's body are cached now
    with django_assert_num_queries(0):
        again = reader.get(verdict_url(c1))
    assert again.json() == first.json() and again["ETag"] == first["ETag"]
    with django_assert_num_queries(0):
        not_modified = reader.get(verdict_url(c1), HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified["ETag"] == first["ETag"]

    with django_capture_on_commit_callbacks(execute=True):  # the change commits
        writer.post(
            verdict_url(c1),
            {"to": "denied", "rationale": "Retracted by the ministry."},
            format="json",
            HTTP_IF_MATCH=first["ETag"],
        )
    changed = reader.get(verdict_url(c1), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert (changed.json()["verdict"], changed.json()["version"]) == ("denied", 3)
    assert changed.json()["history"][-1]["rationale"] == "Retracted by the ministry."


@pytest.mark.django_db
def test_change_with_if_match_writes_through_the_service(demo, writer, editor):
    c1 = claim("C1")
    evidence = source("Remarks by US Secretary of Defense")
    etag = read_etag(writer, c1)
    response = writer.post(
        verdict_url(c1),
        {
            "to": "confirmed",
            "rationale": "  The Pentagon confirms.  ",
            "evidence": [str(evidence.public_id)],
        },
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["verdict"], body["version"]) == ("confirmed", 3)
    assert response["ETag"] == f'"claim-{c1.public_id}-v3"'
    assert response["Location"].endswith(verdict_url(c1))
    change = VerdictChange.objects.get(claim=c1, version=3)
    assert (change.editor, change.rationale) == (editor, "The Pentagon confirms.")
    assert list(change.evidence.all()) == [evidence]
    event = ChangeEvent.objects.filter(kind="verdict.changed").latest("id")
    assert event.payload["to"] == "confirmed" and event.claim == c1


@pytest.mark.django_db
def test_without_if_match_the_answer_is_428_and_nothing_is_written(demo, writer):
    c1 = claim("C1")
    response = writer.post(
        verdict_url(c1), {"to": "confirmed", "rationale": "Sure."}, format="json"
    )
    assert problem(response, 428)["code"] == "precondition_required"
    assert Claim.objects.get(pk=c1.pk).version == c1.version
    assert VerdictChange.objects.filter(claim=c1).count() == 1


@pytest.mark.django_db
def test_if_match_star_is_not_a_version(demo, writer):
    c1 = claim("C1")
    response = writer.post(
        verdict_url(c1), {"to": "confirmed", "rationale": "Sure."}, format="json", HTTP_IF_MATCH="*"
    )
    problem(response, 428)


@pytest.mark.django_db
def test_the_schema_admits_every_if_match_the_api_takes_and_not_a_star(demo, writer):
    c1 = claim("C1")
    post = served_schema(writer)["paths"]["/api/v1/claims/{id}/verdict/"]["post"]
    [if_match] = [p for p in post["parameters"] if p["name"] == "If-Match"]
    syntax = re.compile(if_match["schema"]["pattern"])
    for taken in (
        read_etag(writer, c1),
        writer.get(f"{API}/claims/{c1.public_id}/")["ETag"],
        '"2"',
        'W/"2"',
        f'"other", "claim-{c1.public_id}-v2"',
    ):
        assert syntax.search(taken), taken
    assert not syntax.search("*")


@pytest.mark.django_db
def test_a_stale_version_gets_412_with_the_current_verdict_and_writes_nothing(demo, writer, editor):
    c1 = claim("C1")
    stale = read_etag(writer, c1)
    first = writer.post(
        verdict_url(c1),
        {"to": "confirmed", "rationale": "First."},
        format="json",
        HTTP_IF_MATCH=stale,
    )
    assert first.status_code == 201
    changes_before = VerdictChange.objects.count()
    events_before = ChangeEvent.objects.count()

    second = writer.post(
        verdict_url(c1),
        {"to": "denied", "rationale": "From a stale page."},
        format="json",
        HTTP_IF_MATCH=stale,
    )
    body = problem(second, 412)
    assert body["type"] == "urn:claimtrack:problem:precondition-failed"
    assert (body["current_verdict"], body["current_version"], body["expected_version"]) == (
        "confirmed",
        3,
        2,
    )
    assert body["decided_by"] == editor.username
    assert second["ETag"] == body["current_etag"] == f'"claim-{c1.public_id}-v3"'
    assert VerdictChange.objects.count() == changes_before
    assert ChangeEvent.objects.count() == events_before
    assert Claim.objects.get(pk=c1.pk).verdict == "confirmed"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "if_match",
    ['"2"', 'W/"2"', '"claim-{id}-v2"', 'W/"claim-{id}-v2-0123abcd"', '"other", "claim-{id}-v2"'],
)
def test_if_match_takes_the_claim_etag_in_any_of_its_forms(demo, writer, if_match):
    c1 = claim("C1")
    response = writer.post(
        verdict_url(c1),
        {"to": "confirmed", "rationale": "Confirmed."},
        format="json",
        HTTP_IF_MATCH=if_match.format(id=c1.public_id),
    )
    assert response.status_code == 201, response.content


@pytest.mark.django_db
def test_claim_detail_etag_works_as_if_match(demo, writer):
    c1 = claim("C1")
    detail = writer.get(f"{API}/claims/{c1.public_id}/")
    assert detail["ETag"].startswith(f'W/"claim-{c1.public_id}-v2-')
    response = writer.post(
        verdict_url(c1),
        {"to": "confirmed", "rationale": "Yes."},
        format="json",
        HTTP_IF_MATCH=detail["ETag"],
    )
    assert response.status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize("if_match", ['"claim-{other}-v2"', '"garbage"', 'W/"3", "4"'])
def test_if_match_naming_no_version_of_this_claim_gets_412(demo, writer, if_match):
    c1, c0 = claim("C1"), claim("C0")
    response = writer.post(
        verdict_url(c1),
        {"to": "confirmed", "rationale": "Confirmed."},
        format="json",
        HTTP_IF_MATCH=if_match.format(other=c0.public_id),
    )
    body = problem(response, 412)
    assert (body["current_verdict"], body["current_version"]) == ("partly_confirmed", 2)
    assert Claim.objects.get(pk=c1.pk).version == 2


@pytest.mark.django_db
@pytest.mark.parametrize("if_match", ["no-quotes", "claim-{id}-v2", '"2', 'W/ "2"', '"2";'])
def test_an_if_match_that_is_no_list_of_entity_tags_gets_400_naming_the_header(
    demo, writer, if_match
):
    c1 = claim("C1")
    post = served_schema(writer)["paths"]["/api/v1/claims/{id}/verdict/"]["post"]
    [parameter] = [p for p in post["parameters"] if p["name"] == "If-Match"]
    if_match = if_match.format(id=c1.public_id)
    assert not re.search(parameter["schema"]["pattern"], if_match)
    response = writer.post(
        verdict_url(c1),
        {"to": "confirmed", "rationale": "Confirmed."},
        format="json",
        HTTP_IF_MATCH=if_match,
    )
    body = problem(response, 400)
    assert [error["header"] for error in body["errors"]] == ["If-Match"]
    assert Claim.objects.get(pk=c1.pk).version == 2


@pytest.mark.django_db
def test_invalid_bodies_get_400_with_a_pointer_per_field(demo, writer):
    c1 = claim("C1")
    response = writer.post(
        verdict_url(c1),
        {"to": "probably", "evidence": ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]},
        format="json",
        HTTP_IF_MATCH='"2"',
    )
    body = problem(response, 400)
    pointers = {error["pointer"]: error["detail"] for error in body["errors"]}
    assert set(pointers) == {"#/to", "#/rationale", "#/evidence/0", "#/evidence/1"}
    assert "No source has the id" in pointers["#/evidence/1"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"to": "confirmed", "rationale": "   "},
        {"to": "confirmed", "rationale": 12},
        {"to": ["confirmed"], "rationale": "x"},
        {"to": "confirmed", "rationale": "x", "evidence": "not a list"},
        ["to", "confirmed"],
        "confirmed",
    ],
)
def test_wrong_types_get_400(demo, writer, body):
    c1 = claim("C1")
    response = writer.post(verdict_url(c1), body, format="json", HTTP_IF_MATCH='"2"')
    problem(response, 400)
    assert Claim.objects.get(pk=c1.pk).version == 2


@pytest.mark.django_db
def test_deciding_the_current_verdict_again_is_a_400_from_the_service(demo, writer):
    c1 = claim("C1")
    response = writer.post(
        verdict_url(c1),
        {"to": "partly_confirmed", "rationale": "Still."},
        format="json",
        HTTP_IF_MATCH='"2"',
    )
    body = problem(response, 400)
    assert body["errors"] == [
        {"pointer": "#/to", "detail": "The claim is already 'partly_confirmed'."}
    ]


@pytest.mark.django_db
def test_unknown_claim_gets_404(demo, writer):
    response = writer.post(
        f"{API}/claims/00000000-0000-4000-8000-000000000000/verdict/",
        {"to": "confirmed", "rationale": "x"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    problem(response, 404)


@pytest.mark.django_db
def test_analyst_session_may_read_but_not_decide(demo, analyst):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(analyst)
    c1 = claim("C1")
    assert client.get(verdict_url(c1)).status_code == 200
    response = client.post(
        verdict_url(c1), {"to": "confirmed", "rationale": "x"}, format="json", HTTP_IF_MATCH='"2"'
    )
    problem(response, 403)


@pytest.mark.django_db
def test_an_admin_edit_in_the_second_of_the_last_poll_is_seen_by_the_next_poll(
    demo, reader, monkeypatch, django_capture_on_commit_callbacks
):
    """Last-Modified counts whole seconds: a poll at 12:00:00.3 and an edit at 12:00:00.7 share
    one, so a client sending only If-Modified-Since cannot tell them apart; it gets a 200 until
    the edit is a second old (api.conditional). The clock is held, not waited for."""
    second = datetime(2030, 1, 1, 12, 0, 0, tzinfo=UTC)
    clock = [second]
    monkeypatch.setattr(timezone, "now", lambda: clock[0])
    c1 = claim("C1")

    def edit_at(milliseconds: int, text: str) -> None:
        clock[0] = second + timedelta(milliseconds=milliseconds)
        c1.text = text
        with django_capture_on_commit_callbacks(execute=True):
            services.claim_update(c1)  # as the admin saves it

    def poll_at(milliseconds: int, since: str) -> int:
        clock[0] = second + timedelta(milliseconds=milliseconds)
        return reader.get(verdict_url(c1), HTTP_IF_MODIFIED_SINCE=since).status_code

    edit_at(100, "North Korea has sent soldiers to Russia.")
    clock[0] = second + timedelta(milliseconds=300)
    first = reader.get(verdict_url(c1))
    assert first["Last-Modified"] == "Tue, 01 Jan 2030 12:00:00 GMT"
    edit_at(700, "North Korea has sent troops to Russia.")
    assert poll_at(800, first["Last-Modified"]) == 200  # Django's own rule: 304
    assert poll_at(1699, first["Last-Modified"]) == 200
    # The copy fetched at .800 holds the edit of .700; a second after it, 304 is safe again.
    assert poll_at(1700, first["Last-Modified"]) == 304


@pytest.mark.django_db
def test_unknown_and_malformed_claim_ids_get_404_from_the_cached_path(demo, reader):
    problem(reader.get(f"{API}/claims/00000000-0000-4000-8000-000000000000/verdict/"), 404)
    problem(reader.get(f"{API}/claims/not-a-uuid/verdict/"), 404)
