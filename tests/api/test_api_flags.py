"""The review queue: editors list and resolve flags through services.resolve_flag."""

import pytest
from rest_framework.test import APIClient

from claims import services
from claims.models import FlagReason, ReviewFlag
from tests.api.api_helpers import API, claim, ids, problem


@pytest.fixture
def flags(demo):
    stale, _ = services.open_flag(claim("C3"), reason=FlagReason.STALE, detail="Old.")
    contradiction, _ = services.open_flag(claim("C0"), reason=FlagReason.NEW_CONTRADICTION)
    return stale, contradiction


@pytest.mark.django_db
def test_editors_list_filter_and_resolve_flags(flags, writer, editor):
    stale, contradiction = flags
    assert set(ids(writer.get(f"{API}/flags/"))) == {
        str(stale.public_id),
        str(contradiction.public_id),
    }
    assert ids(writer.get(f"{API}/flags/?reason=stale")) == [str(stale.public_id)]
    assert ids(writer.get(f"{API}/flags/?claim={claim('C0').public_id}")) == [
        str(contradiction.public_id)
    ]
    detail = writer.get(f"{API}/flags/{stale.public_id}/").json()
    assert (detail["reason"], detail["status"], detail["detail"]) == ("stale", "open", "Old.")

    response = writer.post(f"{API}/flags/{stale.public_id}/resolve/", {"note": "Checked."})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["resolution_note"], body["resolved_by"]) == (
        "resolved",
        "Checked.",
        editor.username,
    )
    assert ids(writer.get(f"{API}/flags/?status=open")) == [str(contradiction.public_id)]

    again = problem(writer.post(f"{API}/flags/{stale.public_id}/resolve/", {}), 400)
    assert again["errors"][0]["pointer"] == "#/status"


@pytest.mark.django_db
def test_the_queue_is_closed_to_analysts_read_tokens_and_anonymous(
    flags, reader, analyst, anonymous
):
    stale, _ = flags
    problem(reader.get(f"{API}/flags/"), 403)
    problem(anonymous.get(f"{API}/flags/"), 401)
    session = APIClient()
    session.force_login(analyst)
    problem(session.get(f"{API}/flags/{stale.public_id}/"), 403)
    problem(session.post(f"{API}/flags/{stale.public_id}/resolve/", {}), 403)
    assert ReviewFlag.objects.get(pk=stale.pk).status == "open"


@pytest.mark.django_db
def test_resolve_validates_the_note(flags, writer):
    stale, _ = flags
    problem(writer.post(f"{API}/flags/{stale.public_id}/resolve/", {"note": 5}, format="json"), 400)
