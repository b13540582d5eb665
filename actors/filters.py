"""FilterSets of the actors API and of the actors directory (/actors/)."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

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


# The directory's orders: the parameter's value → the columns it sorts by.
ACTOR_ORDERS = {
    "name": (F("name").asc(), F("id").asc()),
    "-name": (F("name").desc(), F("id").desc()),
    "kind": (F("kind").asc(), F("name").asc()),
    "-kind": (F("kind").desc(), F("name").asc()),
    "country": (F("country").asc(), F("name").asc()),
    "-country": (F("country").desc(), F("name").asc()),
}
DEFAULT_ACTOR_ORDER = "name"


class ActorDirectoryFilter(django_filters.FilterSet):
    """The actors directory's search, filters and order. One value per filter, as a form sends
    it; a value the form cannot take is that field's error and leaves that filter out."""

    q = SearchFilter(
        label=_("Name or alias"),
        method="search",
        help_text=_("Part of a name or of any other spelling: Selenskyj finds Zelensky."),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ActorKind.choices, empty_label=_("Any kind")
    )
    country = django_filters.CharFilter(
        label=_("Country"),
        method="in_country",
        max_length=2,
        validators=[
            RegexValidator(r"^[A-Za-z]{2}$", _("A country is a two-letter ISO 3166 code, e.g. KR."))
        ],
        help_text=_("Two-letter code, e.g. KR."),
        widget=forms.TextInput(attrs={"list": "actor-countries", "autocomplete": "off", "size": 4}),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="keep",  # applied after every filter, in filter_queryset
        empty_label=None,
        # static/js/dashboards.js leaves the default order out of the address.
        widget=forms.Select(attrs={"data-default": DEFAULT_ACTOR_ORDER}),
        choices=[
            ("name", _("Name, A to Z")),
            ("-name", _("Name, Z to A")),
            ("kind", _("Kind")),
            ("country", _("Country")),
        ],
    )

    class Meta:
        model = Actor
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search_actors(queryset, value)

    def in_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(country=value.upper())

    def keep(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset

    @property
    def order(self) -> str:
        """The order asked for, or the default one (also when the one asked for is unknown)."""
        asked = getattr(self.form, "cleaned_data", {}).get("sort") if self.is_bound else None
        return asked if asked in ACTOR_ORDERS else DEFAULT_ACTOR_ORDER

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return super().filter_queryset(queryset).order_by(*ACTOR_ORDERS[self.order])
