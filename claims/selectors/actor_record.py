"""What an actor's page lists, a page at a time: an actor can have thousands of statements (a
news agency in the synthetic data set has tens of thousands), and the page shows a page of its
claims and a page of its statements rather than all of them (issue #18, bounded pages)."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, overload

from django.db.models import F, Min, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber

from actors.models import Actor
from common.history import as_instance
from common.moments import Moment

from ..estimates import EstimateKind
from ..models import Claim, Statement
from .as_of import attach_speakers_and_sources, statement_list_as_of
from .dashboards import attach_claims_then, claims_then
from .lists import statement_list

_T = TypeVar("_T")


class PageThen(Sequence[_T]):
    """A past list the paginator slices: its length counted by the database, and the rows of
    the slice asked for read (history records, or live rows on the event clock alone) and made
    into answers by `finish`. Not read whole: an actor with 4,145 statements took 3 s."""

    def __init__(self, rows: QuerySet[Any], finish: Callable[[list[Any]], list[_T]]) -> None:
        self.rows, self.finish = rows, finish
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.rows.count()
        return self._count

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        if isinstance(index, slice):
            return self.finish(list(self.rows[index]))
        return self.finish(list(self.rows[index : index + 1]))[0]


@dataclass(frozen=True)
class ActorRecord:
    """The actor's statements in time order and the claims it spoke on (by when it first spoke
    on each), as sequences a paginator slices: now, querysets that read one page; at a past
    moment, PageThen: sequences that read one page of the history."""

    actor: Actor
    statements: QuerySet[Statement] | Sequence[Statement]
    claims: QuerySet[Claim] | Sequence[Claim]
    projections: Sequence[Statement]
    # At a past moment: the actor's statements on these claims, as they read then.
    _then: Callable[[list[int]], list[Statement]] | None = field(default=None, repr=False)

    def stances_on(self, claims: Iterable[Claim]) -> list[tuple[Claim, list[Statement]]]:
        """Each of `claims` (a page of self.claims) with the actor's statements on it, in time
        order; one query now."""
        claims = list(claims)
        if self._then is not None:
            then: dict[int, list[Statement]] = {}
            for statement in self._then([claim.pk for claim in claims]):
                then.setdefault(statement.claim_id, []).append(statement)
            return [(claim, then.get(claim.pk, [])) for claim in claims]
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
    said = statement_list_as_of(moment, actor_id=actor.pk).annotate(
        at=Coalesce("said_at", "recorded_at")
    )
    id_field = "pk" if moment.as_of is None else "id"  # a history record's pk is its own
    in_said_order = said.order_by("at", id_field)

    def finish(rows: list[Any]) -> list[Statement]:
        if not rows:  # no queries for an empty page (an actor with no projections)
            return []
        statements = [
            row if isinstance(row, Statement) else as_instance(Statement, row) for row in rows
        ]
        attach_speakers_and_sources(statements, moment)
        attach_claims_then(statements, moment)
        return statements

    def on_claims(claim_ids: list[int]) -> list[Statement]:
        return finish(list(in_said_order.filter(claim_id__in=claim_ids)))

    # Each claim once, where the actor first spoke on it (in said order, as the statements).
    first_on_claim = said.annotate(
        rank=Window(
            RowNumber(), partition_by=[F("claim_id")], order_by=[F("at").asc(), F(id_field).asc()]
        )
    ).filter(rank=1)

    def finish_claims(rows: list[Any]) -> list[Claim]:
        claims = claims_then([claim_id for claim_id, *_ in rows], moment)
        return [claims[claim_id] for claim_id, *_ in rows]

    claims = first_on_claim.order_by("at", id_field).values_list("claim_id", "at", id_field)
    projections = finish(list(in_said_order.filter(estimate_kind=EstimateKind.PROJECTION)))
    return ActorRecord(
        actor,
        PageThen(in_said_order, finish),
        PageThen(claims, finish_claims),
        projections,
        on_claims,
    )
