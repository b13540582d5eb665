"""The directories people find things with: claims (/claims/), statements (/statements/),
topics (/topics/) and actors (/actors/), and the CSV downloads of the claims and statements lists.

Each is a FilterSet made for people (claims.list_filters, actors.filters), sortable column
headings and numbered pages (claims.listing); only the parameters given stay in the address.
The type-ahead of the actor, topic and source fields asks /api/v1/ (static/js/lists.js).
"""

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors import selectors as actor_selectors
from actors.filters import DEFAULT_ACTOR_ORDER, ActorDirectoryFilter
from common import roles

from . import selectors
from .list_filters import ClaimDirectoryFilter, StatementDirectoryFilter, TopicDirectoryFilter
from .listing import (
    Sortable,
    csv_download,
    described_filters,
    given,
    numbered_page,
    query_without_page,
    sort_columns,
    tidy_address,
)
from .models import Claim, Statement

CLAIMS_PER_PAGE = 50
STATEMENTS_PER_PAGE = 50
TOPICS_PER_PAGE = 50
ACTORS_PER_PAGE = 50

CLAIM_COLUMNS = (
    Sortable("claim", _("Claim"), "claim"),
    Sortable("asserted", _("First asserted"), "-asserted"),
    Sortable("verdict", _("Verdict"), "verdict"),
    Sortable("origins", _("Independent origins"), "-origins"),
)
STATEMENT_COLUMNS = (Sortable("said", _("Said"), "-said"),)
TOPIC_COLUMNS = (
    Sortable("title", _("Topic"), "title"),
    Sortable("claims", _("Claims"), "-claims"),
    Sortable("activity", _("Latest activity"), "-activity"),
)
ACTOR_COLUMNS = (
    Sortable("name", _("Name"), "name"),
    Sortable("kind", _("Kind"), "kind"),
    Sortable("country", _("Country"), "country"),
)


def _listing(
    directory: Any, params: dict[str, str], per_page: int, columns: Any, default_order: str
) -> dict[str, Any]:
    """What every directory's template gets: the form, the page, the headings, the filters."""
    rows = numbered_page(directory.qs, per_page, params, param="page")
    return {
        "filter": directory,
        "rows": rows,
        "page": rows.page,
        "columns": sort_columns(directory.order, params, columns, default_order),
        "filtered": described_filters(directory),
        "query": query_without_page(params),
    }


def _claims(request: HttpRequest) -> ClaimDirectoryFilter:
    claims = selectors.claim_list().annotate(has_open_flag=selectors.open_flag_exists())
    return ClaimDirectoryFilter(request.GET, queryset=claims)


def _statements(request: HttpRequest) -> StatementDirectoryFilter:
    return StatementDirectoryFilter(request.GET, queryset=selectors.statement_directory())


@login_required
def claim_list(request: HttpRequest) -> HttpResponse:
    params = given(request)
    if redirect := tidy_address(request, params, ClaimDirectoryFilter.DEFAULT_ORDER):
        return redirect
    context = _listing(
        _claims(request), params, CLAIMS_PER_PAGE, CLAIM_COLUMNS, ClaimDirectoryFilter.DEFAULT_ORDER
    )
    context["can_record"] = roles.can_record(request.user)
    return render(request, "claims/claim_list.html", context)


@login_required
def statement_list(request: HttpRequest) -> HttpResponse:
    params = given(request)
    if redirect := tidy_address(request, params, StatementDirectoryFilter.DEFAULT_ORDER):
        return redirect
    context = _listing(
        _statements(request),
        params,
        STATEMENTS_PER_PAGE,
        STATEMENT_COLUMNS,
        StatementDirectoryFilter.DEFAULT_ORDER,
    )
    context["can_record"] = roles.can_record(request.user)
    return render(request, "claims/statement_list.html", context)


@login_required
def topic_list(request: HttpRequest) -> HttpResponse:
    params = given(request)
    if redirect := tidy_address(request, params, TopicDirectoryFilter.DEFAULT_ORDER):
        return redirect
    directory = TopicDirectoryFilter(request.GET, queryset=selectors.topic_directory())
    return render(
        request,
        "claims/topic_list.html",
        _listing(
            directory, params, TOPICS_PER_PAGE, TOPIC_COLUMNS, TopicDirectoryFilter.DEFAULT_ORDER
        ),
    )


@login_required
def actor_list(request: HttpRequest) -> HttpResponse:
    params = given(request)
    if redirect := tidy_address(request, params, DEFAULT_ACTOR_ORDER):
        return redirect
    directory = ActorDirectoryFilter(request.GET, queryset=actor_selectors.actor_directory())
    context = _listing(directory, params, ACTORS_PER_PAGE, ACTOR_COLUMNS, DEFAULT_ACTOR_ORDER)
    actors = list(context["page"].object_list)
    counts = selectors.actor_statement_counts(actor.pk for actor in actors)
    context["actors"] = [(actor, counts.get(actor.pk, 0)) for actor in actors]
    context["countries"] = actor_selectors.actor_countries()
    return render(request, "claims/actor_list.html", context)


def _today() -> str:
    return timezone.localdate().isoformat()


@login_required
def claim_list_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every claim of the list as filtered and sorted on /claims/ with the same parameters."""
    claims = _claims(request).qs
    page_of = request.build_absolute_uri(reverse("claim-list"))

    def rows() -> Iterator[list[Any]]:
        claim: Claim
        for claim in claims.iterator(chunk_size=1000):
            yield [
                str(claim.public_id),
                claim.text,
                claim.original_text,
                claim.original_language,
                claim.topic.title,
                claim.claimant.name if claim.claimant else None,
                claim.first_asserted_on.isoformat() if claim.first_asserted_on else None,
                claim.get_verdict_display(),
                claim.independent_origins,
                claim.supporting_reports,
                "yes" if getattr(claim, "has_open_flag", False) else "no",
                f"{page_of}{claim.public_id}/",
            ]

    header = [
        "id",
        "claim",
        "original wording",
        "original language",
        "topic",
        "claimant",
        "first asserted",
        "verdict",
        "independent origins",
        "supporting reports",
        "under review",
        "page",
    ]
    return csv_download(f"claims-{_today()}.csv", header, rows())


@login_required
def statement_list_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every statement of the list as filtered and sorted on /statements/ with the same
    parameters."""
    statements = _statements(request).qs
    claim_pages = request.build_absolute_uri(reverse("claim-list"))
    source_pages = request.build_absolute_uri(reverse("source-list"))

    def rows() -> Iterator[list[Any]]:
        statement: Statement
        for statement in statements.iterator(chunk_size=1000):
            yield [
                str(statement.public_id),
                statement.said_at.isoformat() if statement.said_at else None,
                statement.actor.name,
                statement.get_stance_display(),
                statement.quote,
                statement.translation,
                statement.claim.text,
                f"{claim_pages}{statement.claim.public_id}/",
                statement.source.title,
                f"{source_pages}{statement.source.public_id}/",
                statement.source.url,
            ]

    header = [
        "id",
        "said at",
        "actor",
        "stance",
        "quote",
        "translation",
        "claim",
        "claim page",
        "source",
        "source page",
        "source URL",
    ]
    return csv_download(f"statements-{_today()}.csv", header, rows())
