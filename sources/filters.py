"""FilterSets of the sources API."""

import django_filters
from django.db.models import Q, QuerySet

from api.filters import ChoicesFilter, DateTimeFilter, SearchFilter, StrictBooleanFilter

from .models import Health, Reliability, Snapshot, Source, SourceKind


class SourceFilter(django_filters.FilterSet):
    q = SearchFilter(method="search", help_text="Part of the title, the URL or the publisher.")
    kind = ChoicesFilter(choices=SourceKind.choices)
    reliability = ChoicesFilter(choices=Reliability.choices)
    health = ChoicesFilter(choices=Health.choices)
    language = django_filters.CharFilter(max_length=8, help_text="BCP 47 code, e.g. de.")
    publisher = django_filters.UUIDFilter(field_name="publisher__public_id", help_text="Actor id.")
    cites = django_filters.UUIDFilter(
        field_name="citations__cited__public_id",
        distinct=True,
        help_text="Sources that cite this source.",
    )
    cited_by = django_filters.UUIDFilter(
        field_name="cited_by__citing__public_id",
        distinct=True,
        help_text="Sources this source cites.",
    )
    has_url = StrictBooleanFilter(method="with_url", help_text="Only sources with (true) a URL.")
    published_since = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")
    checked_since = DateTimeFilter(field_name="last_checked_at", lookup_expr="gte")
    checked_before = DateTimeFilter(field_name="last_checked_at", lookup_expr="lt")
    health_changed_since = DateTimeFilter(field_name="health_changed_at", lookup_expr="gte")

    class Meta:
        model = Source
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matching = Source.objects.filter(
            Q(title__icontains=value)
            | Q(url__icontains=value)
            | Q(publisher__name__icontains=value)
            | Q(publisher__aliases__name__icontains=value)
        )
        return queryset.filter(pk__in=matching.values("pk"))

    def with_url(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.exclude(url="") if value else queryset.filter(url="")


class SnapshotFilter(django_filters.FilterSet):
    health = ChoicesFilter(choices=Health.choices)
    changed = StrictBooleanFilter(help_text="Only snapshots whose text changed (true) or not.")
    fetched_since = DateTimeFilter(field_name="fetched_at", lookup_expr="gte")
    fetched_before = DateTimeFilter(field_name="fetched_at", lookup_expr="lt")

    class Meta:
        model = Snapshot
        fields: list[str] = []
