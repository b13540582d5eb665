"""A due projection's flag is resolved through the API by saying what became of it."""

import pytest

from claims import services
from claims.models import FlagReason, ProjectionOutcome, ReviewFlag, Statement
from tests.api.api_helpers import API, actor, claim, problem


@pytest.fixture
def due(demo):
    services.estimates.flag_due_projections()
    nis_by_december = Statement.objects.get(
        actor=actor("National Intelligence Service"), claim=claim("C3")
    )
    return ReviewFlag.objects.get(reason=FlagReason.PROJECTION_DUE, statement=nis_by_december)


@pytest.mark.django_db
def test_the_demo_projections_are_due_and_in_the_queue(due, writer):
    body = writer.get(f"{API}/flags/?reason=projection_due").json()
    details = sorted(flag["detail"] for flag in body["results"])
    assert details == [
        "National Intelligence Service projected about 10,000 soldiers by December 2024: "
        "what happened?",
        "National Intelligence Service projected up to 12,000 soldiers by 2024: what happened?",
    ]


@pytest.mark.django_db
def test_resolving_a_due_projection_needs_an_outcome_and_records_it(due, writer, editor):
    url = f"{API}/flags/{due.public_id}/resolve/"
    missing = problem(writer.post(url, {"note": "Looked."}, format="json"), 400)
    assert missing["errors"][0]["pointer"] == "#/outcome"
    bad = problem(writer.post(url, {"note": "x", "outcome": "maybe"}, format="json"), 400)
    assert bad["errors"][0]["pointer"] == "#/outcome"
    no_reason = problem(writer.post(url, {"outcome": "borne_out"}, format="json"), 400)
    assert "rationale" in str(no_reason)
    assert ReviewFlag.objects.get(pk=due.pk).status == "open"
    assert not ProjectionOutcome.objects.exists()

    response = writer.post(
        url,
        {"outcome": "borne_out", "note": "About 11,000 were in Kursk by early December."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "resolved"
    outcome = ProjectionOutcome.objects.get()
    assert (outcome.statement_id, outcome.outcome, outcome.decided_by) == (
        due.statement_id,
        "borne_out",
        editor,
    )
    feed = writer.get(f"{API}/changes/?kind=projection.decided").json()["results"]
    assert [event["payload"]["outcome"] for event in feed] == ["borne_out"]


@pytest.mark.django_db
def test_an_outcome_on_another_kind_of_flag_is_refused(demo, writer):
    stale, _ = services.open_flag(claim("C3"), reason=FlagReason.STALE)
    body = problem(
        writer.post(
            f"{API}/flags/{stale.public_id}/resolve/", {"outcome": "borne_out"}, format="json"
        ),
        400,
    )
    assert body["errors"][0]["pointer"] == "#/outcome"
    assert ReviewFlag.objects.get(pk=stale.pk).status == "open"
