"""FilterSets of the claims API. Date ranges are half-open: `*_since` includes the moment,
`*_before` excludes it, so consecutive windows never count a row twice."""

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from api.filters import (
    ChoicesFilter,
    CountFilter,
    DateTimeFilter,
    SearchFilter,
    StrictBooleanFilter,
)
from sources.models import Health

from . import selectors
from .models import (
    Claim,
    Credibility,
    FlagReason,
    FlagStatus,
    ReviewFlag,
    Stance,
    Statement,
    Topic,
    Verdict,
)


def _keep(queryset: QuerySet, name: str, value: object) -> QuerySet:
    """For filters that FilterSet.filter_queryset applies together with another one."""
    return queryset


def _open_flag(queryset: QuerySet, field: str, value: bool | None) -> QuerySet:
    if value is None:
        return queryset
    has_open = Exists(ReviewFlag.objects.filter(claim=OuterRef(field), status=FlagStatus.OPEN))
    return queryset.filter(has_open if value else ~has_open)


class TopicFilter(django_filters.FilterSet):
    q = SearchFilter(method="search", help_text="Words in the topic's title or description.")

    class Meta:
        model = Topic
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))


class ClaimFilter(django_filters.FilterSet):
    q = SearchFilter(
        method="search",
        help_text=(
            "Full-text search over the claim's wording (English and original), the quotes of "
            "its statements, and the names and aliases of its claimant and speakers. "
            'Web-search syntax: "exact phrase", -excluded, or. German and English words '
            "match their other forms (Soldat finds Soldaten)."
        ),
    )
    verdict = ChoicesFilter(
        choices=Verdict.choices, help_text="One or more verdicts (repeat the parameter)."
    )
    topic = django_filters.UUIDFilter(field_name="topic__public_id", help_text="Topic id.")
    actor = django_filters.UUIDFilter(
        method=_keep,
        help_text=(
            "Actor id: claims the actor made or took a position on. With `stance`, only "
            "claims on which this actor took one of those stances."
        ),
    )
    stance = ChoicesFilter(
        choices=Stance.choices,
        method=_keep,
        help_text="Claims with at least one statement of these stances.",
    )
    language = django_filters.CharFilter(
        field_name="original_language", max_length=8, help_text="Language of the original wording."
    )
    source_health = ChoicesFilter(
        choices=Health.choices,
        method="with_source_health",
        help_text="Claims with a statement whose source is in one of these health states.",
    )
    first_asserted_since = django_filters.DateFilter(
        field_name="first_asserted_on", lookup_expr="gte"
    )
    first_asserted_before = django_filters.DateFilter(
        field_name="first_asserted_on", lookup_expr="lt"
    )
    updated_since = DateTimeFilter(field_name="updated_at", lookup_expr="gte")
    updated_before = DateTimeFilter(field_name="updated_at", lookup_expr="lt")
    recorded_since = DateTimeFilter(field_name="recorded_at", lookup_expr="gte")
    recorded_before = DateTimeFilter(field_name="recorded_at", lookup_expr="lt")
    has_quantity = StrictBooleanFilter(
        field_name="quantity_value",
        lookup_expr="isnull",
        exclude=True,
        help_text="Only claims with (true) or without (false) a numeric quantity.",
    )
    has_open_flag = StrictBooleanFilter(
        method="with_open_flag", help_text="Claims with (true) or without (false) an open flag."
    )
    independent_origins__gte = CountFilter(
        field_name="independent_origins",
        lookup_expr="gte",
        min_value=0,
        max_value=1_000_000,
        help_text=(
            "Claims supported by at least this many independent origins: reports repeating one "
            "origin (ten outlets citing one briefing) count once."
        ),
    )
    independent_origins__lte = CountFilter(
        field_name="independent_origins",
        lookup_expr="lte",
        min_value=0,
        max_value=1_000_000,
        help_text="Claims supported by at most this many independent origins.",
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search_claims(queryset, value)

    def with_source_health(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(
            Exists(Statement.objects.filter(claim=OuterRef("pk"), source__health__in=value))
        )

    def with_open_flag(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return _open_flag(queryset, "pk", value)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        actor = self.form.cleaned_data.get("actor")
        stances = self.form.cleaned_data.get("stance")
        statements = Statement.objects.filter(claim=OuterRef("pk"))
        if stances:
            statements = statements.filter(stance__in=stances)
        if actor:
            # The same statement must match both: "claims the NIS asserts", not "claims the
            # NIS said anything about and somebody asserts".
            by_actor = Exists(statements.filter(actor__public_id=actor))
            if stances:
                return queryset.filter(by_actor)
            return queryset.filter(Q(claimant__public_id=actor) | by_actor)
        if stances:
            return queryset.filter(Exists(statements))
        return queryset


class StatementFilter(django_filters.FilterSet):
    q = SearchFilter(
        method="search",
        help_text=(
            "Full-text search over the quote and translation, the claim's wording and the "
            "speaker's names and aliases."
        ),
    )
    claim = django_filters.UUIDFilter(field_name="claim__public_id", help_text="Claim id.")
    topic = django_filters.UUIDFilter(field_name="claim__topic__public_id", help_text="Topic id.")
    actor = django_filters.UUIDFilter(field_name="actor__public_id", help_text="Speaker id.")
    source = django_filters.UUIDFilter(field_name="source__public_id", help_text="Source id.")
    stance = ChoicesFilter(choices=Stance.choices)
    verdict = ChoicesFilter(
        field_name="claim__verdict",
        choices=Verdict.choices,
        help_text="Verdict of the claim.",
    )
    credibility = ChoicesFilter(choices=Credibility.choices)
    language = django_filters.CharFilter(
        field_name="quote_language", max_length=8, help_text="Language of the quote."
    )
    source_health = ChoicesFilter(
        field_name="source__health", choices=Health.choices, help_text="Health of the source."
    )
    said_since = DateTimeFilter(field_name="said_at", lookup_expr="gte")
    said_before = DateTimeFilter(field_name="said_at", lookup_expr="lt")
    recorded_since = DateTimeFilter(field_name="recorded_at", lookup_expr="gte")
    recorded_before = DateTimeFilter(field_name="recorded_at", lookup_expr="lt")
    has_quantity = StrictBooleanFilter(
        field_name="claim__quantity_value",
        lookup_expr="isnull",
        exclude=True,
        help_text="Statements on claims with (true) or without (false) a quantity.",
    )
    has_open_flag = StrictBooleanFilter(
        method="with_open_flag",
        help_text="Statements on claims with (true) or without (false) an open review flag.",
    )

    class Meta:
        model = Statement
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search_statements(queryset, value)

    def with_open_flag(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return _open_flag(queryset, "claim_id", value)


class ReviewFlagFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=FlagStatus.choices)
    reason = ChoicesFilter(choices=FlagReason.choices)
    claim = django_filters.UUIDFilter(field_name="claim__public_id", help_text="Claim id.")
    topic = django_filters.UUIDFilter(field_name="claim__topic__public_id", help_text="Topic id.")
    source = django_filters.UUIDFilter(field_name="source__public_id", help_text="Source id.")
    verdict = ChoicesFilter(
        field_name="claim__verdict", choices=Verdict.choices, help_text="Verdict of the claim."
    )
    opened_since = DateTimeFilter(field_name="opened_at", lookup_expr="gte")
    opened_before = DateTimeFilter(field_name="opened_at", lookup_expr="lt")

    class Meta:
        model = ReviewFlag
        fields: list[str] = []
