"""Full-text search: PostgreSQL full text in German and English over GIN indexes, substring
matching on SQLite; claim wording, quotes, speakers' names and aliases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor, Alias
from claims import selectors
from claims.models import Claim, Statement
from claims.selectors import search
from tests.api.api_helpers import API, actor, claim, ids


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


@pytest.mark.django_db
def test_edited_wording_and_new_aliases_are_found_at_once(demo, reader):
    """On PostgreSQL the documents are generated columns: an UPDATE must refresh them."""
    Claim.objects.filter(pk=claim("C7").pk).update(original_text="Zusammenarbeit der Xylophone")
    statement = Statement.objects.filter(claim=claim("C3")).first()
    Statement.objects.filter(pk=statement.pk).update(translation="They practise the xylophone.")
    Alias.objects.create(actor=actor("Kim Yo Jong"), name="Xylophonistin")

    assert found(reader, "Xylophone") == claim_ids("C7", "C3")
    assert found(reader, "Xylophonistin") == claim_ids("C0", "C5")
    assert str(statement.public_id) in found(reader, "xylophone", "statements")


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["claims", "statements"])
def test_search_adds_at_most_two_queries_to_the_list(demo, reader, resource):
    reader.get(f"{API}/{resource}/")  # the token's first use is written once
    with CaptureQueriesContext(connection) as plain:
        reader.get(f"{API}/{resource}/")
    with CaptureQueriesContext(connection) as searched:
        assert found(reader, "Selenskyj", resource)
    # On PostgreSQL a search first lists the matching actors and counts (up to a cap) how
    # common the word is.
    extra = 2 if connection.vendor == "postgresql" else 0
    assert len(searched) == len(plain) + extra, searched.captured_queries


SEARCHES = [
    ("Pyongyang", {"C5", "C6"}),  # claim wording
    ("Kursk", {"C0"}),  # a quote
    ("Selenskyj", {"C0"}),  # an alias of a speaker
    ("Kim Yo Jong", {"C0", "C5"}),  # a claimant and speaker
    ("National Intelligence Service", {"C0", "C1", "C2", "C3"}),
    ("Soldat", {"C0", "C1", "C2", "C3"}),
    ("soldiers -training", {"C0", "C1", "C2", "C4"}),
]


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("common", [True, False])
@pytest.mark.parametrize(("q", "keys"), SEARCHES)
def test_common_and_rare_words_find_the_same_claims(demo, reader, monkeypatch, common, q, keys):
    """A common word is tested claim by claim in list order, a rare one collected by UNION:
    either way the same claims."""
    monkeypatch.setattr(search, "_is_common", lambda matches: common)
    assert found(reader, q) == claim_ids(*keys)


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("q", [q for q, _ in SEARCHES] + ["drone", "dangerous"])
def test_common_and_rare_words_find_the_same_statements(demo, reader, monkeypatch, q):
    monkeypatch.setattr(search, "_is_common", lambda matches: False)
    collected = found(reader, q, "statements")
    monkeypatch.setattr(search, "_is_common", lambda matches: True)
    assert collected and found(reader, q, "statements") == collected


@pytest.mark.postgres
@pytest.mark.django_db
def test_names_matching_many_actors_are_searched_through_a_subquery(demo, reader, monkeypatch):
    """Few matching actors are passed as a list of ids; many, as a subquery: the same claims."""
    listed = found(reader, "National Intelligence Service")
    monkeypatch.setattr(search, "LISTED_ACTORS", 0)
    assert (
        found(reader, "National Intelligence Service")
        == listed
        == claim_ids("C0", "C1", "C2", "C3")
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_word_is_common_from_the_cap_on(demo, monkeypatch):
    matches = selectors.claims_matching_text("Soldaten").order_by().values("pk")
    worded = matches.count()
    assert worded and not search._is_common(matches)
    monkeypatch.setattr(search, "COMMON_MATCHES", worded)
    assert search._is_common(matches)
    monkeypatch.setattr(search, "COMMON_MATCHES", worded + 1)
    assert not search._is_common(matches)


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_gin_indexes_serve_the_search(demo):
    with connection.cursor() as cursor:
        # Left with bitmap scans only, a plan needs an index whose condition is the search.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    for queryset, index in (
        (selectors.claims_matching_text("Soldaten"), "claims_claim_search"),
        (selectors.statements_matching_text("Soldaten"), "claims_statement_search"),
        (Actor.objects.filter(name__icontains="Selen"), "actors_actor_name_trgm"),
        (Alias.objects.filter(name__icontains="Selen"), "actors_alias_name_trgm"),
    ):
        plan = queryset.order_by().only("pk").explain()
        assert index in plan, plan
    assert Claim.objects.exists() and Statement.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db
def test_search_reads_stored_documents_in_one_union(demo):
    """No row's document is computed at query time, and the four parts are one UNION ALL
    rather than OR'ed subqueries that PostgreSQL materialises whole."""
    for queryset in (
        selectors.search_claims(selectors.claim_list(), "Soldaten"),
        selectors.search_statements(selectors.statement_list(), "Soldaten"),
    ):
        sql = str(queryset.query)
        assert "to_tsvector" not in sql and sql.count("search_document @@") >= 2, sql
        assert "UNION ALL" in sql and " OR " not in sql, sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.columns "
            "WHERE column_name = 'search_document' AND is_generated = 'ALWAYS'"
        )
        assert {row[0] for row in cursor.fetchall()} == {"claims_claim", "claims_statement"}
