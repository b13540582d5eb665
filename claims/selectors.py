"""Reads of claims worth a name."""

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Claim, FlagStatus, Topic


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
