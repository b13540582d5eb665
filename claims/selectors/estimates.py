"""The figures actors give on a topic or a claim, as they stood at a moment: one row per
statement that carries an estimate, with the measures of the topic they count.

A topic's estimates are read whole (the topic page draws one chart per measure, one line per
actor), and a busy topic holds ten thousand of them (issue #17: p99 < 150 ms). So the rows are
read as plain values in one query for the present, and in one query per table from the history
for a past moment; no model instance is built per row, and each claim, actor, source and measure
is represented once however many rows name it. A fixed number of queries, whatever the rows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Case, Q, When

from actors.models import Actor
from common.history import by_pk_as_of, history_of, records_as_of
from common.moments import Moment
from sources.models import Source

from ..estimates import Estimate
from ..models import Claim, Measure, ProjectionOutcome, Statement, Topic
from ..precision import DatePrecision


@dataclass(frozen=True, slots=True)
class Ref:
    """A claim, actor, source or measure as an estimate row names it: id and words."""

    public_id: UUID
    text: str


@dataclass(frozen=True, slots=True)
class OutcomeRef:
    outcome: str
    rationale: str
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class EstimateRow:
    """A statement that carries a figure, as the estimates endpoints show it."""

    statement: UUID
    entered: int  # the statement's row id: which of the same figure's reports came in first
    claim: Ref
    actor: Ref
    source: Ref | None
    measure: Ref | None
    stance: str
    quote: str
    said_at: datetime | None
    recorded_at: datetime | None  # read only for a figure said at no known time
    estimate: Estimate
    outcome: OutcomeRef | None

    @property
    def at(self) -> datetime:
        """Where a chart puts the figure: noon (UTC) of the day it refers to, else when it was
        said, else when it was recorded."""
        if self.estimate.refers_to is not None:
            return datetime.combine(self.estimate.refers_to, time(12), tzinfo=UTC)
        when = self.said_at or self.recorded_at
        assert when is not None
        return when


@dataclass(frozen=True, slots=True)
class MeasureCount:
    measure: Measure
    estimates: int


@dataclass(frozen=True)
class Estimates:
    topic: Topic
    measures: list[MeasureCount]
    rows: list[EstimateRow]


# The statement columns an estimate row reads, live and in the history alike.
ESTIMATE_COLUMNS = (
    "estimate_value",
    "estimate_low",
    "estimate_high",
    "estimate_unit",
    "estimate_qualifier",
    "estimate_kind",
    "estimate_refers_to",
    "estimate_refers_to_precision",
)


def topic_estimates(
    topic: Topic,
    moment: Moment,
    *,
    measure: UUID | None = None,
    actor: UUID | None = None,
    kind: str | None = None,
    refers_from: date | None = None,
    refers_until: date | None = None,
) -> Estimates:
    """The figures given on the topic's claims as they stood at `moment` (each statement as it
    read then, on the claims of the topic then), ordered by measure, actor and when they apply;
    and the topic's measures with how many of the rows count each.

    `refers_from` and `refers_until` compare the last day of the period a figure refers to
    ("by December 2024": 31 December); a figure without a moment is left out by either.
    `measure` and `actor` are public ids."""
    where = _where(measure, actor, kind, refers_from, refers_until)
    return _estimates(topic, moment, where, claim_ids=_topic_claim_ids(topic, moment))


def claim_estimates(
    claim: Claim,
    moment: Moment,
    *,
    measure: UUID | None = None,
    actor: UUID | None = None,
    kind: str | None = None,
    refers_from: date | None = None,
    refers_until: date | None = None,
) -> Estimates:
    """topic_estimates for one claim (as it stood at `moment`: the caller passes the claim
    then); the measures are those of its topic."""
    where = _where(measure, actor, kind, refers_from, refers_until)
    return _estimates(claim.topic, moment, where, claim_ids=[claim.pk])


def figures_fingerprint() -> tuple[Any, ...]:
    """Changes with every write an estimates answer could show: a statement, claim, actor or
    source saved or deleted (each adds a history record), a measure added, renamed or removed,
    an outcome recorded. Global rather than per topic, so any write anywhere changes it; one
    query of index-only reads. claims.api.estimates keeps answers in the cache under it."""
    histories = [
        history_of(model).model._meta.db_table for model in (Statement, Claim, Actor, Source)
    ]
    measures, outcomes = Measure._meta.db_table, ProjectionOutcome._meta.db_table
    reads = [f"(SELECT MAX(history_id) FROM {table})" for table in histories] + [
        f"(SELECT COUNT(*) FROM {measures})",
        f"(SELECT MAX(updated_at) FROM {measures})",
        f"(SELECT MAX(id) FROM {outcomes})",
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(reads)}")  # table names from the models, no input
        return tuple(cursor.fetchone())


def topic_measures(topic: Topic, moment: Moment) -> list[Measure]:
    """The topic's measures known at `moment` (a measure keeps no history: its name as now)."""
    measures = Measure.objects.filter(topic=topic)
    if moment.as_of is not None:
        measures = measures.filter(recorded_at__lte=moment.as_of)
    return list(measures.order_by("name", "id"))


def _where(
    measure: UUID | None,
    actor: UUID | None,
    kind: str | None,
    refers_from: date | None,
    refers_until: date | None,
) -> Q:
    # Statement fields, which the history tables share: the same condition reads either.
    where = ~Q(estimate_unit="")
    # By public id, in the same query: an id no row has matches nothing, as the list filters.
    if measure is not None:
        where &= Q(estimate_measure_id__in=Measure.objects.filter(public_id=measure).values("pk"))
    if actor is not None:
        where &= Q(actor_id__in=Actor.objects.filter(public_id=actor).values("pk"))
    if kind:
        where &= Q(estimate_kind=kind)
    if refers_from is not None:
        where &= Q(estimate_refers_to__gte=refers_from)
    if refers_until is not None:
        where &= Q(estimate_refers_to__lte=refers_until)
    return where


def _said_by(moment: Moment) -> Q:
    # As claims.selectors.as_of: a statement whose date is unknown counts from when recorded.
    return Q(said_at__lte=moment.said_by) | Q(said_at__isnull=True, recorded_at__lte=moment.said_by)


def _topic_claim_ids(topic: Topic, moment: Moment) -> list[int] | None:
    """The ids of the topic's claims at `moment.as_of`; None for the live rows (joined)."""
    if moment.as_of is None:
        return None
    return list(records_as_of(Claim, moment.as_of, topic_id=topic.pk).values_list("id", flat=True))


def _estimates(topic: Topic, moment: Moment, where: Q, *, claim_ids: list[int] | None) -> Estimates:
    if moment.said_by is not None:
        where &= _said_by(moment)
    if moment.as_of is None:
        rows = _live_rows(topic, moment, where, claim_ids)
    else:
        rows = _rows_then(moment, where, claim_ids or [])
    rows.sort(key=_order)
    counts: dict[UUID, int] = {}
    for row in rows:
        if row.measure is not None:
            counts[row.measure.public_id] = counts.get(row.measure.public_id, 0) + 1
    measures = [
        MeasureCount(measure, counts.get(measure.public_id, 0))
        for measure in topic_measures(topic, moment)
    ]
    return Estimates(topic=topic, measures=measures, rows=rows)


def _order(row: EstimateRow) -> tuple[Any, ...]:
    measure = row.measure
    return (
        measure is None,
        measure.text if measure else "",
        measure.public_id.int if measure else 0,
        row.actor.text,
        row.actor.public_id.int,
        row.at,
        # A figure repeated in several reports lists the first entered first: the origin, as
        # a rule (the NIS briefing before the outlets repeating it), not a random one.
        row.entered,
    )


def _estimate(values: tuple[Any, ...]) -> Estimate:
    value, low, high, unit, qualifier, kind, refers_to, precision = values
    return Estimate(
        unit=unit,
        qualifier=qualifier,
        value=value,
        low=low,
        high=high,
        kind=kind,
        refers_to=refers_to,
        refers_to_precision=precision or DatePrecision.DAY,
    )


class _Refs:
    """One Ref per claim, actor, source and measure of an answer."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, int], Ref] = {}

    def get(self, kind: str, pk: int, public_id: UUID, text: str) -> Ref:
        ref = self.known.get((kind, pk))
        if ref is None:
            ref = self.known[(kind, pk)] = Ref(public_id, text)
        return ref

    def optional(self, kind: str, pk: int | None, public_id: UUID, text: str) -> Ref | None:
        return None if pk is None else self.get(kind, pk, public_id, text)


def _live_rows(
    topic: Topic, moment: Moment, where: Q, claim_ids: list[int] | None
) -> list[EstimateRow]:
    """The rows from the live tables: now, or what had been said by `moment.said_by`."""
    statements = Statement.objects.filter(where)
    statements = (
        statements.filter(claim__topic=topic)
        if claim_ids is None
        else statements.filter(claim_id__in=claim_ids)
    )
    # Django reads each time stamp through psycopg's Python loader (a regex per value): the
    # recording time is read only where it is needed, for a figure said at no known time.
    values = statements.order_by().values_list(
        "id",
        "public_id",
        "stance",
        "quote",
        "said_at",
        Case(When(said_at__isnull=True, then="recorded_at")),
        "claim_id",
        "claim__public_id",
        "claim__text",
        "actor_id",
        "actor__public_id",
        "actor__name",
        "source_id",
        "source__public_id",
        "source__title",
        "estimate_measure_id",
        "estimate_measure__public_id",
        "estimate_measure__name",
        "projection_outcome__outcome",
        "projection_outcome__rationale",
        "projection_outcome__decided_at",
        *ESTIMATE_COLUMNS,
    )
    refs = _Refs()
    said_by = moment.said_by
    rows = []
    # One fetch: a server-side cursor's round trips cost more than the rows' memory.
    for row in list(values):
        (
            pk,
            public_id,
            stance,
            quote,
            said_at,
            recorded_at,
            claim_id,
            claim_public_id,
            claim_text,
            actor_id,
            actor_public_id,
            actor_name,
            source_id,
            source_public_id,
            source_title,
            measure_id,
            measure_public_id,
            measure_name,
            outcome,
            rationale,
            decided_at,
        ) = row[:21]
        decided = outcome is not None and (said_by is None or decided_at <= said_by)
        rows.append(
            EstimateRow(
                statement=public_id,
                entered=pk,
                claim=refs.get("claim", claim_id, claim_public_id, claim_text),
                actor=refs.get("actor", actor_id, actor_public_id, actor_name),
                source=refs.optional("source", source_id, source_public_id, source_title),
                measure=refs.optional("measure", measure_id, measure_public_id, measure_name),
                stance=stance,
                quote=quote,
                said_at=said_at,
                recorded_at=recorded_at,
                estimate=_estimate(row[21:]),
                outcome=OutcomeRef(outcome, rationale, decided_at) if decided else None,
            )
        )
    return rows


def _rows_then(moment: Moment, where: Q, claim_ids: list[int]) -> list[EstimateRow]:
    """The rows as they read at `moment.as_of`, from the history: each statement, claim, actor
    and source in the version in force then, so a figure corrected later reads as it did."""
    as_of = moment.as_of
    assert as_of is not None
    records = list(
        records_as_of(Statement, as_of, claim_id__in=claim_ids)
        .filter(where)
        .values_list(
            "id",
            "public_id",
            "stance",
            "quote",
            "said_at",
            "recorded_at",
            "claim_id",
            "actor_id",
            "source_id",
            "estimate_measure_id",
            *ESTIMATE_COLUMNS,
        )
    )
    claims = _refs_then(Claim, as_of, {r[6] for r in records}, "text")
    actors = _refs_then(Actor, as_of, {r[7] for r in records}, "name")
    sources = _refs_then(Source, as_of, {r[8] for r in records}, "title")
    measures = {
        pk: Ref(public_id, name)
        for pk, public_id, name in Measure.objects.filter(
            pk__in={r[9] for r in records} - {None}
        ).values_list("pk", "public_id", "name")
    }
    outcomes = ProjectionOutcome.objects.filter(
        statement_id__in=[r[0] for r in records], recorded_at__lte=as_of
    )
    if moment.said_by is not None:
        outcomes = outcomes.filter(decided_at__lte=moment.said_by)
    outcome_of = {
        statement_id: OutcomeRef(outcome, rationale, decided_at)
        for statement_id, outcome, rationale, decided_at in outcomes.values_list(
            "statement_id", "outcome", "rationale", "decided_at"
        )
    }
    return [
        EstimateRow(
            statement=r[1],
            entered=r[0],
            claim=claims[r[6]],
            actor=actors[r[7]],
            source=sources.get(r[8]),
            measure=measures.get(r[9]),
            stance=r[2],
            quote=r[3],
            said_at=r[4],
            recorded_at=r[5],
            estimate=_estimate(r[10:]),
            outcome=outcome_of.get(r[0]),
        )
        for r in records
    ]


def _refs_then(model: type[Any], as_of: datetime, pks: Iterable[int], words: str) -> dict[int, Ref]:
    """Each row's id and words as they read at `as_of`; a row recorded later (an edit pointed
    here afterwards) as it reads now, as claims.selectors.as_of.attach_related does."""
    pks = set(pks)
    then = by_pk_as_of(model, as_of, pks)
    missing = pks - then.keys()
    if missing:
        then.update(model._default_manager.in_bulk(missing))
    return {pk: Ref(row.public_id, getattr(row, words)) for pk, row in then.items()}
