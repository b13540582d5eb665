"""What the dashboard pages summarise: verdict counts, latest changes, the review queue."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from ..models import Claim, FlagStatus, ReviewFlag, Stance, Statement, Topic, Verdict, VerdictChange
from .lists import review_flag_list


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


def stance_summary(statements: Iterable[Statement]) -> list[StanceGroup]:
    """Statements grouped by stance, in the order of Stance (asserts … retracts)."""
    groups = {stance: StanceGroup(stance, str(label), []) for stance, label in Stance.choices}
    for statement in statements:
        groups[statement.stance].statements.append(statement)
    return [group for group in groups.values() if group.statements]
