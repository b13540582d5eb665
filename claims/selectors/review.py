"""The review queue as editors work it: each flag with the quote, the source and what raised it
(the text's diff, the failed check, the two statements that contradict each other), read for a
whole page in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from sources.models import Snapshot

from ..models import FlagReason, FlagStatus, ReviewFlag, Stance, Statement, Topic
from .lists import review_flag_list

# A statement on one side of a claim is contradicted by one on the other.
AGAINST = {
    Stance.DENIES: (Stance.ASSERTS, Stance.SUPPORTS),
    Stance.DISPUTES: (Stance.ASSERTS, Stance.SUPPORTS),
    Stance.RETRACTS: (Stance.ASSERTS, Stance.SUPPORTS),
    Stance.ASSERTS: (Stance.DENIES, Stance.DISPUTES),
    Stance.SUPPORTS: (Stance.DENIES, Stance.DISPUTES),
}
# Reasons whose flag is about a source's latest check: the item shows that check.
CHECK_REASONS = (FlagReason.SOURCE_CHANGED, FlagReason.SOURCE_GONE, FlagReason.QUOTE_MISSING)


@dataclass
class ReviewItem:
    """One flag of the queue and what an editor needs to decide on it."""

    flag: ReviewFlag
    # The quote at stake: the flagged statement, else one recorded in the flagged source, else
    # the claim's first quoted statement.
    statement: Statement | None = None
    # The statement the flagged one goes against (new_contradiction), or the actor's previous
    # position (stance_changed).
    other: Statement | None = None
    # The re-check that raised the flag (source_changed: its diff; source_gone: its status).
    snapshot: Snapshot | None = None


def review_flags(
    *, status: str = FlagStatus.OPEN, reason: str = "", topic: Topic | None = None
) -> QuerySet[ReviewFlag]:
    """Open flags oldest first (the work list), or resolved ones last resolved first."""
    flags = review_flag_list().filter(status=status).select_related("claim__topic")
    if reason:
        flags = flags.filter(reason=reason)
    if topic is not None:
        flags = flags.filter(claim__topic=topic)
    if status == FlagStatus.RESOLVED:
        return flags.order_by("-resolved_at", "-id")
    return flags.order_by("opened_at", "id")


def _quoted(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    return statements.exclude(quote="").order_by(F("said_at").asc(nulls_last=True), "id")


def with_evidence(flags: QuerySet[ReviewFlag]) -> QuerySet[ReviewFlag]:
    """Annotate each flag with the ids of the statements and the snapshot its item shows."""
    of_claim = Statement.objects.filter(claim=OuterRef("claim"))
    in_source = _quoted(of_claim.filter(source=OuterRef("source")))
    first_quoted = _quoted(of_claim)
    previous_position = of_claim.filter(
        actor=OuterRef("statement__actor"), said_at__lt=OuterRef("statement__said_at")
    ).order_by(F("said_at").desc(), "-id")
    contradiction = Case(
        *(
            When(
                statement__stance=stance,
                then=Subquery(
                    of_claim.filter(stance__in=against)
                    .exclude(pk=OuterRef("statement"))
                    .order_by(F("said_at").desc(nulls_last=True), "-id")
                    .values("pk")[:1]
                ),
            )
            for stance, against in AGAINST.items()
        ),
        default=Value(None),
        output_field=IntegerField(),
    )
    checks = Snapshot.objects.filter(
        source=OuterRef("source"), fetched_at__lte=OuterRef("opened_at")
    ).order_by("-fetched_at", "-id")
    return flags.annotate(
        quote_statement_id=Coalesce(
            "statement_id",
            Subquery(in_source.values("pk")[:1]),
            Subquery(first_quoted.values("pk")[:1]),
        ),
        other_statement_id=Case(
            When(reason=FlagReason.NEW_CONTRADICTION, then=contradiction),
            When(
                reason=FlagReason.STANCE_CHANGED,
                then=Subquery(previous_position.values("pk")[:1]),
            ),
            default=Value(None),
            output_field=IntegerField(),
        ),
        check_snapshot_id=Case(
            When(
                Q(reason__in=CHECK_REASONS) & Q(source__isnull=False),
                then=Subquery(checks.values("pk")[:1]),
            ),
            default=Value(None),
            output_field=IntegerField(),
        ),
    )


def review_items(flags: list[ReviewFlag]) -> list[ReviewItem]:
    """The page's flags (annotated by with_evidence) with their statements and checks: two
    queries for the whole page."""
    statement_ids = {
        pk
        for flag in flags
        for pk in (flag.quote_statement_id, flag.other_statement_id)  # type: ignore[attr-defined]
        if pk is not None
    }
    statements = {
        s.pk: s
        for s in Statement.objects.filter(pk__in=statement_ids)
        .select_related("actor", "source")
        .defer("source__text")
    }
    snapshot_ids = {f.check_snapshot_id for f in flags if f.check_snapshot_id}  # type: ignore[attr-defined]
    snapshots = {
        s.pk: s
        for s in Snapshot.objects.filter(pk__in=snapshot_ids).only(
            "pk", "source_id", "fetched_at", "status_code", "health", "error", "changed", "diff"
        )
    }
    return [
        ReviewItem(
            flag=flag,
            statement=statements.get(flag.quote_statement_id),  # type: ignore[attr-defined]
            other=statements.get(flag.other_statement_id),  # type: ignore[attr-defined]
            snapshot=snapshots.get(flag.check_snapshot_id),  # type: ignore[attr-defined]
        )
        for flag in flags
    ]


def claim_flags(claim_id: int) -> tuple[list[ReviewFlag], list[ReviewFlag]]:
    """The claim's open flags (oldest first) and resolved ones (last resolved first)."""
    flags = list(review_flag_list().filter(claim_id=claim_id).order_by("opened_at", "id"))
    resolved = sorted(
        (f for f in flags if f.status == FlagStatus.RESOLVED),
        key=lambda f: (f.resolved_at, f.pk),
        reverse=True,
    )
    return [f for f in flags if f.status == FlagStatus.OPEN], resolved
