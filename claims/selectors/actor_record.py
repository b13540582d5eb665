"""What an actor's page lists, a page at a time: an actor can have thousands of statements (a
news agency in the synthetic data set has tens of thousands), and the page shows a page of its
claims and a page of its statements rather than all of them (issue #18, bounded pages)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Min, QuerySet

from actors.models import Actor
from common.moments import Moment

from ..estimates import EstimateKind
from ..models import Claim, Statement
from .dashboards import actor_statements_as_of
from .lists import statement_list


@dataclass(frozen=True)
class ActorRecord:
    """The actor's statements in time order and the claims it spoke on (by when it first spoke
    on each), as sequences a paginator slices: now, querysets that read one page; at a past
    moment, lists read whole (claims.selectors.as_of reads history rows, not pages)."""

    actor: Actor
    statements: QuerySet[Statement] | Sequence[Statement]
    claims: QuerySet[Claim] | Sequence[Claim]
    projections: Sequence[Statement]
    # At a past moment: each claim's statements by the actor, as they read then.
    _then: dict[int, list[Statement]] | None = field(default=None, repr=False)

    def stances_on(self, claims: Iterable[Claim]) -> list[tuple[Claim, list[Statement]]]:
        """Each of `claims` (a page of self.claims) with the actor's statements on it, in time
        order; one query now."""
        claims = list(claims)
        if self._then is not None:
            return [(claim, self._then.get(claim.pk, [])) for claim in claims]
        by_claim: dict[int, list[Statement]] = {claim.pk: [] for claim in claims}
        rows = Statement.objects.filter(actor=self.actor, claim__in=claims).only(
            "public_id", "claim_id", "stance", "said_at"
        )
        for statement in rows.order_by("said_at", "id"):
            by_claim[statement.claim_id].append(statement)
        return [(claim, by_claim[claim.pk]) for claim in claims]


def actor_record(actor: Actor, moment: Moment) -> ActorRecord:
    """The actor's statements, claims and projections known and said by `moment`."""
    if moment.is_now:
        statements = (
            statement_list()
            .filter(actor=actor)
            .select_related("claim__topic")
            .order_by("said_at", "id")
        )
        # The filter before the annotation: the earliest of this actor's statements only.
        claims = (
            Claim.objects.filter(statements__actor=actor)
            .annotate(first_said=Min("statements__said_at"))
            .order_by("first_said", "id")
        )
        projections = list(statements.filter(estimate_kind=EstimateKind.PROJECTION))
        return ActorRecord(actor, statements, claims, projections)
    then = actor_statements_as_of(actor, moment)
    by_claim: dict[int, list[Statement]] = {}
    claims_then: dict[int, Claim] = {}
    for statement in then:
        by_claim.setdefault(statement.claim_id, []).append(statement)
        claims_then.setdefault(statement.claim_id, statement.claim)
    projections = [s for s in then if s.estimate_kind == EstimateKind.PROJECTION]
    return ActorRecord(actor, then, list(claims_then.values()), projections, by_claim)
