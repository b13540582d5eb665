"""FilterSets of the actors API."""

import django_filters
from django.db.models import QuerySet

from api.filters import ChoicesFilter, DateTimeFilter, SearchFilter

from . import selectors
from .models import Actor, ActorKind


class ActorFilter(django_filters.FilterSet):
    q = SearchFilter(method="search", help_text="Part of the name or of any alias.")
    kind = ChoicesFilter(choices=ActorKind.choices)
    country = django_filters.CharFilter(
        max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. KR.", method="in_country"
    )
    organisation = django_filters.UUIDFilter(
        field_name="affiliations__organisation__public_id",
        distinct=True,
        help_text="Members of this organisation (any affiliation, past or present).",
    )
    recorded_since = DateTimeFilter(field_name="recorded_at", lookup_expr="gte")
    recorded_before = DateTimeFilter(field_name="recorded_at", lookup_expr="lt")

    class Meta:
        model = Actor
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search_actors(queryset, value)

    def in_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(country=value.upper())
