"""Reads of the intake pages."""

from django.db.models import Case, Count, F, Max, Q, QuerySet, When

from actors.models import Actor
from claims.models import Claim, Statement
from sources.models import Source

from .models import IntakeSuggestion, ReviewStatus


def source_suggestions(source: Source) -> QuerySet[IntakeSuggestion]:
    """The source's suggestions in text order, with what the page shows of each."""
    return source.intake_suggestions.select_related(
        "actor", "reviewed_by", "statement__claim", "citation__cited"
    ).order_by("start", "end", "id")


def pending_suggestions(source: Source) -> QuerySet[IntakeSuggestion]:
    """The source's suggestions waiting for review, in text order."""
    return source.intake_suggestions.filter(status=ReviewStatus.PENDING).order_by(
        "start", "end", "id"
    )


def recent_intakes(*, limit: int = 10) -> QuerySet[Source]:
    """Sources that went through intake, latest first, with their pending suggestion counts."""
    return (
        Source.objects.filter(intake_suggestions__isnull=False)
        .annotate(
            pending=Count(
                "intake_suggestions", filter=Q(intake_suggestions__status=ReviewStatus.PENDING)
            ),
            suggestion_count=Count("intake_suggestions"),
        )
        .order_by("-recorded_at", "-id")[:limit]
    )


def enclosing_statement(suggestion: IntakeSuggestion) -> IntakeSuggestion | None:
    """The quote or statement a quantity lies in: its speaker is the quantity's speaker."""
    return (
        IntakeSuggestion.objects.filter(
            source_id=suggestion.source_id,
            kind__in=("quote", "statement"),
            start__lte=suggestion.start,
            end__gte=suggestion.end,
        )
        .select_related("actor")
        .order_by("kind", "start")
        .first()
    )


def quantities_within(suggestion: IntakeSuggestion) -> list[IntakeSuggestion]:
    return list(
        IntakeSuggestion.objects.filter(
            source_id=suggestion.source_id,
            kind="quantity",
            start__gte=suggestion.start,
            end__lte=suggestion.end,
        ).order_by("start")
    )


def sources_published_by(actor: Actor, *, excluding: Source, limit: int = 5) -> list[Source]:
    """The actor's most recent sources, newest first (undated ones after the dated), that an
    article may cite: the one it relies on is most often the latest."""
    return list(
        Source.objects.filter(publisher=actor)
        .exclude(pk=excluding.pk)
        .order_by(F("published_at").desc(nulls_last=True), "-recorded_at", "-id")[:limit]
    )


def claims_to_offer(source: Source, *, limit: int = 30) -> list[int]:
    """The ids of the claims a bulk accept offers for the source's statements, a bounded few
    whatever the number of claims: those already recorded from this source (the next batch
    most often goes on the same claim), those the article's known actors spoke on, then the
    latest claims."""
    actors = source.intake_suggestions.filter(actor__isnull=False).values("actor_id")
    related = (
        Claim.objects.filter(Q(statements__source=source) | Q(statements__actor__in=actors))
        .annotate(
            from_source=Max(
                Case(When(statements__source=source, then=1), default=0),
            ),
            last_said=Max("statements__recorded_at"),
        )
        .order_by("-from_source", "-last_said", "-id")
        .values_list("id", flat=True)[:limit]
    )
    latest = Claim.objects.order_by("-recorded_at", "-id").values_list("id", flat=True)[:limit]
    return list(dict.fromkeys([*related, *latest]))[:limit]


def last_claim_from(source: Source) -> Claim | None:
    """The claim the source's latest accepted statement went on."""
    statement = (
        Statement.objects.filter(source=source)
        .select_related("claim")
        .order_by("-recorded_at", "-id")
        .first()
    )
    return statement.claim if statement else None
