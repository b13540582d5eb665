"""Conditional requests, so polling clients and dashboards pay for changes only.

Every successful GET carries an ETag and, where the rows say when they changed, Last-Modified;
a request whose If-None-Match (or, failing that, If-Modified-Since) still matches gets 304 with
no body. List and detail ETags are weak and derived from the representation itself, so they
change whenever anything in it does. A claim's ETag also names its version, because it doubles
as the precondition for changing the verdict (If-Match); see claims/api.

Last-Modified counts whole seconds, so a change made in the same second as the copy a client
holds leaves Last-Modified as it was. The rule: a request with If-Modified-Since and no
If-None-Match never gets 304 while the resource's own modification time is less than a second
ago (`now - last_modified < 1 s`); it gets the full response. An edit in the same second as a
poll is then seen by the next poll. A client that sends If-None-Match is not affected: the ETag
changes with the representation, whatever the clock says.
"""

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from rest_framework.request import Request
from rest_framework.response import Response

from .problems import PreconditionFailed, problem_response

VARY = ("Accept", "Authorization", "Cookie")
# The granularity of Last-Modified and If-Modified-Since.
HTTP_DATE_RESOLUTION = timedelta(seconds=1)

_MT = TypeVar("_MT", bound=Model)
_Row = TypeVar("_Row")

if TYPE_CHECKING:
    from rest_framework.generics import GenericAPIView

    # The mixins below extend DRF views: check them against the view they are mixed into.
    _ViewBase = GenericAPIView
else:
    _ViewBase = Generic


# An answer that can never change (an as-of answer about a settled past moment) may be kept for
# good: a year is HTTP's "forever", and `immutable` spares even the revalidation on reload.
KEEP_FOR_GOOD = "private, max-age=31536000, immutable"


def content_etag(content: bytes, prefix: str = "", *, weak: bool = True) -> str:
    digest = hashlib.blake2b(content, digest_size=10).hexdigest()
    tag = f'"{prefix}-{digest}"' if prefix else f'"{digest}"'
    return f"W/{tag}" if weak else tag


class ConditionalGetMixin(_ViewBase[_MT]):
    """For API views: ETag / Last-Modified on 200 GET responses, and 304 when they match.

    `modified_fields` name the model fields that tell when a row last changed; the latest value
    among the rows a response shows becomes its Last-Modified. A view may set `etag_prefix`
    (readable part of the ETag) or an ETag header of its own.
    """

    modified_fields: tuple[str, ...] = ()
    etag_prefix = ""
    last_modified: datetime | None = None
    # Set by a view whose answer can never change: its ETag is then strong (the bytes never
    # differ) and clients may keep it for good.
    final_answer = False

    def note_modified(self, rows: Any) -> None:
        values = [
            value
            for row in rows
            if isinstance(row, Model)
            for field in self.modified_fields
            if (value := getattr(row, field, None)) is not None
        ]
        if self.last_modified is not None:
            values.append(self.last_modified)
        if values:
            self.last_modified = max(values)

    def paginate_queryset(
        self, queryset: QuerySet[Any, _Row] | Sequence[_Row]
    ) -> list[_Row] | None:
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.note_modified(page)
        return page

    # DRF passes through whatever HttpResponseBase a handler returns (a 304 here, or from a view
    # that answers early); the stubs narrow both ends to Response.
    def finalize_response(  # type: ignore[override]
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[arg-type]
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not isinstance(response, Response):
            return response
        patch_vary_headers(response, VARY)
        # Clients may keep a copy but must ask (cheaply, with If-None-Match) before reusing it.
        patch_cache_control(response, private=True, no_cache=True)
        response.render()
        if not response.has_header("ETag"):
            response["ETag"] = content_etag(
                response.content, self.etag_prefix, weak=not self.final_answer
            )
        if self.last_modified is not None and not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(int(self.last_modified.timestamp()))
        result = evaluate_preconditions(
            request,
            etag=response["ETag"],
            last_modified=self.last_modified,
            response=response,
        )
        if self.final_answer:
            result["Cache-Control"] = KEEP_FOR_GOOD
        return result


@overload
def evaluate_preconditions(
    request: HttpRequest, *, etag: str, last_modified: datetime | None, response: HttpResponse
) -> HttpResponseBase: ...
@overload
def evaluate_preconditions(
    request: HttpRequest, *, etag: str, last_modified: datetime | None, response: None = None
) -> HttpResponseBase | None: ...
def evaluate_preconditions(
    request: HttpRequest | Request,
    *,
    etag: str,
    last_modified: datetime | None,
    response: HttpResponse | None = None,
) -> HttpResponseBase | None:
    """304 when the client's copy is current, 412 when its If-Match fails, else `response`.

    With `response=None` a view can answer 304 before doing the work of a full response.
    """
    timestamp = int(last_modified.timestamp()) if last_modified else None
    result = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    if result is None or result is response:
        return result
    if result.status_code == 304 and _modified_too_recently_to_tell(request, last_modified):
        return response
    if result.status_code == 412:
        return problem_response(
            request,
            status_code=412,
            detail="If-Match does not match the current representation.",
            code="precondition_failed",
            slug=PreconditionFailed.problem_slug,
            headers={"ETag": etag},
        )
    # A 304 built without a response to copy from still owes the validators.
    if not result.has_header("ETag"):
        result["ETag"] = etag
    if timestamp is not None and not result.has_header("Last-Modified"):
        result["Last-Modified"] = http_date(timestamp)
    patch_vary_headers(result, VARY)
    patch_cache_control(result, private=True, no_cache=True)
    return result


def _modified_too_recently_to_tell(
    request: HttpRequest | Request, last_modified: datetime | None
) -> bool:
    """A 304 that rests on If-Modified-Since alone, for a resource changed less than a second
    ago: the whole second the client names may hold a change its copy lacks (module docstring)."""
    return (
        last_modified is not None
        and "If-None-Match" not in request.headers
        and timezone.now() - last_modified < HTTP_DATE_RESOLUTION
    )
