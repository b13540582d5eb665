"""Timelines of claims and topics, and the numeric estimates of a topic over time."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Any

from django.db.models import F, Max, Q, QuerySet, Value, Window
from django.db.models.functions import Coalesce, Lag

from actors.models import Actor
from common.history import as_instance
from common.moments import NOW, Moment
from sources.models import Health, Snapshot, Source
from sources.selectors import health_then

from ..models import Claim, ClaimRelation, Statement, Topic, VerdictChange
from ..quantities import Quantity
from .as_of import (
    claim_list_as_of,
    claims_as_of,
    finish_statements,
    relations_as_of,
    rows_then,
    statement_list_as_of,
    statements_as_of,
    verdict_changes_as_of,
)
from .lists import RelatedClaim, related_claim


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
    # A statement that moved its actor's position on the claim: the stance it moved from.
    previous_stance: str | None = None
    quote: str | None = None
    source: Source | None = None
    statement: Statement | None = None
    verdict_change: VerdictChange | None = None
    snapshot: Snapshot | None = None
    previous_health: str | None = None
    related: RelatedClaim | None = None
    # The entry's row (statement, verdict change, snapshot, relation): orders entries of one
    # moment and kind, so that a timeline read in slices reads as one read whole.
    row_id: int = 0


# A position in a timeline (claims.selectors.timelines.entry_position).
TimelinePosition = tuple[datetime, int, int]

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
# kind and publisher too: the stance matrix counts origins from the timeline (corroboration).
SOURCE_REF_COLUMNS = (
    "source__public_id",
    "source__title",
    "source__url",
    "source__health",
    "source__kind",
    "source__publisher",
)
CLAIM_REF_COLUMNS = ("claim__public_id", "claim__text", "claim__verdict")
SNAPSHOT_COLUMNS = ("source", "fetched_at", "health", "status_code", "error")


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# Claim ids as a list, or as a subquery of them.
ClaimIds = list[int] | QuerySet[Claim, Any]


def _statements(
    claim_ids: ClaimIds, *, claims_then: dict[int, Claim] | None, moment: Moment
) -> list[Statement]:
    """The statements of these claims at `moment`, with actor and source, and with their claim
    when `claims_then` is given (the claims as they stood then, by id) or, now, loaded."""
    if not moment.is_now:
        statements = statements_as_of(moment, claim_id__in=claim_ids)
        if claims_then is not None:
            for statement in statements:
                Statement.claim.field.set_cached_value(statement, claims_then[statement.claim_id])
        return statements
    # Only the columns a timeline shows: a claim's timeline can hold thousands of statements.
    related: tuple[str, ...] = ("actor", "source")
    columns: tuple[str, ...] = (*STATEMENT_COLUMNS, *ACTOR_REF_COLUMNS, *SOURCE_REF_COLUMNS)
    if claims_then is not None:
        related, columns = (*related, "claim"), (*columns, *CLAIM_REF_COLUMNS)
    return list(
        Statement.objects.filter(claim_id__in=claim_ids).select_related(*related).only(*columns)
    )


def _timeline(
    claim_ids: ClaimIds,
    *,
    per_claim: Claim | None,
    moment: Moment,
    claims_then: dict[int, Claim] | None = None,
) -> list[TimelineEntry]:
    """Entries for the claims with these ids as they stood at `moment`, in a fixed number of
    queries whatever their number. A topic's timeline (`per_claim` None) shows each entry's
    claim: `claims_then` holds them as they stood at a past moment; now, they are loaded."""
    # A claim's own timeline shows the claim it was given, not 500 copies.
    if per_claim is None and claims_then is None:
        claims_then = {}  # now: loaded with the statements
    statements = _statements(claim_ids, claims_then=claims_then, moment=moment)
    entries = _statement_entries(statements, stance_moves(statements), per_claim)
    changes = verdict_changes_as_of(moment, claim_id__in=claim_ids).select_related(
        "claim", "editor"
    )
    entries += _verdict_entries(changes, per_claim, claims_then)
    sources_then = {statement.source_id: statement.source for statement in statements}
    entries += _source_entries(set(sources_then), per_claim, moment, sources_then)
    entries += _relation_entries(claim_ids, per_claim, moment)
    entries.sort(key=entry_position)
    return entries


def entry_position(entry: TimelineEntry) -> TimelinePosition:
    """Where an entry stands in a timeline: its time, then statements before source events,
    related claims and verdict changes of the same moment, then the order they were entered."""
    return (entry.time, TYPE_ORDER[entry.type], entry.row_id)


def _statement_entries(
    statements: Iterable[Statement], moved_from: dict[int, str], per_claim: Claim | None
) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            type="statement",
            time=statement.said_at or statement.recorded_at,
            claim=per_claim or statement.claim,
            actor=statement.actor,
            stance=statement.stance,
            previous_stance=moved_from.get(statement.pk),
            quote=statement.quote,
            source=statement.source,
            statement=statement,
            row_id=statement.pk,
        )
        for statement in statements
    ]


def _verdict_entries(
    changes: Iterable[VerdictChange], per_claim: Claim | None, claims_then: dict[int, Claim] | None
) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            type="verdict_change",
            time=change.decided_at,
            claim=per_claim or (claims_then or {}).get(change.claim_id) or change.claim,
            verdict_change=change,
            row_id=change.pk,
        )
        for change in changes
    ]


def _source_entries(
    source_ids: set[int] | QuerySet[Any],
    per_claim: Claim | None,
    moment: Moment,
    sources_then: dict[int, Source] | None = None,
    *,
    after: TimelinePosition | None = None,
    limit: int | None = None,
) -> list[TimelineEntry]:
    """A re-check is news when the source's health changed: it vanished, changed, came back.
    With `limit`, the first so many after the position `after`."""
    checks = Snapshot.objects.filter(source_id__in=source_ids)
    if moment.as_of is not None:
        checks = checks.filter(recorded_at__lte=moment.as_of)
    if moment.said_by is not None:
        checks = checks.filter(fetched_at__lte=moment.said_by)
    snapshots = (
        checks.annotate(
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
    if limit is not None:
        # The position is compared with a window expression equal to fetched_at: Django
        # applies filters on windows after computing them, so Lag still sees every earlier
        # snapshot (a plain filter on fetched_at would hide them from it).
        snapshots = (
            snapshots.annotate(at=Window(Max("fetched_at"), partition_by=[F("id")]))
            .filter(_after_q(after, "at", TYPE_ORDER["source_event"]))
            .order_by("fetched_at", "id")[: limit + 1]
        )
    return [
        TimelineEntry(
            type="source_event",
            time=snapshot.fetched_at,
            claim=per_claim,
            source=(
                snapshot.source
                if moment.is_now or sources_then is None
                else sources_then[snapshot.source_id]
            ),
            snapshot=snapshot,
            previous_health=snapshot.previous_health,
            row_id=snapshot.pk,
        )
        for snapshot in snapshots
    ]


def _relation_entries(
    claim_ids: ClaimIds, per_claim: Claim | None, moment: Moment
) -> list[TimelineEntry]:
    if per_claim is not None:
        between = Q(from_claim=per_claim) | Q(to_claim=per_claim)
    else:
        between = Q(from_claim_id__in=claim_ids)
    entries = []
    for relation in _relations(between, moment):
        # A related claim enters the story when it was first asserted; the later of the two
        # claims is the news (C4 "at least 3,000" on 23 October refines C1 of 18 October).
        newer = max(
            (relation.from_claim, relation.to_claim),
            key=lambda claim: claim.first_asserted_on or relation.recorded_at.date(),
        )
        when = (
            _day_start(newer.first_asserted_on) if newer.first_asserted_on else relation.recorded_at
        )
        if moment.said_by is not None and when > moment.said_by:
            continue
        entries.append(
            TimelineEntry(
                type="related_claim",
                time=when,
                claim=per_claim or relation.from_claim,
                related=related_claim(relation, seen_from=per_claim),
                row_id=relation.pk,
            )
        )
    return entries


# --- A timeline a slice at a time ---------------------------------------------------------------
#
# A topic of 10,000 claims has a timeline of some 30,000 entries: the pages ask for it a slice at
# a time (issue #18). Now, each kind of entry is read from the database from the position on,
# at most one slice of each, and merged; the source events and related claims, which are few,
# are read whole and cut. A past moment's timeline is read whole from the history and cut: the
# history rows hold no position to start from.


@dataclass(frozen=True)
class TimelineSlice:
    entries: list[TimelineEntry]
    has_more: bool

    @property
    def last_position(self) -> TimelinePosition | None:
        return entry_position(self.entries[-1]) if self.entries else None


def _after(position: TimelinePosition | None, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    if position is None:
        return entries
    return [entry for entry in entries if entry_position(entry) > position]


def _after_q(
    position: TimelinePosition | None, time_field: str, type_order: int, id_field: str = "pk"
) -> Q:
    """Rows of one kind (type order) that stand after `position`, timed by `time_field` (and
    told apart by `id_field`: `id` in a history table, whose pk is the record's)."""
    if position is None:
        return Q()
    time, order, row_id = position
    if type_order > order:
        return Q(**{f"{time_field}__gte": time})
    if type_order < order:
        return Q(**{f"{time_field}__gt": time})
    return Q(**{f"{time_field}__gt": time}) | Q(**{time_field: time, f"{id_field}__gt": row_id})


def _slice_now(
    claim_ids: ClaimIds, per_claim: Claim | None, after: TimelinePosition | None, limit: int
) -> list[TimelineEntry]:
    """Up to limit + 1 entries after `after`, of each kind, as they stand now."""
    related: tuple[str, ...] = ("actor", "source")
    columns: tuple[str, ...] = (*STATEMENT_COLUMNS, *ACTOR_REF_COLUMNS, *SOURCE_REF_COLUMNS)
    if per_claim is None:
        related, columns = (*related, "claim"), (*columns, *CLAIM_REF_COLUMNS)
    # The slice's ids first, from the statements alone, then the rows with their actor and
    # source: joined before the sort, PostgreSQL joined all of a big topic's statements.
    slice_ids = (
        Statement.objects.filter(claim_id__in=claim_ids)
        .annotate(at=Coalesce("said_at", "recorded_at"))
        .filter(_after_q(after, "at", TYPE_ORDER["statement"]))
        .order_by("at", "id")
        .values("id")[: limit + 1]
    )
    statements = list(
        Statement.objects.filter(id__in=slice_ids)
        .annotate(at=Coalesce("said_at", "recorded_at"))
        .select_related(*related)
        .only(*columns)
        .order_by("at", "id")
    )
    # Whether a statement moved its actor's position depends on what the actor said before it,
    # perhaps in an earlier slice: read the slice's actors' statements on its claims.
    pairs = {(s.actor_id, s.claim_id) for s in statements}
    before = Statement.objects.filter(
        claim_id__in={claim for _, claim in pairs}, actor_id__in={actor for actor, _ in pairs}
    ).only("actor_id", "claim_id", "stance", "said_at", "recorded_at")
    moved_from = stance_moves(s for s in before if (s.actor_id, s.claim_id) in pairs)
    entries = _statement_entries(statements, moved_from, per_claim)
    changes = (
        verdict_changes_as_of(NOW, claim_id__in=claim_ids)
        .filter(_after_q(after, "decided_at", TYPE_ORDER["verdict_change"]))
        .select_related("claim", "editor")
        .order_by("decided_at", "id")[: limit + 1]
    )
    entries += _verdict_entries(changes, per_claim, None)
    sources = Statement.objects.filter(claim_id__in=claim_ids).values("source_id")
    entries += _source_entries(sources, per_claim, NOW, after=after, limit=limit)
    entries += _after(after, _relation_entries(claim_ids, per_claim, NOW))
    return entries


def _slice_then(
    claim_ids: ClaimIds,
    per_claim: Claim | None,
    moment: Moment,
    after: TimelinePosition | None,
    limit: int,
) -> list[TimelineEntry]:
    """Up to limit + 1 entries after `after`, of each kind, as they stood at `moment`: as
    _slice_now, from the history (issue #18: a topic's whole past timeline was read and cut,
    47 s for 10,000 claims). `claim_ids`: the claims known (and asserted) then."""
    statements_then = statement_list_as_of(moment, claim_id__in=claim_ids)
    id_field = "pk" if moment.as_of is None else "id"  # a history record's pk is its own
    rows = list(
        statements_then.annotate(at=Coalesce("said_at", "recorded_at"))
        .filter(_after_q(after, "at", TYPE_ORDER["statement"], id_field))
        .order_by("at", id_field)[: limit + 1]
    )
    statements = finish_statements(rows, moment)
    if per_claim is not None:  # a claim's own timeline shows the claim it was given
        for statement in statements:
            Statement.claim.field.set_cached_value(statement, per_claim)
    # Whether a statement moved its actor's position depends on what the actor said before it,
    # perhaps in an earlier slice: the slice's actors' statements on its claims then.
    pairs = {(s.actor_id, s.claim_id) for s in statements}
    before = statement_list_as_of(
        moment,
        claim_id__in={claim for _, claim in pairs},
        actor_id__in={actor for actor, _ in pairs},
    )
    moved_from = stance_moves(
        as_instance(Statement, row) if moment.as_of is not None else row
        for row in before
        if (row.actor_id, row.claim_id) in pairs
    )
    entries = _statement_entries(statements, moved_from, per_claim)
    changes = list(
        verdict_changes_as_of(moment, claim_id__in=claim_ids)
        .filter(_after_q(after, "decided_at", TYPE_ORDER["verdict_change"]))
        .select_related("claim", "editor")
        .order_by("decided_at", "id")[: limit + 1]
    )
    claims_then = None
    if per_claim is None:
        claims_then = {c.pk: c for c in claims_as_of(moment, id__in={c.claim_id for c in changes})}
    entries += _verdict_entries(changes, per_claim, claims_then)
    sources = statements_then.values("source_id")
    events = _source_entries(sources, per_claim, moment, after=after, limit=limit)
    # Each source as it read then, with its health then (as the statements citing it show it).
    sources_then = rows_then(Source, {entry.source.pk for entry in events if entry.source}, moment)
    health = health_then(set(sources_then), moment)
    for source in sources_then.values():
        source.health = health[source.pk]
    entries += [
        replace(entry, source=sources_then[entry.source.pk]) for entry in events if entry.source
    ]
    entries += _after(after, _relation_entries(claim_ids, per_claim, moment))
    return entries


def _sliced(
    entries: list[TimelineEntry], after: TimelinePosition | None, limit: int
) -> TimelineSlice:
    entries = sorted(_after(after, entries), key=entry_position)
    return TimelineSlice(entries[:limit], has_more=len(entries) > limit)


def claim_timeline_slice(
    claim: Claim, moment: Moment = NOW, *, after: TimelinePosition | None, limit: int
) -> TimelineSlice:
    """The first `limit` entries of the claim's timeline after the position `after` (from the
    start when None), and whether more follow."""
    if moment.is_now:
        return _sliced(_slice_now([claim.pk], claim, after, limit), after, limit)
    return _sliced(_slice_then([claim.pk], claim, moment, after, limit), after, limit)


def topic_timeline_slice(
    topic: Topic, moment: Moment = NOW, *, after: TimelinePosition | None, limit: int
) -> TimelineSlice:
    """As claim_timeline_slice, for the topic's timeline."""
    if moment.is_now:
        claim_ids = Claim.objects.filter(topic=topic).values("pk")
        return _sliced(_slice_now(claim_ids, None, after, limit), after, limit)
    claims_then = claim_list_as_of(moment).filter(topic_id=topic.pk).values("id")
    return _sliced(_slice_then(claims_then, None, moment, after, limit), after, limit)


def stance_moves(statements: Iterable[Statement]) -> dict[int, str]:
    """The statements that moved their actor's position on their claim, by id, with the stance
    moved from: walking each actor's statements on a claim in the order they were said (as
    claims.services.actor_position orders them), each stance unlike the one before."""
    ordered = sorted(
        statements,
        key=lambda s: (s.said_at is not None, s.said_at or s.recorded_at, s.recorded_at, s.pk),
    )
    position: dict[tuple[int, int], str] = {}
    moved: dict[int, str] = {}
    for statement in ordered:
        key = (statement.actor_id, statement.claim_id)
        before = position.get(key)
        if before is not None and before != statement.stance:
            moved[statement.pk] = before
        position[key] = statement.stance
    return moved


def _relations(between: Q, moment: Moment) -> list[ClaimRelation]:
    if moment.as_of is None:
        return list(ClaimRelation.objects.filter(between).select_related("from_claim", "to_claim"))
    relations = relations_as_of(moment, between)
    claim_ids = {r.from_claim_id for r in relations} | {r.to_claim_id for r in relations}
    claims = {
        claim.pk: claim for claim in claims_as_of(Moment(as_of=moment.as_of), id__in=claim_ids)
    }
    kept = []
    for relation in relations:
        if relation.from_claim_id in claims and relation.to_claim_id in claims:
            relation.from_claim, relation.to_claim = (
                claims[relation.from_claim_id],
                claims[relation.to_claim_id],
            )
            kept.append(relation)
    return kept


def claim_timeline(claim: Claim, moment: Moment = NOW) -> list[TimelineEntry]:
    """The claim's statements, verdict changes, source events and related claims, in time
    order, as they stood at `moment`."""
    return _timeline([claim.pk], per_claim=claim, moment=moment)


def topic_timeline(topic: Topic, moment: Moment = NOW) -> list[TimelineEntry]:
    """The timelines of every claim of the topic, merged; relations appear once."""
    if moment.is_now:
        return _timeline(
            Claim.objects.filter(topic=topic).values("pk"), per_claim=None, moment=moment
        )
    claims_then = {claim.pk: claim for claim in claims_as_of(moment, topic_id=topic.pk)}
    return _timeline(list(claims_then), per_claim=None, moment=moment, claims_then=claims_then)


@dataclass(frozen=True)
class QuantityPoint:
    time: datetime
    statement: Statement | None  # None for the point of first assertion without a statement


@dataclass(frozen=True)
class QuantitySeries:
    claim: Claim
    quantity: Quantity
    points: list[QuantityPoint]


def topic_quantity_series(topic: Topic, moment: Moment = NOW) -> list[QuantitySeries]:
    """The numeric estimates of a topic over time, as they stood at `moment`: one series per
    claim with a quantity.

    Each series has a point for every statement on the claim (who said it, with which stance);
    a claim nobody is recorded saying has one point, when it was first asserted. Observed
    figures come first in time order, projections after them: 1,500 → 3,000, then 12,000.
    """
    statements_of: dict[int, list[Statement]] = defaultdict(list)
    if moment.is_now:
        with_quantity = Claim.objects.filter(topic=topic, quantity_value__isnull=False)
        claims = list(with_quantity.select_related("topic", "claimant"))
        # Grouped here rather than with prefetch_related, which would point each statement back
        # at its claim: a reference cycle per claim, freed only by the next full collection.
        statements: Iterable[Statement] = (
            Statement.objects.filter(claim__in=with_quantity)
            .select_related("actor", "source")
            .only(*STATEMENT_COLUMNS, *ACTOR_REF_COLUMNS, *SOURCE_REF_COLUMNS)
            .order_by("said_at", "id")
        )
    else:
        claims = claims_as_of(moment, topic_id=topic.pk, quantity_value__isnull=False)
        statements = statements_as_of(moment, claim_id__in=[claim.pk for claim in claims])
    for statement in statements:
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
        quantity = claim.quantity
        assert quantity is not None  # the claims were chosen for having one
        series.append(QuantitySeries(claim=claim, quantity=quantity, points=points))
    series.sort(
        key=lambda s: (s.quantity.is_projection, s.points[0].time, s.quantity.value, s.claim.pk)
    )
    return series
