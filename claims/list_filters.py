"""FilterSets of the claims, statements and topics directories (/claims/, /statements/,
/topics/), made for people: translated labels and help, names instead of ids, dates in the
page's language, yes or no, one value per filter as a form sends it.

The API's FilterSets (claims.filters) stay as API clients know them. A value a field cannot take
is that field's error and leaves only that filter out; the others still apply.
"""

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from actors.selectors import actors_named
from api.filters import CountFilter, SearchFilter
from sources.models import Health

from . import selectors
from .list_fields import (
    LocalDateFilter,
    Named,
    NamedFilter,
    YesNoFilter,
    day_after,
    day_starts,
    said_yes,
    sort_choice,
)
from .models import Claim, FlagStatus, ReviewFlag, Stance, Statement, Topic, Verdict

UNKNOWN_ACTOR = _(
    "No actor is called “%(name)s”. Type part of a name or alias and pick one from the list."
)
UNKNOWN_TOPIC = _(
    "No topic is called “%(name)s”. Type part of its title and pick one from the list."
)
UNKNOWN_SOURCE = _("No source's title holds “%(name)s”. Type part of a title and pick one.")


def actor_filter(help_text: Any) -> NamedFilter:
    return NamedFilter(
        label=_("Actor"),
        method="keep",
        suggest="actors",
        resolve=actors_named,
        unknown=UNKNOWN_ACTOR,
        help_text=help_text,
    )


def topic_filter() -> NamedFilter:
    return NamedFilter(
        label=_("Topic"),
        method="keep",
        suggest="topics",
        resolve=selectors.topics_named,
        unknown=UNKNOWN_TOPIC,
        help_text=_("The topic's title: type a few letters and pick it from the list."),
    )


class DirectoryFilter(django_filters.FilterSet):
    """A directory's filters and order: `ORDERS` maps each `sort` value to its columns."""

    ORDERS: dict[str, tuple[Any, ...]] = {}
    DEFAULT_ORDER = ""

    def keep(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        """For filters that filter_queryset applies itself (together with another one)."""
        return queryset

    def value(self, name: str) -> Any:
        return getattr(self.form, "cleaned_data", {}).get(name) if self.is_bound else None

    @property
    def order(self) -> str:
        """The order asked for, or the default one (also when the one asked for is unknown)."""
        asked = self.value("sort")
        return asked if asked in self.ORDERS else self.DEFAULT_ORDER

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return super().filter_queryset(queryset).order_by(*self.ORDERS[self.order])


class ClaimDirectoryFilter(DirectoryFilter):
    ORDERS = {
        "claim": (F("text").asc(), F("id").asc()),
        "-claim": (F("text").desc(), F("id").desc()),
        "asserted": (F("first_asserted_on").asc(nulls_last=True), F("id").asc()),
        "-asserted": (F("first_asserted_on").desc(nulls_last=True), F("id").desc()),
        "verdict": (F("verdict").asc(), F("first_asserted_on").desc(nulls_last=True), F("id")),
        "-verdict": (F("verdict").desc(), F("first_asserted_on").desc(nulls_last=True), F("id")),
        "origins": (
            F("independent_origins").asc(),
            F("first_asserted_on").desc(nulls_last=True),
            F("id").asc(),
        ),
        "-origins": (
            F("independent_origins").desc(),
            F("first_asserted_on").desc(nulls_last=True),
            F("id").asc(),
        ),
    }
    DEFAULT_ORDER = "-asserted"

    q = SearchFilter(
        label=_("Search"),
        method="search",
        help_text=_(
            "Words of the claim, of its statements' quotes, or the name of who said it. "
            "“Exact phrase”, -left out."
        ),
    )
    topic = topic_filter()
    actor = actor_filter(_("Name or alias of who made the claim or took a position on it."))
    stance = django_filters.ChoiceFilter(
        label=_("Stance"),
        choices=Stance.choices,
        empty_label=_("Any stance"),
        method="keep",
        help_text=_("Claims with a statement of this stance (the actor's, when one is given)."),
    )
    verdict = django_filters.ChoiceFilter(
        label=_("Verdict"), choices=Verdict.choices, empty_label=_("Any verdict")
    )
    asserted_from = LocalDateFilter(
        label=_("First asserted on or after"), field_name="first_asserted_on", lookup_expr="gte"
    )
    asserted_until = LocalDateFilter(
        label=_("First asserted on or before"), field_name="first_asserted_on", lookup_expr="lte"
    )
    min_origins = CountFilter(
        label=_("At least this many independent origins"),
        field_name="independent_origins",
        lookup_expr="gte",
        min_value=0,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"min": 0, "step": 1}),
        help_text=_("Reports that repeat one origin (ten outlets citing one briefing) count once."),
    )
    max_origins = CountFilter(
        label=_("At most this many independent origins"),
        field_name="independent_origins",
        lookup_expr="lte",
        min_value=0,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"min": 0, "step": 1}),
    )
    with_figure = YesNoFilter(
        label=_("With a figure"),
        method="having_figure",
        help_text=_("Claims that state a number (soldiers, money, …)."),
    )
    under_review = YesNoFilter(
        label=_("Under review"),
        method="having_open_flag",
        help_text=_("Claims with a review flag that an editor has not resolved yet."),
    )
    source_health = django_filters.ChoiceFilter(
        label=_("Health of a source"),
        choices=Health.choices,
        empty_label=_("Any health"),
        method="with_source_health",
        help_text=_("Claims recorded in a source that is in this state."),
    )
    sort = sort_choice(
        _("Sort by"),
        [
            ("-asserted", _("Newest first")),
            ("asserted", _("Oldest first")),
            ("claim", _("Claim, A to Z")),
            ("-claim", _("Claim, Z to A")),
            ("verdict", _("Verdict")),
            ("-origins", _("Most independent origins first")),
            ("origins", _("Fewest independent origins first")),
        ],
        DEFAULT_ORDER,
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search_claims(queryset, value)

    def having_figure(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(quantity_value__isnull=not said_yes(value))

    def having_open_flag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        has_open = Exists(ReviewFlag.objects.filter(claim=OuterRef("pk"), status=FlagStatus.OPEN))
        return queryset.filter(has_open if said_yes(value) else ~has_open)

    def with_source_health(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(Statement.objects.filter(claim=OuterRef("pk"), source__health=value))
        )

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        topic: Named | None = self.value("topic")
        if topic:
            queryset = queryset.filter(topic_id__in=topic.ids)
        actor: Named | None = self.value("actor")
        stance = self.value("stance")
        statements = Statement.objects.filter(claim=OuterRef("pk"))
        if stance:
            statements = statements.filter(stance=stance)
        if actor:
            # The same statement must match both, as in the API: "claims the NIS asserts", not
            # "claims the NIS said anything about and somebody asserts".
            by_actor = Exists(statements.filter(actor_id__in=actor.ids))
            if stance:
                return queryset.filter(by_actor)
            return queryset.filter(Q(claimant_id__in=actor.ids) | by_actor)
        if stance:
            return queryset.filter(Exists(statements))
        return queryset


class StatementDirectoryFilter(DirectoryFilter):
    ORDERS = {
        "said": (F("said_at").asc(nulls_last=True), F("id").asc()),
        "-said": (F("said_at").desc(nulls_last=True), F("id").desc()),
    }
    DEFAULT_ORDER = "-said"

    q = SearchFilter(
        label=_("Search"),
        method="search",
        help_text=_("Words of the quote or its translation, of the claim, or the speaker's name."),
    )
    actor = actor_filter(_("Name or alias of who said it."))
    topic = topic_filter()
    stance = django_filters.ChoiceFilter(
        label=_("Stance"), choices=Stance.choices, empty_label=_("Any stance")
    )
    said_from = LocalDateFilter(label=_("Said on or after"), method="said_since")
    said_until = LocalDateFilter(label=_("Said on or before"), method="said_by")
    source = NamedFilter(
        label=_("Source"),
        method="keep",
        suggest="sources",
        resolve=selectors.sources_titled,
        unknown=UNKNOWN_SOURCE,
        help_text=_("The source's title, or a part of it."),
    )
    sort = sort_choice(
        _("Sort by"), [("-said", _("Newest first")), ("said", _("Oldest first"))], DEFAULT_ORDER
    )

    class Meta:
        model = Statement
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search_statements(queryset, value)

    def said_since(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(said_at__gte=day_starts(value))

    def said_by(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(said_at__lt=day_after(value))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        for name, column in (("actor", "actor_id"), ("topic", "claim__topic_id")):
            named: Named | None = self.value(name)
            if named:
                queryset = queryset.filter(**{f"{column}__in": named.ids})
        source: Named | None = self.value("source")
        if source:
            queryset = queryset.filter(source__in=source.ids)
        return queryset


class TopicDirectoryFilter(DirectoryFilter):
    ORDERS = {
        "title": (F("title").asc(), F("id").asc()),
        "-title": (F("title").desc(), F("id").desc()),
        "claims": (F("claim_count").asc(), F("title").asc()),
        "-claims": (F("claim_count").desc(), F("title").asc()),
        "activity": (F("latest_activity").asc(nulls_last=True), F("title").asc()),
        "-activity": (F("latest_activity").desc(nulls_last=True), F("title").asc()),
    }
    DEFAULT_ORDER = "title"

    q = SearchFilter(
        label=_("Search"), method="search", help_text=_("Words of the title or description.")
    )
    sort = sort_choice(
        _("Sort by"),
        [
            ("title", _("Title, A to Z")),
            ("-title", _("Title, Z to A")),
            ("-claims", _("Most claims first")),
            ("-activity", _("Latest activity first")),
            ("activity", _("Longest quiet first")),
        ],
        DEFAULT_ORDER,
    )

    class Meta:
        model = Topic
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))
