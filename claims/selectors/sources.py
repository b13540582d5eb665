"""What the source page shows of the claims: the statements recorded in a source."""

from django.db.models import F, QuerySet

from sources.models import Source

from ..models import Statement


def source_statements(source: Source) -> QuerySet[Statement]:
    """The statements recorded in `source` in the order they were said, with their claims and
    actors (undated ones last)."""
    return (
        Statement.objects.filter(source=source)
        .select_related("claim", "actor")
        .order_by(F("said_at").asc(nulls_last=True), "id")
    )
