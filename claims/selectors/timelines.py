"""Timelines of claims and topics, and the numeric estimates of a topic over time."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db.models import F, Q, QuerySet, Value, Window
from django.db.models.functions import Lag

from actors.models import Actor
from sources.models import Health, Snapshot, Source

from ..models import Claim, ClaimRelation, Statement, Topic, VerdictChange
from ..quantities import Quantity
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


def _day_start(day: date) -> datetime:
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
                related=related_claim(relation, seen_from=per_claim),
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
    quantity: Quantity
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
        quantity = claim.quantity
        assert quantity is not None  # the claims were chosen for having one
        series.append(QuantitySeries(claim=claim, quantity=quantity, points=points))
    series.sort(
        key=lambda s: (s.quantity.is_projection, s.points[0].time, s.quantity.value, s.claim.pk)
    )
    return series
