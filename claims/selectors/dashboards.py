"""What the dashboard pages summarise: verdict counts, latest changes, the review queue, and
the same as they stood at a past moment (claims.selectors.as_of has the rules)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from actors.models import Actor
from common.history import by_pk_as_of
from common.moments import Moment

from ..models import (
    Claim,
    FlagStatus,
    Measure,
    ReviewFlag,
    Stance,
    Statement,
    Topic,
    Verdict,
    VerdictChange,
)
from .as_of import attach_related, claims_as_of, statements_as_of
from .lists import actor_statements, claim_statements, review_flag_list

_M = TypeVar("_M", bound=models.Model)


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


def verdict_counts() -> dict[str, int]:
    """How many claims hold each verdict (every verdict present, zero when none)."""
    counts = dict(Claim.objects.values_list("verdict").annotate(n=Count("id")).order_by())
    return {verdict: counts.get(verdict, 0) for verdict in Verdict.values}


LATEST_CHANGES = 8


def latest_verdict_changes(*, limit: int = LATEST_CHANGES) -> QuerySet[VerdictChange]:
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


def claim_open_flags(claim: Claim) -> QuerySet[ReviewFlag]:
    return review_flag_list().filter(claim=claim, status=FlagStatus.OPEN).order_by("opened_at")


def open_flag_exists() -> Exists:
    """Whether the claim of the outer query has an open review flag, to annotate a list."""
    return Exists(ReviewFlag.objects.filter(claim=OuterRef("pk"), status=FlagStatus.OPEN))


@dataclass
class StanceGroup:
    stance: str
    label: str
    statements: list[Statement]

    @property
    def speakers(self) -> list[tuple[Actor, int]]:
        """Each actor taking this stance once, with how many statements say it (an actor whose
        words four reports repeat is one speaker, not four)."""
        counts: dict[int, list[Any]] = {}
        for statement in self.statements:
            counts.setdefault(statement.actor_id, [statement.actor, 0])[1] += 1
        return [(actor, count) for actor, count in counts.values()]


def stance_summary(statements: Iterable[Statement]) -> list[StanceGroup]:
    """Statements grouped by stance, in the order of Stance (asserts … retracts)."""
    groups = {stance: StanceGroup(stance, str(label), []) for stance, label in Stance.choices}
    for statement in statements:
        groups[statement.stance].statements.append(statement)
    return [group for group in groups.values() if group.statements]


# --- The pages at a past moment -----------------------------------------------------------------


def as_it_read(row: _M, moment: Moment) -> _M | None:
    """`row` as it read at `moment.as_of` (the row itself when that is now), or None when it had
    not been recorded by then. Its relations are not loaded."""
    if moment.as_of is None:
        return row
    return by_pk_as_of(type(row), moment.as_of, [row.pk]).get(row.pk)


def claim_statements_as_of(claim: Claim, moment: Moment) -> list[Statement]:
    """The claim's statements known and said by `moment`, in time order, with speaker and source
    (and the source's publisher) as they read then."""
    if moment.is_now:
        return claim_statements(claim)
    statements = statements_as_of(moment, claim_id=claim.pk)
    attach_related({statement.source for statement in statements}, "publisher", Actor, moment)
    return statements


def actor_statements_as_of(actor: Actor, moment: Moment) -> list[Statement]:
    """The actor's statements known and said by `moment`, in time order, each with its claim
    (holding the verdict in force then) and source as they read then."""
    if moment.is_now:
        return actor_statements(actor)
    statements = statements_as_of(moment, actor_id=actor.pk)
    attach_claims_then(statements, moment)
    return statements


def claims_then(claim_ids: Iterable[int], moment: Moment) -> dict[int, Claim]:
    """The claims with these ids as they stood at `moment`, by id (claims_as_of); one said on
    by then but recorded as first asserted later as it is now."""
    claim_ids = set(claim_ids)
    claims = {claim.pk: claim for claim in claims_as_of(moment, id__in=claim_ids)}
    missing = claim_ids - claims.keys()
    if missing:  # said by then on a claim recorded as first asserted later: shown as it is now
        claims.update(Claim.objects.in_bulk(missing))
    return claims


def attach_claims_then(statements: list[Statement], moment: Moment) -> None:
    """Each statement's claim as it stood at `moment` (claims_then)."""
    claims = claims_then({statement.claim_id for statement in statements}, moment)
    for statement in statements:
        Statement.claim.field.set_cached_value(statement, claims[statement.claim_id])


def entries_hidden(
    moment: Moment,
    *,
    topic: Topic | None = None,
    claim: Claim | None = None,
    actor: Actor | None = None,
) -> int:
    """How many statements and verdict changes a view of `moment` leaves out because they were
    recorded after `as_of` or said (decided) after `said_by`: for one topic, claim or actor, or
    (none given) everything. Verdict changes are the claims' business, not an actor's."""
    if moment.is_now:
        return 0
    said_later, decided_later = [], []
    if moment.as_of is not None:
        said_later.append(Q(recorded_at__gt=moment.as_of))
        decided_later.append(Q(recorded_at__gt=moment.as_of))
    if moment.said_by is not None:
        said_later.append(
            Q(said_at__gt=moment.said_by) | Q(said_at__isnull=True, recorded_at__gt=moment.said_by)
        )
        decided_later.append(Q(decided_at__gt=moment.said_by))
    scope: dict[str, Any] = {}
    if topic is not None:
        scope = {"claim__topic": topic}
    elif claim is not None:
        scope = {"claim": claim}
    statements = Statement.objects.filter(reduce(or_, said_later), **scope)
    if actor is not None:
        return statements.filter(actor=actor).count()
    decisions = VerdictChange.objects.filter(reduce(or_, decided_later), **scope)
    return statements.count() + decisions.count()


@dataclass(frozen=True)
class TopicEntries:
    topic: Topic
    claims: int
    statements: int
    verdict_changes: int


def entries_by_topic(since: datetime, until: datetime) -> list[TopicEntries]:
    """How many claims, statements and verdict changes were entered in each topic after `since`
    and by `until` (those still there), topics as they read at `until`, those with none left
    out; in four queries. The overview's summary of what changed: the topic pages list it
    (claims.selectors.compare, which answers for one topic, claim or actor)."""
    window = Q(recorded_at__gt=since, recorded_at__lte=until)

    def per_topic(rows: QuerySet[Any], topic: str) -> dict[int, int]:
        counted = rows.filter(window).values_list(topic).annotate(n=Count("id")).order_by()
        return dict(counted)

    claims = per_topic(Claim.objects.all(), "topic_id")
    statements = per_topic(Statement.objects.all(), "claim__topic_id")
    verdicts = per_topic(VerdictChange.objects.all(), "claim__topic_id")
    topics = by_pk_as_of(Topic, until, claims.keys() | statements.keys() | verdicts.keys())
    entries = [
        TopicEntries(topic, claims.get(pk, 0), statements.get(pk, 0), verdicts.get(pk, 0))
        for pk, topic in topics.items()
    ]
    return sorted(entries, key=lambda entry: entry.topic.title)


def figures_among(statements: Iterable[Statement]) -> list[Statement]:
    """The statements that give a figure, each with its measure attached (one query), for the
    claim page's "Figures given"."""
    figures = [statement for statement in statements if statement.estimate_unit]
    measures = Measure.objects.in_bulk({s.estimate_measure_id for s in figures} - {None})
    for statement in figures:
        measure = measures.get(statement.estimate_measure_id)
        Statement.estimate_measure.field.set_cached_value(statement, measure)
    return figures
