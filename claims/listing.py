"""What the directories (/claims/, /statements/, /topics/, /actors/, /sources/) share: the
parameters given, numbered pages, sortable column headings, the filters in force in words, and
the CSV download of a whole filtered list.

The templates that draw them are templates/claims/_page_numbers.html and _sort_link.html.
"""

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect, StreamingHttpResponse
from django.utils.functional import Promise

from api.renderers import spreadsheet_cell


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


@dataclass(frozen=True)
class Sortable:
    """A column a directory sorts by: its `sort` value, heading, and the order a first click
    asks for (the column itself, or `-column` for the other way round)."""

    key: str
    heading: str | Promise
    first: str


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


def tidy_address(
    request: HttpRequest, params: dict[str, str], default_order: str
) -> HttpResponseRedirect | None:
    """A redirect to the address without its empty parameters and without the default order,
    or None when it has neither: a filter form sent without script sends every field."""
    if params.get("sort") == default_order:
        del params["sort"]
    if len(params) < len(request.GET):
        return HttpResponseRedirect(f"?{urlencode(params)}" if params else request.path)
    return None


def sort_columns(
    order: str, params: dict[str, str], sortable: Sequence[Sortable], default_order: str
) -> dict[str, SortColumn]:
    """The column headings as links: a click sorts by the column, a second click the other way
    round; the current page number is dropped."""
    kept = {name: value for name, value in params.items() if name not in ("sort", "page")}
    columns = {}
    for column in sortable:
        key = column.key
        aria_sort = {key: "ascending", f"-{key}": "descending"}.get(order, "")
        asked = (key if order.startswith("-") else f"-{key}") if aria_sort else column.first
        query = kept if asked == default_order else {**kept, "sort": asked}
        columns[key] = SortColumn(
            heading=str(column.heading),
            href=f"?{urlencode(query)}" if query else "./",
            aria_sort=aria_sort,
        )
    return columns


def described_filters(directory: django_filters.FilterSet) -> list[str]:
    """The filters in force in words ("Kind: “Agency wire”"), for the message of an empty list:
    a choice by its label, anything else as it was typed."""
    cleaned = getattr(directory.form, "cleaned_data", {})
    described = []
    for name, field in directory.form.fields.items():
        value = cleaned.get(name)
        if name == "sort" or value in (None, "", [], ()):
            continue
        choices = dict(getattr(field, "choices", ()))
        typed = directory.form.data.get(name, value)
        shown = choices.get(value, typed) if isinstance(value, str) else typed
        described.append(f"{field.label}: “{shown}”")
    return described


def query_without_page(params: dict[str, str]) -> str:
    """The list's parameters for a link to the same list elsewhere (its CSV download)."""
    return urlencode({name: value for name, value in params.items() if name != "page"})


class _Line:
    """A file-like object whose write hands back the line csv.writer wrote."""

    def write(self, value: str) -> str:
        return value


def csv_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """A CSV file (RFC 4180, UTF-8) streamed line by line, so a list of any length is sent
    without being held in memory; text that a spreadsheet would run as a formula is escaped as
    in the API's CSV (api.renderers)."""
    writer = csv.writer(_Line(), lineterminator="\r\n")

    def lines() -> Iterator[str]:
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([spreadsheet_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
