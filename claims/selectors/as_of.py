"""Claims, statements and verdicts as they stood at a moment, on either clock or both.

The knowledge clock (`as_of`) reads the history tables (common.history): the rows recorded by
then, each as it read then. The event clock (`said_by`) keeps what had been said (statements by
`said_at`), decided (verdict changes by `decided_at`) and first asserted (claims) by then.
Every function here costs a fixed number of queries, whatever the number of rows.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Min, Q, QuerySet

from actors.models import Actor
from common.history import as_instance, by_pk_as_of, history_of, records_as_of
from common.moments import Moment
from sources.models import Source
from sources.selectors import health_then

from ..models import Claim, ClaimRelation, Measure, Statement, Topic, VerdictChange

_M = TypeVar("_M", Claim, Statement, ClaimRelation, Topic)


def first_recorded_at() -> datetime | None:
    """When the first claim entered ClaimTrack: nothing can be known before."""
    first: datetime | None = history_of(Claim).aggregate(first=Min("history_date"))["first"]
    return first


def _said_by(moment: Moment) -> Q:
    # A statement whose date is unknown counts from when it was recorded.
    said_by = moment.said_by
    return Q(said_at__lte=said_by) | Q(said_at__isnull=True, recorded_at__lte=said_by)


def asserted_by(moment: Moment) -> Q:
    # A claim enters the story when it is first asserted; one with no date, when recorded.
    said_by = moment.said_by
    assert said_by is not None
    return Q(first_asserted_on__lte=said_by.date()) | Q(
        first_asserted_on__isnull=True, recorded_at__lte=said_by
    )


def _rows(model: type[_M], moment: Moment, condition: Q | None = None, **filters: Any) -> list[_M]:
    """The rows of `model` matching `filters` and `condition` as of `moment.as_of` (the live
    rows when it is None)."""
    condition = condition or Q()
    if moment.as_of is None:
        return list(model._default_manager.filter(condition, **filters))
    records = records_as_of(model, moment.as_of, **filters).filter(condition)
    return [as_instance(model, record) for record in records]


def claims_as_of(moment: Moment, **filters: Any) -> list[Claim]:
    """The claims matching `filters` (fields of the claim: topic_id=…, id__in=…; not pk,
    which names the history record) as they stood at `moment`, each with the verdict and
    version in force then, topic and claimant attached."""
    condition = asserted_by(moment) if moment.said_by is not None else Q()
    claims = _rows(Claim, moment, condition, **filters)
    apply_verdicts_in_force(claims, moment)
    attach_related(claims, "topic", Topic, moment)
    attach_related(claims, "claimant", Actor, moment)
    return claims


def claim_as_of(claim: Claim, moment: Moment) -> Claim | None:
    """The claim as it stood at `moment`, or None when it was not known (or not asserted) yet."""
    found = claims_as_of(moment, id=claim.pk)
    return found[0] if found else None


def claim_list_as_of(moment: Moment) -> QuerySet[Any]:
    """The claims known at `moment`, to filter and paginate: historical records (as they read
    then) when `as_of` is given, else live rows; finish a page with finish_claims."""
    rows: QuerySet[Any] = (
        records_as_of(Claim, moment.as_of) if moment.as_of else Claim.objects.all()
    )
    if moment.said_by is not None:
        rows = rows.filter(asserted_by(moment))
    return rows


def finish_claims(rows: Iterable[Any], moment: Moment) -> list[Claim]:
    """A page of claim_list_as_of as claims that stood at `moment`: verdict and version in force
    then, topic and claimant as they read then."""
    claims = [row if isinstance(row, Claim) else as_instance(Claim, row) for row in rows]
    apply_verdicts_in_force(claims, moment)
    attach_related(claims, "topic", Topic, moment)
    attach_related(claims, "claimant", Actor, moment)
    return claims


def statement_list_as_of(moment: Moment, **filters: Any) -> QuerySet[Any]:
    """The statements matching `filters` known and said by `moment`, to filter and paginate:
    historical records when `as_of` is given, else live rows; finish a page with
    finish_statements."""
    rows: QuerySet[Any] = (
        records_as_of(Statement, moment.as_of, **filters)
        if moment.as_of
        else Statement.objects.filter(**filters)
    )
    if moment.said_by is not None:
        rows = rows.filter(_said_by(moment))
    return rows


def finish_statements(rows: Iterable[Any], moment: Moment) -> list[Statement]:
    """Statements of statement_list_as_of as they read at `moment`, with actor, source (and its
    health) and claim (and its verdict in force) as they stood then; a fixed number of
    queries."""
    statements = [
        row if isinstance(row, Statement) else as_instance(Statement, row) for row in rows
    ]
    attach_related(statements, "actor", Actor, moment)
    attach_related(statements, "source", Source, moment)
    health = health_then({statement.source_id for statement in statements}, moment)
    for source in {statement.source for statement in statements}:
        source.health = health[source.pk]
    claim_ids = {statement.claim_id for statement in statements}
    # Every claim a statement known then is on, said by then or not (its own date may be later).
    claims = {
        c.pk: c
        for c in finish_claims(_rows(Claim, Moment(as_of=moment.as_of), id__in=claim_ids), moment)
    }
    for statement in statements:
        Statement.claim.field.set_cached_value(statement, claims.get(statement.claim_id))
    # A measure keeps no history: as it reads now (no query when no statement has a figure).
    measures = Measure.objects.in_bulk({s.estimate_measure_id for s in statements} - {None})
    for statement in statements:
        Statement.estimate_measure.field.set_cached_value(
            statement, measures.get(statement.estimate_measure_id)
        )
    return statements


def statements_as_of(moment: Moment, where: Q | None = None, **filters: Any) -> list[Statement]:
    """The statements matching `filters` (claim_id=…, actor_id=…, claim_id__in=…) and `where` known
    and said by `moment`, each as it read then, with actor and source as they read then; in said
    order."""
    condition = _said_by(moment) if moment.said_by is not None else Q()
    statements = _rows(Statement, moment, condition & (where or Q()), **filters)
    attach_speakers_and_sources(statements, moment)
    statements.sort(key=lambda s: (s.said_at or s.recorded_at, s.pk))
    return statements


def attach_speakers_and_sources(statements: list[Statement], moment: Moment) -> None:
    """Each statement's actor and source as they read at `moment`, the source with its health
    then; in three queries."""
    attach_related(statements, "actor", Actor, moment)
    attach_related(statements, "source", Source, moment)
    if not moment.is_now:
        health = health_then({statement.source_id for statement in statements}, moment)
        for source in {statement.source for statement in statements}:
            source.health = health[source.pk]


def relations_as_of(moment: Moment, condition: Q) -> list[ClaimRelation]:
    """Relations between claims recorded by `moment.as_of` and not removed by then."""
    return _rows(ClaimRelation, moment, condition)


def verdict_changes_as_of(moment: Moment, **filters: Any) -> QuerySet[VerdictChange]:
    """Verdict changes recorded by `as_of` and decided by `said_by`."""
    changes = VerdictChange.objects.filter(**filters)
    if moment.as_of is not None:
        changes = changes.filter(recorded_at__lte=moment.as_of)
    if moment.said_by is not None:
        changes = changes.filter(decided_at__lte=moment.said_by)
    return changes


@dataclass(frozen=True)
class VerdictInForce:
    verdict: str
    version: int


def verdicts_in_force(claims: Sequence[Claim], moment: Moment) -> dict[int, VerdictInForce]:
    """The verdict each claim had at `moment`, by claim id, from the append-only verdict
    history. A claim with no change by then has the verdict its first change started from."""
    ids = [claim.pk for claim in claims]
    latest: dict[int, VerdictInForce] = {}
    first_from: dict[int, VerdictInForce] = {}
    rows = (
        VerdictChange.objects.filter(claim_id__in=ids)
        .order_by("claim_id", "version")
        .values_list(
            "claim_id", "from_verdict", "to_verdict", "version", "recorded_at", "decided_at"
        )
    )
    for claim_id, from_verdict, to_verdict, version, recorded_at, decided_at in rows:
        first_from.setdefault(claim_id, VerdictInForce(from_verdict, version - 1))
        known = moment.as_of is None or recorded_at <= moment.as_of
        decided = moment.said_by is None or decided_at <= moment.said_by
        if known and decided:
            latest[claim_id] = VerdictInForce(to_verdict, version)
    in_force = {**first_from, **latest}
    return {
        claim.pk: in_force.get(claim.pk, VerdictInForce(claim.verdict, claim.version))
        for claim in claims
    }


def apply_verdicts_in_force(claims: Sequence[Claim], moment: Moment) -> None:
    """Set each claim's verdict and version to those in force at `moment` (a claim with no
    verdict history keeps its own). Unsaved copies only: these instances are answers."""
    if moment.is_now or not claims:
        return
    in_force = verdicts_in_force(claims, moment)
    for claim in claims:
        claim.verdict = in_force[claim.pk].verdict
        claim.version = in_force[claim.pk].version


def rows_then(model: type[Any], ids: Iterable[Any], moment: Moment) -> dict[Any, Any]:
    """The rows of `model` with these ids as they read at `moment.as_of`, by id; those recorded
    later (an edit pointed here afterwards) as they are now."""
    ids = set(ids) - {None}
    if moment.as_of is None:
        return dict(model._default_manager.in_bulk(ids))
    related = by_pk_as_of(model, moment.as_of, ids)
    missing = ids - related.keys()
    if missing:  # recorded after as_of (an edit pointed here later): shown as it is now
        related.update(model._default_manager.in_bulk(missing))
    return related


def attach_related(rows: Iterable[Any], name: str, model: type[Any], moment: Moment) -> None:
    """Load each row's `name` relation in one query, as it read at `moment.as_of`."""
    rows = list(rows)
    field = type(rows[0])._meta.get_field(name) if rows else None
    if field is None:
        return
    related = rows_then(model, {getattr(row, field.attname) for row in rows}, moment)
    for row in rows:
        field.set_cached_value(row, related.get(getattr(row, field.attname)))
