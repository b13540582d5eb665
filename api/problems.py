"""Errors as application/problem+json (RFC 9457).

Every error the API returns has `type`, `title`, `status`, `detail` and `instance`, plus `code`
(a stable machine-readable word) and, for invalid input, `errors`: one entry per problem with a
`detail` and where it is — `pointer` (a JSON Pointer into the body), `parameter` (a query
parameter) or `header`. Domain errors map as: Django ValidationError → 400, NotAllowed and other
PermissionDenied → 403, and every DomainError (common.errors) → the status, type and members
it declares (VerdictConflict → 412).
"""

import json
import math
from collections.abc import Iterator, Mapping
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.request import Request

from common.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:claimtrack:problem:"


def problem_type(slug: str) -> str:
    return f"{PROBLEM_TYPE_PREFIX}{slug}"


class ProblemException(exceptions.APIException):
    """An API error with its own problem type and extension members."""

    problem_slug = ""

    def __init__(
        self,
        detail: str | None = None,
        *,
        extensions: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.extensions = dict(extensions or {})
        self.headers = dict(headers or {})


class InvalidRequest(ProblemException):
    """Input that breaks the documented contract; `errors` says which parts and why."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request is not valid."
    default_code = "invalid"
    problem_slug = "invalid-request"

    def __init__(self, errors: list[dict[str, str]], detail: str | None = None) -> None:
        super().__init__(detail, extensions={"errors": errors})


def invalid_parameters(errors: Mapping[str, Any]) -> InvalidRequest:
    """400 for bad query parameters, from a {parameter: messages} mapping."""
    return InvalidRequest(
        [
            {"parameter": name, "detail": message}
            for name, messages in errors.items()
            for message in _messages(messages)
        ],
        "Some query parameters are not valid.",
    )


class PreconditionRequired(ProblemException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "This request must be conditional."
    default_code = "precondition_required"
    problem_slug = "precondition-required"


class PreconditionFailed(ProblemException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it."
    default_code = "precondition_failed"
    problem_slug = "precondition-failed"


class PayloadTooLarge(ProblemException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"The request body is larger than {limit} bytes.", extensions={"max_bytes": limit}
        )


def problem_response(
    request: HttpRequest | Request | None,
    *,
    status_code: int,
    detail: str,
    code: str,
    slug: str = "",
    title: str = "",
    extensions: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": problem_type(slug) if slug else "about:blank",
        "title": title or HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        "instance": request.path if request is not None else None,
        "code": code,
        **(extensions or {}),
    }
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _messages(value: Any) -> Iterator[str]:
    if isinstance(value, list | tuple):
        for item in value:
            yield from _messages(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _messages(item)
    else:
        yield str(value)


def _pointer_errors(detail: Any, path: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
    """Flatten DRF's nested error detail into RFC 9457 entries with JSON Pointers."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in ("non_field_errors", "__all__"):
                yield from _pointer_errors(value, path)
            else:
                escaped = str(key).replace("~", "~0").replace("/", "~1")
                yield from _pointer_errors(value, (*path, escaped))
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        for index, value in enumerate(detail):
            if value:
                yield from _pointer_errors(value, (*path, str(index)))
    else:
        for message in _messages(detail):
            yield {"pointer": "#/" + "/".join(path), "detail": message}


def _first_code(detail: Any) -> str:
    if isinstance(detail, ErrorDetail):
        return detail.code or "invalid"
    if isinstance(detail, dict):
        detail = list(detail.values())
    if isinstance(detail, list) and detail:
        return _first_code(detail[0])
    return "invalid"


def exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponse | None:
    """DRF's EXCEPTION_HANDLER: every error the API knows becomes a problem document."""
    request = context.get("request")  # DRF's Request: its .path is the HttpRequest's

    if isinstance(exc, DomainError):
        return problem_response(
            request,
            status_code=exc.status_code,
            detail=str(exc),
            code=exc.code,
            slug=exc.problem_slug,
            extensions=exc.problem_extensions(),
            headers=exc.problem_headers(),
        )
    if isinstance(exc, DjangoValidationError):
        messages = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    if isinstance(exc, ProblemException):
        return problem_response(
            request,
            status_code=exc.status_code,
            detail=str(exc.detail),
            code=exc.default_code,
            slug=exc.problem_slug,
            extensions=exc.extensions,
            headers=exc.headers,
        )
    if isinstance(exc, exceptions.ValidationError):
        return problem_response(
            request,
            status_code=400,
            detail="The request body is not valid.",
            code=_first_code(exc.detail),
            slug=InvalidRequest.problem_slug,
            extensions={"errors": list(_pointer_errors(exc.detail))},
        )
    if isinstance(exc, exceptions.APIException):
        headers: dict[str, str] = {}
        # Set by DRF on the exceptions that carry them (authentication, throttling).
        if auth_header := getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = auth_header
        if (wait := getattr(exc, "wait", None)) is not None:
            headers["Retry-After"] = str(max(1, math.ceil(wait)))
        detail = exc.detail if isinstance(exc.detail, str) else " ".join(_messages(exc.detail))
        return problem_response(
            request,
            status_code=exc.status_code,
            detail=str(detail),
            code=_first_code(exc.detail),
            headers=headers,
        )
    return None  # a bug: let Django log it and answer 500


@csrf_exempt  # a 404 whatever the method: CSRF is checked where something can be written
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Unknown paths under /api/v1/ answer in problem+json too, not with an HTML page."""
    return problem_response(
        request,
        status_code=404,
        detail=f"There is no API resource at {request.path}.",
        code="not_found",
    )
