"""FilterSets of the sources API and of the sources directory (/sources/)."""

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from api.filters import ChoicesFilter, DateTimeFilter, SearchFilter, StrictBooleanFilter

from .models import Health, Reliability, Snapshot, Source, SourceKind


def _search(queryset: QuerySet, value: str) -> QuerySet:
    """Sources whose title, URL or publisher (by name or alias) holds `value`."""
    matching = Source.objects.filter(
        Q(title__icontains=value)
        | Q(url__icontains=value)
        | Q(publisher__name__icontains=value)
        | Q(publisher__aliases__name__icontains=value)
    )
    return queryset.filter(pk__in=matching.values("pk"))


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
        return _search(queryset, value)

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


# The directory's orders: the parameter's value → the columns it sorts by (unknown dates last).
DIRECTORY_ORDERS = {
    "title": (F("title").asc(), F("id").asc()),
    "-title": (F("title").desc(), F("id").desc()),
    "published": (F("published_at").asc(nulls_last=True), F("title").asc()),
    "-published": (F("published_at").desc(nulls_last=True), F("title").asc()),
    "reliability": (F("reliability").asc(), F("title").asc()),
    "-reliability": (F("reliability").desc(), F("title").asc()),
    "health_changed": (F("health_changed_at").asc(nulls_last=True), F("title").asc()),
    "-health_changed": (F("health_changed_at").desc(nulls_last=True), F("title").asc()),
}
DEFAULT_DIRECTORY_ORDER = "-published"


class SourceDirectoryFilter(django_filters.FilterSet):
    """The sources directory's search, filters and order. One value per filter, as a form
    sends it; a value the form cannot take is a form error and leaves that filter out."""

    q = SearchFilter(
        label=_("Search"),
        method="search",
        help_text=_("Words in the title, the URL or the publisher's name."),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=SourceKind.choices, empty_label=_("Any kind")
    )
    publisher = django_filters.CharFilter(
        label=_("Publisher"),
        method="by_publisher",
        max_length=200,
        widget=forms.TextInput(attrs={"list": "publisher-names", "autocomplete": "off"}),
    )
    reliability = django_filters.ChoiceFilter(
        label=_("Reliability"), choices=Reliability.choices, empty_label=_("Any reliability")
    )
    health = django_filters.ChoiceFilter(
        label=_("Health"), choices=Health.choices, empty_label=_("Any health")
    )
    language = django_filters.CharFilter(
        label=_("Language"),
        lookup_expr="iexact",
        max_length=8,
        widget=forms.TextInput(attrs={"list": "source-languages", "autocomplete": "off"}),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="keep",  # applied after every filter, in filter_queryset
        empty_label=None,
        # static/js/sources.js leaves the default order out of the address.
        widget=forms.Select(attrs={"data-default": DEFAULT_DIRECTORY_ORDER}),
        choices=[
            ("-published", _("Newest first")),
            ("published", _("Oldest first")),
            ("title", _("Title, A to Z")),
            ("-title", _("Title, Z to A")),
            ("reliability", _("Most reliable first")),
            ("-reliability", _("Least reliable first")),
            ("-health_changed", _("Health changed lately first")),
            ("health_changed", _("Health changed longest ago first")),
        ],
    )

    class Meta:
        model = Source
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _search(queryset, value)

    def by_publisher(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matching = Source.objects.filter(
            Q(publisher__name__icontains=value) | Q(publisher__aliases__name__icontains=value)
        )
        return queryset.filter(pk__in=matching.values("pk"))

    def keep(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset

    @property
    def order(self) -> str:
        """The order asked for, or the default one (also when the one asked for is unknown)."""
        asked = getattr(self.form, "cleaned_data", {}).get("sort") if self.is_bound else None
        return asked if asked in DIRECTORY_ORDERS else DEFAULT_DIRECTORY_ORDER

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return super().filter_queryset(queryset).order_by(*DIRECTORY_ORDERS[self.order])
