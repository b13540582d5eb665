"""The sources directory (/sources/) and the source page (/sources/<id>/).

They live in the claims app because the source page shows the statements recorded in a source
(sources must not import claims). Reads are the selectors'; editors' actions (re-check, add and
remove citations) go through the API from static/js/sources.js.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from common import roles
from sources import selectors as source_selectors
from sources.filters import DEFAULT_DIRECTORY_ORDER, SourceDirectoryFilter

from . import selectors

SOURCES_PER_PAGE = 50
STATEMENTS_PER_PAGE = 20
SNAPSHOTS_PER_PAGE = 10

# The directory's sortable columns: (parameter, heading, the order a first click asks for).
SORTABLE = (
    ("title", _("Title"), "title"),
    ("published", _("Published"), "-published"),
    ("reliability", _("Reliability"), "reliability"),
    ("health_changed", _("Health changed"), "-health_changed"),
)


@dataclass(frozen=True)
class NumberedPage:
    """A page of a list with the page numbers to link to (templates/claims/_page_numbers.html);
    the links keep the page's other parameters."""

    page: Page
    numbers: list[int | None]  # None for the gap between distant numbers
    param: str
    query: str  # the other parameters, to put before `param=` on the links
    anchor: str = ""


@dataclass(frozen=True)
class SortColumn:
    heading: str
    href: str
    aria_sort: str  # "ascending", "descending" or "" when the list is not sorted by it


def numbered_page(
    rows: QuerySet[Any] | Sequence[Any],
    per_page: int,
    params: dict[str, str],
    *,
    param: str,
    anchor: str = "",
) -> NumberedPage:
    paginator = Paginator(rows, per_page)
    page = paginator.get_page(params.get(param))
    others = {name: value for name, value in params.items() if name != param}
    return NumberedPage(
        page=page,
        numbers=[
            number if isinstance(number, int) else None
            for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ],
        param=param,
        query=f"{urlencode(others)}&" if others else "",
        anchor=f"#{anchor}" if anchor else "",
    )


def given(request: HttpRequest) -> dict[str, str]:
    """The request's parameters that have a value (one each, as the page's forms send them)."""
    return {name: value for name in request.GET if (value := str(request.GET.get(name, "")))}


def sort_columns(order: str, params: dict[str, str]) -> dict[str, SortColumn]:
    """The directory's column headings as links: a click sorts by the column, a second click
    the other way round; the current page number is dropped."""
    kept = {name: value for name, value in params.items() if name not in ("sort", "page")}
    columns = {}
    for key, heading, first in SORTABLE:
        aria_sort = {key: "ascending", f"-{key}": "descending"}.get(order, "")
        asked = (key if order.startswith("-") else f"-{key}") if aria_sort else first
        query = kept if asked == DEFAULT_DIRECTORY_ORDER else {**kept, "sort": asked}
        columns[key] = SortColumn(
            heading=str(heading),
            href=f"?{urlencode(query)}" if query else "./",
            aria_sort=aria_sort,
        )
    return columns


def described_filters(directory: SourceDirectoryFilter) -> list[str]:
    """The filters in force in words ("Kind: Agency wire"), for the message of an empty list."""
    cleaned = getattr(directory.form, "cleaned_data", {})
    described = []
    for name, field in directory.form.fields.items():
        value = cleaned.get(name)
        if name == "sort" or value in (None, ""):
            continue
        shown = dict(getattr(field, "choices", ())).get(value, value)
        described.append(f"{field.label}: “{shown}”")
    return described


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    params = given(request)
    if params.get("sort") == DEFAULT_DIRECTORY_ORDER:
        del params["sort"]
    if len(params) < len(request.GET):
        # Only the parameters given go in the address, the default order not either (a form
        # sent without script sends them all).
        return HttpResponseRedirect(f"?{urlencode(params)}" if params else request.path)
    directory = SourceDirectoryFilter(request.GET, queryset=source_selectors.source_directory())
    rows = numbered_page(directory.qs, SOURCES_PER_PAGE, params, param="page")
    return render(
        request,
        "claims/source_list.html",
        {
            "filter": directory,
            "rows": rows,
            "page": rows.page,
            "columns": sort_columns(directory.order, params),
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
