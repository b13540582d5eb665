"""Editors record and remove citations through the API; sources name the origins their chains
end in and why their latest check failed."""

import uuid
from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from sources import services
from sources.models import Citation, Health, Reliance, Snapshot
from tests.api.api_helpers import API, problem, source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def origin_titles(client, report) -> list[tuple[str, bool]]:
    body = client.get(f"{API}/sources/{report.public_id}/").json()
    return [(origin["title"], origin["circular"]) for origin in body["origins"]]


def test_editor_records_a_citation_and_the_origins_follow(writer):
    paper = SourceFactory(title="Newspaper report")
    wire = SourceFactory(title="Agency wire")
    briefing = SourceFactory(title="Intelligence briefing")
    services.cite_source(citing=wire, cited=briefing, editor=None)
    assert origin_titles(writer, paper) == [("Newspaper report", False)]  # its own origin

    response = writer.post(
        f"{API}/sources/{paper.public_id}/citations/",
        {"cited": str(wire.public_id), "note": "  citing the agency  "},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["citing"]["id"] == str(paper.public_id)
    assert body["cited"]["id"] == str(wire.public_id)
    assert body["note"] == "citing the agency"
    assert [origin["title"] for origin in body["origins"]] == ["Intelligence briefing"]
    assert response["Location"].endswith(
        f"/api/v1/sources/{paper.public_id}/citations/{wire.public_id}/"
    )
    assert origin_titles(writer, paper) == [("Intelligence briefing", False)]
    assert Reliance.objects.filter(source=paper, relies_on=briefing, is_origin=True).exists()


def test_removing_a_citation_restores_the_origins_and_a_second_time_is_404(writer):
    paper, wire = SourceFactory(title="Newspaper report"), SourceFactory(title="Agency wire")
    services.cite_source(citing=paper, cited=wire, editor=None)
    assert origin_titles(writer, paper) == [("Agency wire", False)]
    url = f"{API}/sources/{paper.public_id}/citations/{wire.public_id}/"

    response = writer.delete(url)

    assert response.status_code == 204, response.content
    assert not Citation.objects.filter(citing=paper).exists()
    assert origin_titles(writer, paper) == [("Newspaper report", False)]
    assert "does not cite" in problem(writer.delete(url), 404)["detail"]
    problem(writer.delete(f"{API}/sources/{paper.public_id}/citations/not-a-uuid/"), 404)
    problem(writer.delete(f"{API}/sources/{uuid.uuid4()}/citations/{wire.public_id}/"), 404)


@pytest.mark.parametrize(
    ("cited", "message"),
    [
        ("itself", "A source cannot cite itself."),
        ("twice", "already cites"),
        ("unknown", "No source has the id"),
        ("missing", "This field is required."),
        ("not-a-uuid", "Must be a valid UUID."),
    ],
)
def test_refused_citations_are_400_with_the_field_named(writer, cited, message):
    paper, wire = SourceFactory(), SourceFactory()
    services.cite_source(citing=paper, cited=wire, editor=None)
    body = {
        "itself": {"cited": str(paper.public_id)},
        "twice": {"cited": str(wire.public_id)},
        "unknown": {"cited": str(uuid.uuid4())},
        "missing": {"note": "no source named"},
        "not-a-uuid": {"cited": "NIS"},
    }[cited]

    response = writer.post(f"{API}/sources/{paper.public_id}/citations/", body, format="json")

    errors = problem(response, 400)["errors"]
    assert [error["pointer"] for error in errors] == ["#/cited"]
    assert message in errors[0]["detail"]
    assert Citation.objects.filter(citing=paper).count() == 1


def test_only_editors_with_a_write_scope_record_citations(reader, analyst, editor):
    paper, wire = SourceFactory(), SourceFactory()
    url = f"{API}/sources/{paper.public_id}/citations/"
    body = {"cited": str(wire.public_id)}
    problem(APIClient().post(url, body, format="json"), 401)
    problem(reader.post(url, body, format="json"), 403)  # an analyst's read token
    session = APIClient()
    session.force_login(analyst)
    problem(session.post(url, body, format="json"), 403)
    services.cite_source(citing=paper, cited=wire, editor=None)
    problem(session.delete(f"{url}{wire.public_id}/"), 403)
    assert Citation.objects.filter(citing=paper).count() == 1

    session.force_login(editor)  # a session, as the source page's form uses
    response = session.delete(f"{url}{wire.public_id}/")
    assert response.status_code == 204, response.content


def test_a_ring_of_citations_is_a_circular_origin(reader):
    a, b = SourceFactory(title="Report A"), SourceFactory(title="Report B")
    paper = SourceFactory(title="Paper citing A")
    for citing, cited in ((a, b), (b, a), (paper, a)):
        services.cite_source(citing=citing, cited=cited, editor=None)
    first = min((a, b), key=lambda s: s.pk)
    assert origin_titles(reader, paper) == [(first.title, True)]
    listed = reader.get(f"{API}/sources/?page_size=100").json()["results"]
    origins = {row["title"]: row["origins"] for row in listed}
    assert [o["circular"] for o in origins["Report B"]] == [True]
    assert [o["title"] for o in origins["Report A"]] == [first.title]


def test_the_demo_wire_names_its_five_origins(demo, reader):
    body = reader.get(f"{API}/sources/{source('AFP/dpa').public_id}/").json()
    assert len(body["origins"]) == 5
    assert "NIS briefing to South Korean lawmakers on North Korean troops" in {
        origin["title"] for origin in body["origins"]
    }


@pytest.mark.parametrize(
    ("health", "status_code", "error", "reason"),
    [
        (Health.OK, 200, "", ""),
        (Health.GONE, 404, "", "HTTP 404"),
        (
            Health.UNREACHABLE,
            None,
            "could not resolve gone.example: [Errno -2] Name or service not known",
            "DNS name not found",
        ),
        (
            Health.BLOCKED,
            None,
            "refused: 10.0.0.5 is a private address",
            "refused: private address",
        ),
    ],
)
def test_source_says_why_its_latest_check_failed(reader, health, status_code, error, reason):
    report = SourceFactory(url="https://gone.example/report", health=health)
    Snapshot.objects.create(
        source=report,
        fetched_at=datetime(2024, 11, 1, tzinfo=UTC),
        health=health,
        status_code=status_code,
        error=error,
    )
    body = reader.get(f"{API}/sources/{report.public_id}/").json()
    assert (body["health"], body["health_reason"]) == (health, reason)
    listed = reader.get(f"{API}/sources/?health={health}").json()["results"]
    assert [row["health_reason"] for row in listed] == [reason]
