"""The editor panel through the API: a verdict's note (kept, never published) and evidence from
any source; flags raised by hand on a claim and listed with the resolved ones."""

import uuid

import pytest
from rest_framework.test import APIClient

from api.tokens import issue_token
from claims.models import ChangeEvent, FlagReason, ReviewFlag, Statement, VerdictChange
from tests.api.api_helpers import API, claim, ids, problem, served_schema, source
from tests.api.conftest import token_client


def verdict_url(c) -> str:
    return f"{API}/claims/{c.public_id}/verdict/"


def flags_url(c) -> str:
    return f"{API}/claims/{c.public_id}/flags/"


@pytest.mark.django_db
def test_a_verdict_keeps_its_note_and_evidence_from_another_claims_source(
    demo, writer, reader, django_capture_on_commit_callbacks
):
    c1 = claim("C1")
    # A source no statement of C1 is recorded in: evidence may come from anywhere.
    elsewhere = source("Remarks by US Secretary of Defense")
    assert not Statement.objects.filter(claim=c1, source=elsewhere).exists()
    etag = writer.get(verdict_url(c1))["ETag"]
    with django_capture_on_commit_callbacks(execute=True):  # the cached verdict is refreshed
        response = writer.post(
            verdict_url(c1),
            {
                "to": "confirmed",
                "rationale": "The Pentagon confirms.",
                "evidence": [str(elsewhere.public_id)],
                "note": "  Ask the Seoul desk to double-check the figure.  ",
            },
            format="json",
            HTTP_IF_MATCH=etag,
        )
    assert response.status_code == 201, response.content
    change = VerdictChange.objects.get(claim=c1, version=response.json()["version"])
    assert change.note == "Ask the Seoul desk to double-check the figure."
    assert list(change.evidence.all()) == [elsewhere]

    # Readers see the evidence, never the newsroom's note, nor does the ClaimReview export.
    history = reader.get(verdict_url(c1)).json()["history"]
    assert history[-1]["evidence"] == [str(elsewhere.public_id)]
    assert "note" not in history[-1]
    export = reader.get(f"{API}/claims/{c1.public_id}/claimreview/")
    assert export.status_code == 200
    assert "Seoul desk" not in export.content.decode()


@pytest.mark.django_db
def test_a_note_must_be_text_and_not_too_long(demo, writer):
    c1 = claim("C1")
    etag = writer.get(verdict_url(c1))["ETag"]
    for note in (12, "x" * 2001):
        body = {"to": "confirmed", "rationale": "Sure.", "note": note}
        errors = problem(
            writer.post(verdict_url(c1), body, format="json", HTTP_IF_MATCH=etag), 400
        )["errors"]
        assert [e["pointer"] for e in errors] == ["#/note"]
    assert not VerdictChange.objects.filter(claim=c1, to_verdict="confirmed").exists()


@pytest.mark.django_db
def test_an_editor_raises_a_flag_and_it_is_listed_with_the_resolved_ones(demo, writer, editor):
    c3 = claim("C3")
    response = writer.post(
        flags_url(c3), {"note": "  The camp photos may be older.  "}, format="json"
    )
    assert response.status_code == 201, response.content
    raised = response.json()
    assert (raised["reason"], raised["status"], raised["detail"], raised["opened_by"]) == (
        FlagReason.RAISED_BY_EDITOR,
        "open",
        "The camp photos may be older.",
        editor.username,
    )
    assert raised["claim"]["id"] == str(c3.public_id)
    event = ChangeEvent.objects.filter(kind="flag.opened").latest("id")
    assert (event.claim, event.payload["reason"]) == (c3, "raised_by_editor")

    # A second concern is a flag of its own.
    second = writer.post(flags_url(c3), {"note": "Check the translation."}, format="json")
    assert second.status_code == 201
    writer.post(f"{API}/flags/{raised['id']}/resolve/", {"note": "Photos dated October."})

    listed = writer.get(flags_url(c3)).json()["results"]
    by_id = {flag["id"]: flag for flag in listed}
    assert set(by_id) == {raised["id"], second.json()["id"]}
    resolved = by_id[raised["id"]]
    assert (resolved["status"], resolved["resolution_note"], resolved["resolved_by"]) == (
        "resolved",
        "Photos dated October.",
        editor.username,
    )
    assert resolved["resolved_at"]
    assert ids(writer.get(f"{flags_url(c3)}?status=open")) == [second.json()["id"]]
    # The queue's filter finds them too.
    assert set(ids(writer.get(f"{API}/flags/?reason=raised_by_editor"))) == set(by_id)


@pytest.mark.django_db
def test_a_blank_note_is_refused_next_to_the_field_and_nothing_is_written(demo, writer):
    c3 = claim("C3")
    for body in ({}, {"note": "   "}, {"note": 7}):
        errors = problem(writer.post(flags_url(c3), body, format="json"), 400)["errors"]
        assert [e["pointer"] for e in errors] == ["#/note"]
    assert not ReviewFlag.objects.filter(claim=c3).exists()


@pytest.mark.django_db
def test_only_editors_with_a_session_or_write_token_raise_flags(demo, analyst, editor, reader):
    c3 = claim("C3")
    problem(reader.post(flags_url(c3), {"note": "Look."}, format="json"), 403)
    problem(reader.get(flags_url(c3)), 403)
    problem(APIClient().post(flags_url(c3), {"note": "Look."}, format="json"), 401)
    session = APIClient()
    session.force_login(analyst)
    problem(session.post(flags_url(c3), {"note": "Look."}, format="json"), 403)
    editor_reading = token_client(
        issue_token(name=f"r-{uuid.uuid4().hex[:8]}", scope="read", user=editor)
    )
    problem(editor_reading.post(flags_url(c3), {"note": "Look."}, format="json"), 403)
    assert not ReviewFlag.objects.filter(claim=c3).exists()
    problem(
        editor_reading.post(f"{API}/claims/{uuid.uuid4()}/flags/", {"note": "x"}, format="json"),
        403,
    )


@pytest.mark.django_db
def test_unknown_claim_gets_404(demo, writer):
    problem(writer.post(f"{API}/claims/{uuid.uuid4()}/flags/", {"note": "x"}, format="json"), 404)
    problem(writer.get(f"{API}/claims/{uuid.uuid4()}/flags/"), 404)


@pytest.mark.django_db
def test_the_schema_documents_raising_a_flag_and_the_note(demo, writer):
    schema = served_schema(writer)
    operation = schema["paths"]["/api/v1/claims/{id}/flags/"]["post"]
    assert "201" in operation["responses"]
    assert "review flags" in operation["tags"]
    request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert "note" in schema["components"]["schemas"][request.split("/")[-1]]["required"]
    verdict_request = schema["components"]["schemas"]["VerdictChangeRequestRequest"]
    assert "never published" in verdict_request["properties"]["note"]["description"]


@pytest.mark.django_db
def test_listing_a_claims_flags_takes_few_queries(demo, writer, django_assert_max_num_queries):
    c3 = claim("C3")
    for n in range(8):
        writer.post(flags_url(c3), {"note": f"Concern {n}."}, format="json")
    with django_assert_max_num_queries(8):
        response = writer.get(flags_url(c3))
    assert len(response.json()["results"]) == 8
