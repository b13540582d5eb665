"""Timelines of claims and topics, and the numeric estimates of a topic over time."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from django.db.models import F, Q, QuerySet, Value, Window
from django.db.models.functions import Lag

from actors.models import Actor
from common.moments import NOW, Moment
from sources.models import Health, Snapshot, Source

from ..models import Claim, ClaimRelation, Statement, Topic, VerdictChange
from ..quantities import Quantity
from .as_of import claims_as_of, relations_as_of, statements_as_of, verdict_changes_as_of
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
    entries: list[TimelineEntry] = []
    # A claim's own timeline shows the claim it was given, not 500 copies.
    if per_claim is None and claims_then is None:
        claims_then = {}  # now: loaded with the statements
    statements = _statements(claim_ids, claims_then=claims_then, moment=moment)
    moved_from = stance_moves(statements)
    for statement in statements:
        entries.append(
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
            )
        )

    changes = verdict_changes_as_of(moment, claim_id__in=claim_ids).select_related(
        "claim", "editor"
    )
    for change in changes:
        entries.append(
            TimelineEntry(
                type="verdict_change",
                time=change.decided_at,
                claim=per_claim or (claims_then or {}).get(change.claim_id) or change.claim,
                verdict_change=change,
            )
        )

    # A re-check is news when the source's health changed: it vanished, changed, came back.
    source_ids = {statement.source_id for statement in statements}
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
    sources_then = {statement.source_id: statement.source for statement in statements}
    for snapshot in snapshots:
        entries.append(
            TimelineEntry(
                type="source_event",
                time=snapshot.fetched_at,
                claim=per_claim,
                source=snapshot.source if moment.is_now else sources_then[snapshot.source_id],
                snapshot=snapshot,
                previous_health=snapshot.previous_health,
            )
        )

    if per_claim is not None:
        between = Q(from_claim=per_claim) | Q(to_claim=per_claim)
    else:
        between = Q(from_claim_id__in=claim_ids)
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
            )
        )
    entries.sort(key=lambda entry: (entry.time, TYPE_ORDER[entry.type]))
    return entries


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
