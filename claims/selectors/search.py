"""Search of claims and statements: full text on PostgreSQL, substrings elsewhere.

One planner serves both: a row matches by its own wording, through the related rows' wording
(a claim's statements, a statement's claim), by its actor's name, and (for claims) by the names
of the related rows' actors.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Exists, Expression, OuterRef, Q, QuerySet

from actors.selectors import actor_ids_matching_name

from ..models import Claim, Statement

# Keep in step with migration 0008_search_documents, which stores the document of these
# configurations in a generated column on PostgreSQL.
SEARCH_CONFIGS = ("simple", "english", "german")


class SearchDocument(Expression):
    """The stored `search_document` column of the queried table (claims or statements).

    Migration 0008_search_documents generates it on PostgreSQL and indexes it. It is no model
    field (SQLite has no tsvector, and seed_synthetic's COPY lists model fields), so it is named
    here, on the query's own table: searching it reads the stored lexemes instead of computing
    three `to_tsvector`s for every row the index finds.
    """

    output_field = SearchVectorField()

    # A list, not the stubs' tuple: Django's search lookup adds its own parameters to it.
    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.search_document", []


def _text_query(q: str) -> SearchQuery:
    """Web-search syntax ("quoted phrase", -excluded, or), matched in every configuration."""
    query = SearchQuery(q, config=SEARCH_CONFIGS[0], search_type="websearch")
    for config in SEARCH_CONFIGS[1:]:
        query = query | SearchQuery(q, config=config, search_type="websearch")
    return query


def _full_text() -> bool:
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Searched:
    """A searchable model: the columns of its document and the actor it names."""

    model: type[Claim] | type[Statement]
    wording: tuple[str, ...]  # the columns the stored search_document is made of
    actor_field: str


CLAIMS = Searched(Claim, ("text", "original_text"), "claimant")
STATEMENTS = Searched(Statement, ("quote", "translation"), "actor")


def _matching_text(searched: Searched, q: str) -> QuerySet:
    if _full_text():
        return searched.model.objects.alias(document=SearchDocument()).filter(
            document=_text_query(q)
        )
    wording = Q()
    for column in searched.wording:
        wording |= Q(**{f"{column}__icontains": q})
    return searched.model.objects.filter(wording)


def claims_matching_text(q: str) -> QuerySet[Claim]:
    """Claims whose own wording (English or original) matches."""
    return _matching_text(CLAIMS, q)


def statements_matching_text(q: str) -> QuerySet[Statement]:
    """Statements whose quote or translation matches."""
    return _matching_text(STATEMENTS, q)


@dataclass(frozen=True)
class Through:
    """The related model whose matches find a row too, and the columns that pair them."""

    searched: Searched
    ours: str  # our column: "pk" when the related rows hold the key, else our foreign key
    theirs: str
    by_actor: bool  # whether the related rows' actors find a row as well


# From this many matches on (rows the rare-word plan would collect: claims by wording, statements
# by quote, by claimant and by speaker), a page is found sooner by walking the list in its order
# and testing each row in place (aluminium: ~17,000 matches, 2 ms) than by collecting every match
# first (90 ms); below it the other way round (a word found nowhere would walk the whole list).
COMMON_MATCHES = 3000

# A name usually matches a handful of actors. Passed as a list rather than a subquery, their ids
# let PostgreSQL estimate how many claims and statements they have, and use the indexes on
# claimant and speaker (as a subquery it expected ~150 actors and read all claims instead).
LISTED_ACTORS = 100


def _actor_ids(q: str) -> list[int] | QuerySet:
    if not _full_text():
        return actor_ids_matching_name(q)
    ids = list(actor_ids_matching_name(q).values_list("pk", flat=True)[: LISTED_ACTORS + 1])
    return ids if len(ids) <= LISTED_ACTORS else actor_ids_matching_name(q)


def _is_common(matches: QuerySet) -> bool:
    """Whether the rare-word plan would collect COMMON_MATCHES rows or more (a LIMITed count:
    PostgreSQL stops reading the branches there)."""
    return matches[:COMMON_MATCHES].count() == COMMON_MATCHES


def _search(queryset: QuerySet, q: str, searched: Searched, through: Through) -> QuerySet:
    """The rows of `queryset` that match `q`, planned by how common the word is.

    For a rare word the ids of every part are one `UNION ALL`, each part over its own index,
    joined to the list once. For a common word (one more query counts the matches, up to
    COMMON_MATCHES) each row is tested in place while the list is read in its order, so the
    page's few rows are found before most matches are seen.
    """
    q = q.strip()
    if not q:
        return queryset
    actor_ids = _actor_ids(q)
    related = through.searched
    by_actor = Q(**{f"{searched.actor_field}__in": actor_ids})
    by_related_actor = Q(**{f"{related.actor_field}__in": actor_ids})

    def our_ids(related_rows: QuerySet) -> QuerySet:
        keys = related_rows.order_by().values(through.theirs)
        if through.ours == "pk":
            # Read from the related table alone, so the part stays one index scan.
            return keys
        ours = searched.model.objects.filter(**{f"{through.ours}__in": keys})
        return ours.order_by().values("pk")

    parts = [
        _matching_text(searched, q).order_by().values("pk"),
        our_ids(_matching_text(related, q)),
        searched.model.objects.filter(by_actor).order_by().values("pk"),
    ]
    if through.by_actor:
        parts.append(our_ids(related.model.objects.filter(by_related_actor)))
    ids = parts[0].union(*parts[1:], all=True)

    if _full_text() and _is_common(ids):
        text = _text_query(q)
        related_matches = Q(document=text)
        if through.by_actor:
            related_matches |= by_related_actor
        related_rows = (
            related.model.objects.filter(**{through.theirs: OuterRef(through.ours)})
            .alias(document=SearchDocument())
            .filter(related_matches)
        )
        return queryset.alias(document=SearchDocument()).filter(
            Q(document=text) | Exists(related_rows) | by_actor
        )
    return queryset.filter(pk__in=ids)


def search_claims(queryset: QuerySet[Claim], q: str) -> QuerySet[Claim]:
    """Claims whose text, any statement's quote, the claimant or a speaker matches `q`.

    On PostgreSQL the text parts are full-text searches in the simple, English and German
    configurations over the stored documents and their GIN indexes; elsewhere they are
    substring matches.
    """
    statements = Through(STATEMENTS, ours="pk", theirs="claim_id", by_actor=True)
    return _search(queryset, q, CLAIMS, statements)


def search_statements(queryset: QuerySet[Statement], q: str) -> QuerySet[Statement]:
    """Statements whose quote, claim or speaker (name or alias) matches `q`."""
    claim = Through(CLAIMS, ours="claim_id", theirs="pk", by_actor=False)
    return _search(queryset, q, STATEMENTS, claim)


# Claims read on SQLite, latest first, to rank by the words they contain.
WORDS_FALLBACK_ROWS = 200


def _tsquery_term(word: str) -> str:
    """A raw tsquery term for a word ("soldier*" → soldier:*) or phrase ("north korea*" →
    north <-> korea:*); only word characters pass, so no input can change the query's shape."""
    parts = []
    for token in word.split():
        prefix = token.endswith("*") or "?" in token
        pieces = re.findall(r"\w+", token.split("?")[0].rstrip("*"))
        if not pieces:
            continue
        if prefix:
            pieces[-1] += ":*"
        parts.append(" <-> ".join(pieces))
    return f"({' <-> '.join(parts)})" if parts else ""


def claims_ranked_by_words(words: Sequence[str], *, limit: int) -> list[tuple[int, float]]:
    """The ids of the claims whose wording (English or original) holds most of `words`, best
    first, with their rank (higher is better; only comparable within one answer), at most
    `limit`. A word ending in `*` is a prefix, a word of several words a phrase.

    On PostgreSQL: one full-text search, any of the words in the simple, English and German
    configurations, over the claims' stored search documents and their GIN index, ranked by
    `ts_rank`. Elsewhere (SQLite): the latest WORDS_FALLBACK_ROWS claims holding any word as a
    substring, ranked by how many of the words they hold.
    """
    if _full_text():
        raw = " | ".join(term for term in map(_tsquery_term, words) if term)
        if not raw:
            return []
        query = SearchQuery(raw, config=SEARCH_CONFIGS[0], search_type="raw")
        for config in SEARCH_CONFIGS[1:]:
            query = query | SearchQuery(raw, config=config, search_type="raw")
        ranked = (
            Claim.objects.alias(document=SearchDocument())
            .filter(document=query)
            .annotate(rank=SearchRank(SearchDocument(), query))
            .order_by("-rank", "-id")
            .values_list("pk", "rank")[:limit]
        )
        return [(pk, float(rank)) for pk, rank in ranked]
    plain = [w.replace("*", "").split("?")[0].strip().lower() for w in words]
    plain = [w for w in dict.fromkeys(plain) if w]
    if not plain:
        return []
    wording = Q()
    for word in plain:
        wording |= Q(text__icontains=word) | Q(original_text__icontains=word)
    rows = Claim.objects.filter(wording).order_by("-recorded_at", "-id")
    counted = []
    for pk, text, original in rows.values_list("pk", "text", "original_text")[:WORDS_FALLBACK_ROWS]:
        wording_text = f"{text} {original}".lower()
        counted.append((pk, float(sum(word in wording_text for word in plain))))
    counted.sort(key=lambda row: -row[1])  # stable: the latest first among equals
    return counted[:limit]
