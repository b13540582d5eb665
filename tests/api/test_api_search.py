"""Full-text search: PostgreSQL full text in German and English over GIN indexes, substring
matching on SQLite; claim wording, quotes, speakers' names and aliases."""

import pytest
from django.db import connection

from claims import selectors
from claims.models import Claim, Statement
from tests.api.api_helpers import API, claim, ids


def found(reader, q: str, resource: str = "claims") -> set[str]:
    return set(ids(reader.get(f"{API}/{resource}/", {"q": q, "page_size": 100})))


def claim_ids(*keys: str) -> set[str]:
    return {str(claim(key).public_id) for key in keys}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "keys"),
    [
        ("Pyongyang", {"C5", "C6"}),  # claim wording
        ("Pjöngjang", {"C5", "C6"}),  # original German wording
        ("Kursk", {"C0"}),  # a quote
        ("Selenskyj", {"C0"}),  # an alias of a speaker
        ("Kim Yo Jong", {"C0", "C5"}),  # a claimant and speaker
        ("National Intelligence Service", {"C0", "C1", "C2", "C3"}),
    ],
)
def test_claim_search_everywhere(demo, reader, q, keys):
    assert found(reader, q) == claim_ids(*keys)


@pytest.mark.django_db
def test_statement_search_by_quote_claim_and_alias(demo, reader):
    assert len(found(reader, "Selenskyj", "statements")) == 1
    assert len(found(reader, "dangerous", "statements")) == 1
    assert len(found(reader, "drone", "statements")) == 2  # by quote, and by claim


@pytest.mark.django_db
def test_an_empty_query_filters_nothing(demo, reader):
    assert len(found(reader, "   ")) == 8


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "keys"),
    [
        ("soldier", {"C0", "C1", "C2", "C3", "C4"}),  # English stems: soldiers
        ("Soldat", {"C0", "C1", "C2", "C3"}),  # German stems: Soldaten (C4 has no German)
        ("Drohne", {"C5", "C6"}),  # German: Drohnen
        ('"propaganda leaflets"', {"C5"}),  # a phrase
        ("soldiers -training", {"C0", "C1", "C2", "C4"}),  # web-search exclusion
    ],
)
def test_language_aware_full_text_search_on_postgresql(demo, reader, q, keys):
    assert found(reader, q) == claim_ids(*keys)


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_gin_indexes_serve_the_search(demo):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    for queryset, index in (
        (selectors.claims_matching_text("Soldaten"), "claims_claim_search"),
        (selectors.statements_matching_text("Soldaten"), "claims_statement_search"),
    ):
        plan = queryset.only("pk").explain()
        assert index in plan, plan
    assert Claim.objects.exists() and Statement.objects.exists()
