"""How an actor's projections turned out: the track record the actor page shows.

A projection ("about 10,000 soldiers by December") comes back to the editors once its moment has
passed (claims.services.estimates.flag_due_projections); the outcome they record (borne out,
not borne out, cannot tell) is what this counts.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from common import clock
from common.moments import Moment

from ..estimates import EstimateKind, ProjectionOutcomeKind
from ..models import ProjectionOutcome, Statement


@dataclass(frozen=True)
class ProjectionRecord:
    statement: Statement
    outcome: ProjectionOutcome | None
    due: bool  # its moment has passed


@dataclass(frozen=True)
class TrackRecord:
    projections: list[ProjectionRecord]
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def decided(self) -> int:
        return sum(self.outcomes.values())

    @property
    def awaiting_outcome(self) -> int:
        return sum(1 for record in self.projections if record.due and record.outcome is None)

    @property
    def not_yet_due(self) -> int:
        return sum(1 for record in self.projections if not record.due)

    def count(self, outcome: str) -> int:
        return self.outcomes[outcome]

    @property
    def summary(self) -> list[tuple[str, str, int]]:
        """(outcome, label, count) for every outcome, in the order of ProjectionOutcomeKind."""
        return [
            (kind.value, str(kind.label), self.outcomes[kind.value])
            for kind in ProjectionOutcomeKind
        ]


def track_record(statements: Iterable[Statement], moment: Moment) -> TrackRecord:
    """The projections among an actor's `statements` (as they read at `moment`), each with the
    outcome recorded for it by then; one query."""
    projections = [s for s in statements if s.estimate_kind == EstimateKind.PROJECTION]
    outcomes = ProjectionOutcome.objects.filter(statement_id__in=[s.pk for s in projections])
    if moment.as_of is not None:
        outcomes = outcomes.filter(recorded_at__lte=moment.as_of)
    if moment.said_by is not None:
        outcomes = outcomes.filter(decided_at__lte=moment.said_by)
    by_statement = {outcome.statement_id: outcome for outcome in outcomes}
    today = _day_of(moment)
    records = [
        ProjectionRecord(
            statement=statement,
            outcome=by_statement.get(statement.pk),
            due=statement.estimate_refers_to is not None and statement.estimate_refers_to < today,
        )
        for statement in projections
    ]
    records.sort(key=lambda r: (r.statement.estimate_refers_to or date.max, r.statement.pk))
    return TrackRecord(
        projections=records,
        outcomes=Counter(r.outcome.outcome for r in records if r.outcome is not None),
    )


def _day_of(moment: Moment) -> date:
    """The day a view of `moment` stands on: a projection for a later day was not due yet."""
    moments = [m for m in (moment.as_of, moment.said_by) if m is not None]
    return min(moments).date() if moments else clock.now().date()
