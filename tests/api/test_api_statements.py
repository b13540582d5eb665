"""Statements: read, filter, and record through services.record_statement."""

import pytest

from claims.models import ReviewFlag, Statement
from tests.api.api_helpers import API, actor, claim, ids, problem, source


def new_statement(**changes) -> dict:
    body = {
        "claim": str(claim("C0").public_id),
        "actor": str(actor("Kim Jong Un").public_id),
        "source": str(source("KCNA statement acknowledging").public_id),
        "stance": "denies",
        "quote": "  There are no troops.  ",
        "quote_language": "en",
        "said_at": "2025-05-01T09:00:00Z",
        "credibility": 5,
    }
    return {**body, **changes}


@pytest.mark.django_db
def test_record_a_statement(demo, writer, editor):
    response = writer.post(f"{API}/statements/", new_statement(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    statement = Statement.objects.get(public_id=body["id"])
    assert (statement.recorded_by, statement.quote, statement.credibility) == (
        editor,
        "There are no troops.",
        5,
    )
    assert body["actor"]["name"] == "Kim Jong Un" and body["stance"] == "denies"
    assert response["Location"].endswith(f"/api/v1/statements/{body['id']}/")
    # Denying a confirmed claim is a contradiction the service flags for an editor.
    assert ReviewFlag.objects.filter(claim=claim("C0"), reason="new_contradiction").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "pointer"),
    [
        ({"claim": "00000000-0000-4000-8000-000000000000"}, "#/claim"),
        ({"actor": "nope"}, "#/actor"),
        ({"source": 12}, "#/source"),
        ({"stance": "shouts"}, "#/stance"),
        ({"credibility": 9}, "#/credibility"),
        ({"said_at": "last week"}, "#/said_at"),
        ({"quote": ["a"]}, "#/quote"),
        ({"venue": "x" * 201}, "#/venue"),
        ({"quote": "nul\x00byte"}, "#/quote"),
    ],
)
def test_invalid_statements_get_400_with_the_field(demo, writer, changes, pointer):
    before = Statement.objects.count()
    body = problem(writer.post(f"{API}/statements/", new_statement(**changes), format="json"), 400)
    assert pointer in {error["pointer"] for error in body["errors"]}
    assert Statement.objects.count() == before


@pytest.mark.django_db
def test_missing_fields_are_named(demo, writer):
    body = problem(writer.post(f"{API}/statements/", {}, format="json"), 400)
    assert {e["pointer"] for e in body["errors"]} == {"#/claim", "#/actor", "#/source", "#/stance"}


@pytest.mark.django_db
def test_analysts_and_read_tokens_may_not_record(demo, reader, analyst):
    from rest_framework.test import APIClient

    problem(reader.post(f"{API}/statements/", new_statement(), format="json"), 403)
    session = APIClient()
    session.force_login(analyst)
    problem(session.post(f"{API}/statements/", new_statement(), format="json"), 403)


@pytest.mark.django_db
def test_statement_list_detail_and_filters(demo, reader):
    nis = actor("National Intelligence Service")
    rows = reader.get(f"{API}/statements/?actor={nis.public_id}").json()["results"]
    assert len(rows) == 6 and {r["stance"] for r in rows} == {"asserts"}  # 3 repeat C1
    detail = reader.get(f"{API}/statements/{rows[0]['id']}/").json()
    assert detail == rows[0]
    assert len(ids(reader.get(f"{API}/statements/?verdict=confirmed&page_size=100"))) == 11
    assert len(ids(reader.get(f"{API}/statements/?has_quantity=true"))) == 6
    s3 = source("UN Security Council")
    assert len(ids(reader.get(f"{API}/statements/?source={s3.public_id}"))) == 2
    said = ids(reader.get(f"{API}/statements/?said_since=2025-01-01T00:00:00Z"))
    assert len(said) == 2
    assert len(ids(reader.get(f"{API}/statements/?credibility=1"))) == 3
    assert len(ids(reader.get(f"{API}/statements/?language=en&page_size=100"))) == 21


@pytest.mark.django_db
def test_an_actors_statements(demo, reader):
    kim = actor("Kim Yo Jong")
    rows = reader.get(f"{API}/actors/{kim.public_id}/statements/").json()["results"]
    assert {(r["stance"], r["claim"]["id"]) for r in rows} == {
        ("disputes", str(claim("C0").public_id)),
        ("asserts", str(claim("C5").public_id)),
    }
