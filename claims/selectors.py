"""Reads of claims worth a name: lists for the API and dashboards, search, timelines."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any, cast

from django.contrib.postgres.search import (
    CombinedSearchVector,
    SearchQuery,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    Expression,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Lag
from django.utils.functional import Promise

from actors.models import Actor
from actors.selectors import actor_ids_matching_name, search_actors
from common.cache import remember
from sources.models import Health, Snapshot, Source

from .models import (
    ChangeEvent,
    Claim,
    ClaimRelation,
    EventKind,
    FlagStatus,
    ReviewFlag,
    Stance,
    Statement,
    Topic,
    Verdict,
    VerdictChange,
)


def topics_with_claims() -> QuerySet[Topic]:
    """Every topic with its claims (and their open-flag counts), for the home page."""
    claims = (
        Claim.objects.select_related("claimant")
        .annotate(
            open_flag_count=Count("review_flags", filter=Q(review_flags__status=FlagStatus.OPEN))
        )
        .order_by("first_asserted_on", "id")
    )
    return Topic.objects.prefetch_related(Prefetch("claims", queryset=claims)).order_by("title")


# --- Lists ------------------------------------------------------------------------------------


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.annotate(claim_count=Count("claims"))


def claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related("topic", "claimant")


def statement_list() -> QuerySet[Statement]:
    return Statement.objects.select_related("claim", "actor", "source").defer("source__text")


def review_flag_list() -> QuerySet[ReviewFlag]:
    return ReviewFlag.objects.select_related("claim", "source", "statement", "resolved_by").defer(
        "source__text"
    )


@dataclass(frozen=True)
class VerdictState:
    """What a verdict GET needs to answer 304, or to find its body in the cache."""

    pk: int
    public_id: uuid.UUID
    verdict: str
    version: int
    updated_at: datetime


# Polling clients ask for verdicts many times a second, and most answers are 304: the state is
# kept in the shared cache and forgotten whenever the claim row changes (services.change_verdict,
# and claims.receivers for saves and deletes).
VERDICT_STATE_SECONDS = 10 * 60
# ...and in each web process for a second: a verdict changed through one process shows in the
# others within that second (at once in the one that changed it).
VERDICT_STATE_LOCAL_SECONDS = 1


def verdict_state_cache_key(public_id: uuid.UUID) -> str:
    return f"claims:verdict-state:{public_id}"


def verdict_state(public_id: uuid.UUID) -> VerdictState | None:
    """The claim's verdict, version and last change, or None when no claim has this id."""

    def load() -> VerdictState | None:
        row = (
            Claim.objects.filter(public_id=public_id)
            .values_list("pk", "public_id", "verdict", "version", "updated_at")
            .first()
        )
        return VerdictState(*row) if row else None

    return remember(
        verdict_state_cache_key(public_id),
        load,
        VERDICT_STATE_SECONDS,
        local_seconds=VERDICT_STATE_LOCAL_SECONDS,
    )


def verdict_history(claim: Claim | int) -> QuerySet[VerdictChange]:
    """The claim's (or claim id's) verdict changes, oldest first, with who decided and the
    evidence."""
    return (
        VerdictChange.objects.filter(claim=claim)
        .select_related("editor")
        .prefetch_related(Prefetch("evidence", queryset=Source.objects.only("public_id")))
        .order_by("version")
    )


@dataclass(frozen=True)
class RelatedClaim:
    kind: str
    direction: str  # "outgoing": this claim <kind> the other; "incoming": the other <kind> this
    claim: Claim
    note: str
    recorded_at: datetime


def claim_relations(claim: Claim) -> list[RelatedClaim]:
    """Relations in both directions: C4 refines C1 shows on C4 (outgoing) and C1 (incoming)."""
    relations = ClaimRelation.objects.filter(Q(from_claim=claim) | Q(to_claim=claim))
    related = []
    for relation in relations.select_related("from_claim", "to_claim").order_by(
        "recorded_at", "id"
    ):
        outgoing = relation.from_claim_id == claim.pk
        related.append(
            RelatedClaim(
                kind=relation.kind,
                direction="outgoing" if outgoing else "incoming",
                claim=relation.to_claim if outgoing else relation.from_claim,
                note=relation.note,
                recorded_at=relation.recorded_at,
            )
        )
    return related


# Events everybody may follow; review flags are the editors' business.
PUBLIC_EVENT_KINDS = (
    EventKind.VERDICT_CHANGED,
    EventKind.STATEMENT_RECORDED,
    EventKind.SOURCE_HEALTH_CHANGED,
)


def change_events(*, since: int, limit: int, kinds: Iterable[str]) -> list[ChangeEvent]:
    """Events after `since` in id order. Ids become visible in increasing order (see
    claims.events.record_event), so resuming from the last id seen never misses one."""
    return list(
        ChangeEvent.objects.filter(id__gt=since, kind__in=list(kinds))
        .select_related("claim", "source")
        .only("id", "kind", "payload", "occurred_at", "claim__public_id", "source__public_id")
        .order_by("id")[:limit]
    )


# --- Search -----------------------------------------------------------------------------------

# Keep in step with migration 0008_search_documents, which stores this document in a generated
# column on PostgreSQL. claim_document / statement_document compute the same thing on the fly.
SEARCH_CONFIGS = ("simple", "english", "german")


def _document(*fields: str) -> CombinedSearchVector:
    vector: SearchVector | CombinedExpression = SearchVector(*fields, config=SEARCH_CONFIGS[0])
    for config in SEARCH_CONFIGS[1:]:
        vector = vector + SearchVector(*fields, config=config)
    # SearchVector's + makes a CombinedSearchVector; the stubs say CombinedExpression.
    return cast(CombinedSearchVector, vector)


def claim_document() -> CombinedSearchVector:
    return _document("text", "original_text")


def statement_document() -> CombinedSearchVector:
    return _document("quote", "translation")


class SearchDocument(Expression):
    """The stored `search_document` column of the queried table (claims or statements).

    Migration 0008_search_documents generates it on PostgreSQL from claim_document /
    statement_document and indexes it. It is no model field (SQLite has no tsvector, and
    seed_synthetic's COPY lists model fields), so it is named here, on the query's own table:
    searching it reads the stored lexemes instead of computing three `to_tsvector`s for every
    row the index finds.
    """

    output_field = SearchVectorField()

    # A list, not the stubs' tuple: Django 5.2's search lookup adds the rhs params (a list) to it.
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


def claims_matching_text(q: str) -> QuerySet[Claim]:
    """Claims whose own wording (English or original) matches."""
    if _full_text():
        return Claim.objects.alias(document=SearchDocument()).filter(document=_text_query(q))
    return Claim.objects.filter(Q(text__icontains=q) | Q(original_text__icontains=q))


def statements_matching_text(q: str) -> QuerySet[Statement]:
    """Statements whose quote or translation matches."""
    if _full_text():
        return Statement.objects.alias(document=SearchDocument()).filter(document=_text_query(q))
    return Statement.objects.filter(Q(quote__icontains=q) | Q(translation__icontains=q))


def actors_matching_name(q: str) -> QuerySet[Actor]:
    # Names are not words a dictionary stems, so they are matched as substrings everywhere.
    return search_actors(Actor.objects.all(), q)


# From this many matches on (rows the rare-word plan would collect: claims by wording, statements
# by quote, by claimant and by speaker), a page is found sooner by walking the list in its order
# and testing each row in place (aluminium: ~17,000 matches, 2 ms) than by collecting every match
# first (90 ms); below it the other way round (a word found nowhere would walk the whole list).
COMMON_MATCHES = 3000


def search_claims(queryset: QuerySet[Claim], q: str) -> QuerySet[Claim]:
    """Claims whose text, any statement's quote, the claimant or a speaker matches `q`.

    On PostgreSQL the text parts are full-text searches in the simple, English and German
    configurations over the stored documents and their GIN indexes; elsewhere they are
    substring matches. For a rare word the claim ids of the four parts are one `UNION ALL`, each
    part over its own index, joined to the list once. For a common word (one more query counts
    the matches, up to COMMON_MATCHES) each claim is tested in place while the list is read in
    its order, so the page's few rows are found before most matches are seen.
    """
    q = q.strip()
    if not q:
        return queryset
    actor_ids = _actor_ids(q)
    claim_ids = (
        claims_matching_text(q)
        .order_by()
        .values("pk")
        .union(
            statements_matching_text(q).order_by().values("claim_id"),
            Claim.objects.filter(claimant__in=actor_ids).order_by().values("pk"),
            Statement.objects.filter(actor__in=actor_ids).order_by().values("claim_id"),
            all=True,
        )
    )
    if _full_text() and _is_common(claim_ids):
        text = _text_query(q)
        statements = (
            Statement.objects.filter(claim=OuterRef("pk"))
            .alias(document=SearchDocument())
            .filter(Q(document=text) | Q(actor__in=actor_ids))
        )
        return queryset.alias(document=SearchDocument()).filter(
            Q(document=text) | Exists(statements) | Q(claimant__in=actor_ids)
        )
    return queryset.filter(pk__in=claim_ids)


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


def search_statements(queryset: QuerySet[Statement], q: str) -> QuerySet[Statement]:
    """Statements whose quote, claim or speaker (name or alias) matches `q`; planned like
    search_claims."""
    q = q.strip()
    if not q:
        return queryset
    actor_ids = _actor_ids(q)
    claim_ids = claims_matching_text(q).order_by().values("pk")
    statement_ids = (
        statements_matching_text(q)
        .order_by()
        .values("pk")
        .union(
            Statement.objects.filter(claim__in=claim_ids).order_by().values("pk"),
            Statement.objects.filter(actor__in=actor_ids).order_by().values("pk"),
            all=True,
        )
    )
    if _full_text() and _is_common(statement_ids):
        text = _text_query(q)
        claim_matches = (
            Claim.objects.filter(pk=OuterRef("claim_id"))
            .alias(document=SearchDocument())
            .filter(document=text)
        )
        return queryset.alias(document=SearchDocument()).filter(
            Q(document=text) | Exists(claim_matches) | Q(actor__in=actor_ids)
        )
    return queryset.filter(pk__in=statement_ids)


# --- Timelines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One thing that happened to a claim, in the shape the dashboards draw.

    `type` is statement, verdict_change, source_event or related_claim; `time` is when it
    happened in the world (said, decided, fetched), not when it was entered.
    """

    type: str
    time: datetime
    claim: Claim | None
    actor: Actor | None = None
    stance: str | None = None
    quote: str | None = None
    source: Source | None = None
    statement: Statement | None = None
    verdict_change: VerdictChange | None = None
    snapshot: Snapshot | None = None
    previous_health: str | None = None
    related: RelatedClaim | None = None


TYPE_ORDER = {"statement": 0, "source_event": 1, "related_claim": 2, "verdict_change": 3}

# What timelines and estimate series show of each row (claims.api.serializers' *Ref
# serializers): loading more costs more than the whole answer on a claim with 500 statements.
STATEMENT_COLUMNS = (
    "public_id",
    "claim",
    "actor",
    "source",
    "stance",
    "quote",
    "said_at",
    "recorded_at",
)
ACTOR_REF_COLUMNS = ("actor__public_id", "actor__name", "actor__kind", "actor__country")
SOURCE_REF_COLUMNS = ("source__public_id", "source__title", "source__url", "source__health")
CLAIM_REF_COLUMNS = ("claim__public_id", "claim__text", "claim__verdict")
SNAPSHOT_COLUMNS = ("source", "fetched_at", "health", "status_code", "error")


def _day_start(day: Any) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _timeline(claims: QuerySet[Claim], *, per_claim: Claim | None) -> list[TimelineEntry]:
    """Entries for `claims`, in four queries whatever their number."""
    entries: list[TimelineEntry] = []
    # Only the columns a timeline shows: a claim's timeline can hold thousands of statements.
    related: tuple[str, ...] = ("actor", "source")
    columns: tuple[str, ...] = (*STATEMENT_COLUMNS, *ACTOR_REF_COLUMNS, *SOURCE_REF_COLUMNS)
    if per_claim is None:  # a claim's own timeline shows the claim it was given, not 500 copies
        related, columns = (*related, "claim"), (*columns, *CLAIM_REF_COLUMNS)
    statements = list(
        Statement.objects.filter(claim__in=claims).select_related(*related).only(*columns)
    )
    for statement in statements:
        entries.append(
            TimelineEntry(
                type="statement",
                time=statement.said_at or statement.recorded_at,
                claim=per_claim or statement.claim,
                actor=statement.actor,
                stance=statement.stance,
                quote=statement.quote,
                source=statement.source,
                statement=statement,
            )
        )

    for change in VerdictChange.objects.filter(claim__in=claims).select_related("claim", "editor"):
        entries.append(
            TimelineEntry(
                type="verdict_change",
                time=change.decided_at,
                claim=change.claim,
                verdict_change=change,
            )
        )

    # A re-check is news when the source's health changed: it vanished, changed, came back.
    source_ids = {statement.source_id for statement in statements}
    snapshots = (
        Snapshot.objects.filter(source_id__in=source_ids)
        .annotate(
            previous_health=Window(
                Lag("health", default=Value(Health.OK)),
                partition_by=[F("source_id")],
                order_by=[F("fetched_at").asc(), F("id").asc()],
            )
        )
        .filter(~Q(health=F("previous_health")))
        .select_related("source")
        .only(*SNAPSHOT_COLUMNS, *SOURCE_REF_COLUMNS)
    )
    for snapshot in snapshots:
        entries.append(
            TimelineEntry(
                type="source_event",
                time=snapshot.fetched_at,
                claim=per_claim,
                source=snapshot.source,
                snapshot=snapshot,
                previous_health=snapshot.previous_health,
            )
        )

    relations = ClaimRelation.objects.select_related("from_claim", "to_claim")
    if per_claim is not None:
        relations = relations.filter(Q(from_claim=per_claim) | Q(to_claim=per_claim))
    else:
        relations = relations.filter(from_claim__in=claims)
    for relation in relations:
        outgoing = per_claim is None or relation.from_claim_id == per_claim.pk
        other = relation.to_claim if outgoing else relation.from_claim
        # A related claim enters the story when it was first asserted; the later of the two
        # claims is the news (C4 "at least 3,000" on 23 October refines C1 of 18 October).
        newer = max(
            (relation.from_claim, relation.to_claim),
            key=lambda claim: claim.first_asserted_on or relation.recorded_at.date(),
        )
        when = (
            _day_start(newer.first_asserted_on) if newer.first_asserted_on else relation.recorded_at
        )
        entries.append(
            TimelineEntry(
                type="related_claim",
                time=when,
                claim=per_claim or relation.from_claim,
                related=RelatedClaim(
                    kind=relation.kind,
                    direction="outgoing" if outgoing else "incoming",
                    claim=other,
                    note=relation.note,
                    recorded_at=relation.recorded_at,
                ),
            )
        )
    entries.sort(key=lambda entry: (entry.time, TYPE_ORDER[entry.type]))
    return entries


def claim_timeline(claim: Claim) -> list[TimelineEntry]:
    """The claim's statements, verdict changes, source events and related claims, in time
    order."""
    return _timeline(Claim.objects.filter(pk=claim.pk), per_claim=claim)


def topic_timeline(topic: Topic) -> list[TimelineEntry]:
    """The timelines of every claim of the topic, merged; relations appear once."""
    return _timeline(Claim.objects.filter(topic=topic), per_claim=None)


@dataclass(frozen=True)
class QuantityPoint:
    time: datetime
    statement: Statement | None  # None for the point of first assertion without a statement


@dataclass(frozen=True)
class QuantitySeries:
    claim: Claim
    value: Decimal
    upper_bound: Decimal | None
    unit: str
    qualifier: str
    is_projection: bool
    points: list[QuantityPoint]


def topic_quantity_series(topic: Topic) -> list[QuantitySeries]:
    """The numeric estimates of a topic over time: one series per claim with a quantity.

    Each series has a point for every statement on the claim (who said it, with which stance);
    a claim nobody is recorded saying has one point, when it was first asserted. Observed
    figures come first in time order, projections after them: 1,500 → 3,000, then 12,000.
    """
    with_quantity = Claim.objects.filter(topic=topic, quantity_value__isnull=False)
    claims = list(with_quantity.select_related("topic", "claimant"))
    # Grouped here rather than with prefetch_related, which would point each statement back at
    # its claim: a reference cycle per claim, freed only by the next full garbage collection.
    statements_of: dict[int, list[Statement]] = defaultdict(list)
    for statement in (
        Statement.objects.filter(claim__in=with_quantity)
        .select_related("actor", "source")
        .only(*STATEMENT_COLUMNS, *ACTOR_REF_COLUMNS, *SOURCE_REF_COLUMNS)
        .order_by("said_at", "id")
    ):
        statements_of[statement.claim_id].append(statement)
    series = []
    for claim in claims:
        points = [
            QuantityPoint(time=statement.said_at or statement.recorded_at, statement=statement)
            for statement in statements_of[claim.pk]
        ]
        if not points:
            first = _day_start(claim.first_asserted_on) if claim.first_asserted_on else None
            points = [QuantityPoint(time=first or claim.recorded_at, statement=None)]
        points.sort(key=lambda point: point.time)
        series.append(
            QuantitySeries(
                claim=claim,
                value=cast(Decimal, claim.quantity_value),  # filtered: not null
                upper_bound=claim.quantity_max,
                unit=claim.quantity_unit,
                qualifier=claim.quantity_qualifier,
                is_projection=claim.quantity_is_projection,
                points=points,
            )
        )
    series.sort(key=lambda s: (s.is_projection, s.points[0].time, s.value, s.claim.pk))
    return series


def open_flag_exists() -> Exists:
    return Exists(ReviewFlag.objects.filter(claim=OuterRef("pk"), status=FlagStatus.OPEN))


# --- Dashboards -------------------------------------------------------------------------------


def verdict_counts() -> dict[str, int]:
    """How many claims hold each verdict (every verdict present, zero when none)."""
    counts = dict(Claim.objects.values_list("verdict").annotate(n=Count("id")).order_by())
    return {verdict: counts.get(verdict, 0) for verdict in Verdict.values}


def latest_verdict_changes(*, limit: int = 8) -> QuerySet[VerdictChange]:
    return VerdictChange.objects.select_related("claim", "editor").order_by("-decided_at", "-id")[
        :limit
    ]


def review_queue() -> QuerySet[ReviewFlag]:
    """Open review flags, oldest first: the editors' work list."""
    return (
        review_flag_list()
        .filter(status=FlagStatus.OPEN)
        .select_related("claim__topic", "statement__actor")
        .order_by("opened_at", "id")
    )


@dataclass
class StanceGroup:
    stance: str
    label: str | Promise  # the choice's lazy translation
    statements: list[Statement]


def claim_statements(claim: Claim) -> list[Statement]:
    """The claim's statements in time order, with speaker and source."""
    return list(
        statement_list()
        .filter(claim=claim)
        .select_related("actor", "source__publisher")
        .order_by("said_at", "id")
    )


def stance_summary(statements: Iterable[Statement]) -> list[StanceGroup]:
    """Statements grouped by stance, in the order of Stance (asserts … retracts)."""
    groups = {stance: StanceGroup(stance, label, []) for stance, label in Stance.choices}
    for statement in statements:
        groups[statement.stance].statements.append(statement)
    return [group for group in groups.values() if group.statements]


def claim_open_flags(claim: Claim) -> QuerySet[ReviewFlag]:
    return review_flag_list().filter(claim=claim, status=FlagStatus.OPEN).order_by("opened_at")


def actor_statements(actor: Actor) -> list[Statement]:
    """The actor's statements over time, with claim (and its topic) and source."""
    return list(
        statement_list()
        .filter(actor=actor)
        .select_related("claim__topic")
        .order_by("said_at", "id")
    )
