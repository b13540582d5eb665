"""Keyset cursor pagination: pages that stay exact while rows are added or removed.

A cursor records the position of the last row a client saw, as (value of the ordering field,
primary key), and the next page starts strictly after it. Unlike offsets, rows inserted before
the position never shift a page; unlike DRF's CursorPagination, ties on the ordering field are
broken by the public id (or the primary key of rows that have none), so no row is skipped
or repeated. Cursors are opaque to clients.
"""

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Field, Model, Q, QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from .problems import invalid_parameters

_Row = TypeVar("_Row")

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Ordering:
    """One orderable field: `-name` for descending. Nulls always come last."""

    param: str  # as the client writes it: "first_asserted_on" or "-recorded_at"

    @property
    def field(self) -> str:
        return self.param.removeprefix("-")

    @property
    def descending(self) -> bool:
        return self.param.startswith("-")


def tiebreaker_of(model: type[Model]) -> str:
    """The unique field that orders rows with equal values: the public id where there is one,
    so that cursors carry no database ids."""
    try:
        model._meta.get_field("public_id")
    except FieldDoesNotExist:
        return "pk"
    return "public_id"


def _order_by(field: str, tie: str, *, descending: bool, nulls_last: bool) -> list:
    # Say where nulls go explicitly: PostgreSQL and SQLite disagree about the default.
    nulls = {"nulls_last": True} if nulls_last else {"nulls_first": True}
    if descending:
        return [F(field).desc(**nulls), F(tie).desc()]
    return [F(field).asc(**nulls), F(tie).asc()]


def _after(
    field: str, value: Any, tie: str, tie_value: Any, *, descending: bool, nulls_last: bool
) -> tuple[Q, bool]:
    """Rows strictly after (value, tie_value) in ORDER BY field [DESC], tie [DESC], with the
    nulls of `field` last or first: the condition on the non-null rows, and whether every null
    row comes after them too (the caller reads those separately, see paginate_queryset)."""
    cmp = "lt" if descending else "gt"
    if value is None:
        after = Q(**{f"{field}__isnull": True, f"{tie}__{cmp}": tie_value})
        return (after | Q(**{f"{field}__isnull": False}) if not nulls_last else after), False
    # `field >= value AND (field > value OR tie > tie_value)` rather than the plainer
    # `field > value OR (field = value AND tie > tie_value)`: the same rows, but PostgreSQL
    # can start an index scan on `field` at `value` instead of reading from the beginning.
    cmp_or_equal = "lte" if descending else "gte"
    after = Q(**{f"{field}__{cmp_or_equal}": value}) & (
        Q(**{f"{field}__{cmp}": value}) | Q(**{f"{tie}__{cmp}": tie_value})
    )
    return after, nulls_last


class KeysetCursorPagination(BasePagination):
    """`?cursor=` from a response's `next`/`previous`, `?page_size=` (1 to 100, default 25) and
    `?ordering=` among the view's `ordering_fields` (default `default_ordering`)."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    ordering_query_param = "ordering"

    def paginate_queryset(
        self,
        queryset: QuerySet[Any, _Row] | Sequence[_Row],
        request: Request,
        view: APIView | None = None,
    ) -> list[_Row]:
        if not isinstance(queryset, QuerySet):
            raise TypeError("Keyset pagination orders and filters a queryset, not a list.")
        self.request = request
        self.base_url = request.build_absolute_uri()
        errors: dict[str, str] = {}
        self.page_size = self._page_size(request, errors)
        self.ordering = self._ordering(request, view, errors)
        self.tie = tiebreaker_of(queryset.model)
        cursor = self._cursor(request, queryset.model, errors) if not errors else None
        if errors:
            raise invalid_parameters(errors)

        field, descending = self.ordering.field, self.ordering.descending
        backwards = cursor is not None and cursor["direction"] == "previous"
        if backwards:
            descending = not descending
        # Walking backwards reverses the order, so the nulls that came last now come first.
        nulls_last = not backwards
        queryset = queryset.order_by(
            *_order_by(field, self.tie, descending=descending, nulls_last=nulls_last)
        )
        limit = self.page_size + 1
        if cursor is None:
            rows = list(queryset[:limit])
        else:
            after, then_nulls = _after(
                field,
                cursor["value"],
                self.tie,
                cursor["tie"],
                descending=descending,
                nulls_last=nulls_last,
            )
            rows = list(queryset.filter(after)[:limit])
            # The null tail is its own query, and only on the page that reaches it: in one OR'ed
            # condition it would keep PostgreSQL from using the index on `field` on every page.
            if then_nulls and len(rows) < limit and queryset.model._meta.get_field(field).null:
                rows += queryset.filter(**{f"{field}__isnull": True})[: limit - len(rows)]
        has_more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
            self.has_next, self.has_previous = True, has_more
        else:
            self.has_next, self.has_previous = has_more, cursor is not None
        self.rows: Sequence[object] = rows
        return rows

    def _page_size(self, request: Request, errors: dict[str, str]) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return DEFAULT_PAGE_SIZE
        # isdigit() alone accepts "²" and other Unicode digits that int() then refuses; and the
        # length bound keeps int() from parsing thousands of digits.
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 4) or not (
            1 <= int(raw) <= MAX_PAGE_SIZE
        ):
            errors[self.page_size_query_param] = (
                f"page_size is a whole number from 1 to {MAX_PAGE_SIZE}; "
                f"follow the `next` link for more rows."
            )
            return DEFAULT_PAGE_SIZE
        return int(raw)

    def _ordering(self, request: Request, view: APIView | None, errors: dict[str, str]) -> Ordering:
        choices = orderings_of(view)
        raw = request.query_params.get(self.ordering_query_param)
        if raw is None:
            return Ordering(choices[0])
        if raw not in choices:
            errors[self.ordering_query_param] = f"Order by one of: {', '.join(choices)}."
            return Ordering(choices[0])
        return Ordering(raw)

    def _cursor(self, request: Request, model: type[Model], errors: dict[str, str]) -> dict | None:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:  # an empty cursor is the first page
            return None
        problem = "The cursor is not one this API issued; start again without it."
        try:
            padded = raw + "=" * (-len(raw) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            ordering, value, tie, direction = data["o"], data["v"], data["k"], data["d"]
            if ordering != self.ordering.param:
                errors[self.cursor_query_param] = (
                    "The cursor belongs to another ordering; keep the ordering of the page it "
                    "came from."
                )
                return None
            if direction not in ("next", "previous"):
                raise ValueError(direction)
            if self.tie == "pk":
                # Out of the 64-bit range the database would fail rather than find nothing.
                if not isinstance(tie, int) or not 0 <= tie < 2**63:
                    raise ValueError(tie)
            else:
                tie = uuid.UUID(tie)
            field = model._meta.get_field(self.ordering.field)
            if not isinstance(field, Field):  # a reverse relation orders nothing
                raise FieldDoesNotExist(self.ordering.field)
            value = None if value is None else field.to_python(value)
            if isinstance(value, str) and "\x00" in value:
                raise ValueError("NUL")
        except (
            binascii.Error,
            UnicodeError,
            ValueError,
            TypeError,
            AttributeError,
            KeyError,
            ValidationError,
            FieldDoesNotExist,
            RecursionError,  # a tampered cursor of deeply nested JSON
        ):
            errors[self.cursor_query_param] = problem
            return None
        return {"value": value, "tie": tie, "direction": direction}

    def _encode(self, row: object, direction: str) -> str:
        value = getattr(row, self.ordering.field)
        if value is not None and not isinstance(value, str | int | float):
            value = value.isoformat() if hasattr(value, "isoformat") else str(value)
        tie = getattr(row, self.tie)
        data = {
            "o": self.ordering.param,
            "v": value,
            "k": tie if isinstance(tie, int) else str(tie),
            "d": direction,
        }
        raw = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode())
        return raw.decode("ascii").rstrip("=")

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.rows:
            return None
        return replace_query_param(
            self.base_url, self.cursor_query_param, self._encode(self.rows[-1], "next")
        )

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if not self.rows:
            return remove_query_param(self.base_url, self.cursor_query_param)
        return replace_query_param(
            self.base_url, self.cursor_query_param, self._encode(self.rows[0], "previous")
        )

    def get_paginated_response(self, data: Sequence[Any]) -> Response:
        return Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    **link,
                    "description": "The next page, or null on the last page.",
                    "example": "http://127.0.0.1:8000/api/v1/claims/?cursor=eyJvIjoi",
                },
                "previous": {
                    **link,
                    "description": "The previous page, or null on the first.",
                    "example": None,
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: APIView) -> list[dict]:
        choices = orderings_of(view)
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Opaque position from a previous response's `next` or `previous` link. "
                    "Pages stay exact while rows are added: nothing is skipped or repeated."
                ),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Rows per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}). "
                    f"Larger values are refused with 400, not clamped."
                ),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                },
            },
            {
                "name": self.ordering_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Sort order; `-` for descending. Rows without a value come last; ties are "
                    f"broken by entry order. Default `{choices[0]}`."
                ),
                "schema": {"type": "string", "enum": list(choices), "default": choices[0]},
            },
        ]


def orderings_of(view: APIView | None) -> tuple[str, ...]:
    """The view's allowed orderings, the default first, each also available descending."""
    fields: Sequence[str] = getattr(view, "ordering_fields", None) or ("pk",)
    default = getattr(view, "default_ordering", None) or fields[0]
    both = [param for field in fields for param in (field, f"-{field}")]
    return (default, *[param for param in both if param != default])
