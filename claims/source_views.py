"""The sources directory (/sources/) and the source page (/sources/<id>/).

They live in the claims app because the source page shows the statements recorded in a source
(sources must not import claims). Reads are the selectors'; editors' actions (re-check, add and
remove citations) go through the API from static/js/sources.js.
"""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from common import roles
from sources import selectors as source_selectors
from sources.filters import DEFAULT_DIRECTORY_ORDER, SourceDirectoryFilter

from . import selectors
from .listing import (
    Sortable,
    described_filters,
    given,
    numbered_page,
    sort_columns,
    tidy_address,
)

SOURCES_PER_PAGE = 50
STATEMENTS_PER_PAGE = 20
SNAPSHOTS_PER_PAGE = 10

# The directory's sortable columns.
SORTABLE = (
    Sortable("title", _("Title"), "title"),
    Sortable("published", _("Published"), "-published"),
    Sortable("reliability", _("Reliability"), "reliability"),
    Sortable("health_changed", _("Health changed"), "-health_changed"),
)


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    params = given(request)
    if redirect := tidy_address(request, params, DEFAULT_DIRECTORY_ORDER):
        return redirect
    directory = SourceDirectoryFilter(request.GET, queryset=source_selectors.source_directory())
    rows = numbered_page(directory.qs, SOURCES_PER_PAGE, params, param="page")
    return render(
        request,
        "claims/source_list.html",
        {
            "filter": directory,
            "rows": rows,
            "page": rows.page,
            "columns": sort_columns(directory.order, params, SORTABLE, DEFAULT_DIRECTORY_ORDER),
            "filtered": described_filters(directory),
            "publisher_names": source_selectors.publisher_names(),
            "languages": source_selectors.source_languages(),
            "can_recheck": roles.can_record(request.user),
        },
    )


@login_required
def source_detail(request: HttpRequest, source_id: UUID) -> HttpResponse:
    source = get_object_or_404(source_selectors.source_directory(), public_id=source_id)
    params = given(request)
    return render(
        request,
        "claims/source_detail.html",
        {
            "source": source,
            "chain": source_selectors.citation_chain(source),
            "cited_by": source_selectors.citing_sources(source),
            "repeated_by": source_selectors.repeated_by(source),
            "statements": numbered_page(
                selectors.source_statements(source),
                STATEMENTS_PER_PAGE,
                params,
                param="statements",
                anchor="statements-heading",
            ),
            "snapshots": numbered_page(
                source_selectors.source_snapshots(source),
                SNAPSHOTS_PER_PAGE,
                params,
                param="snapshots",
                anchor="snapshots-heading",
            ),
            "last_failure": source_selectors.last_failed_check(source),
            "can_edit": roles.can_record(request.user),
        },
    )
