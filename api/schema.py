"""The OpenAPI schema's shared parts: the introduction, the errors every operation can answer
with, documented once here instead of on each view, the query parameters of filters and the
text of request bodies."""

from typing import Any

import django_filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes

from .pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from .problems import PROBLEM_CONTENT_TYPE

INTRODUCTION = f"""
Claims made in the news, the positions actors take on them, and the newsroom's verdicts. This
is the contract the dashboards and partner systems build on; it changes only compatibly within
v1.

## Authentication
* **API tokens**, one per client system: `Authorization: Token <key>`. A token has a *read* or
  a *write* scope and acts on behalf of its owner, whose role decides what it may change
  (writes need the editor role). Admins issue and revoke tokens in the admin or with
  `manage.py api_token`.
* **Sessions** for the dashboards (log in at `/login/`); writes then need the CSRF token in
  `X-CSRFToken`.

Without credentials every endpoint but this schema and the docs answers 401, unless the
deployment opens anonymous reading (`CLAIMTRACK_API_ANONYMOUS_READ`).

## Identifiers
Resources are named by UUIDs (`id`), never by database ids. The one exception is the changes
feed, whose integer event ids are its cursor.

## Lists
Lists are cursor-paginated: follow `next` (and `previous`). Pages stay exact while rows are
added. `page_size` is 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}); larger values are
refused with 400, not clamped. `ordering` takes the fields listed per endpoint, `-` for
descending. Filters combine with AND; repeat a parameter for several values (OR). Date ranges
are half-open: `*_since` includes, `*_before` excludes.

## Polling and concurrency
Every successful GET has an `ETag`, and where the data says when it changed a `Last-Modified`.
Send them back as `If-None-Match` / `If-Modified-Since` to get `304 Not Modified` with no body.
A claim's ETag names its version: `"claim-<id>-v<version>"` on its verdict, the weak
`W/"claim-<id>-v<version>-<digest>"` on the claim. Changing a verdict needs `If-Match` with it:
without one (or with `*`) the answer is 428, with one that is no entity tag 400, with a stale one
412 with the current verdict and version, and nothing is written.

To keep a mirror up to date, follow `/api/v1/changes/?since=<last id>`: every verdict change,
statement and source health change in commit order.

## Errors
Errors are `application/problem+json` (RFC 9457): `type`, `title`, `status`, `detail`,
`instance`, a machine-readable `code`, and for invalid input `errors`, each with a `detail` and
a `pointer` (into the body), `parameter` (query) or `header`. Problem types of our own are URNs:
`urn:claimtrack:problem:invalid-request`, `…:verdict-conflict`, `…:precondition-required`,
`…:precondition-failed`, `…:no-url`; the others are `about:blank` with the HTTP status as title.

## Limits
Requests are throttled per token (or user), and per address for anonymous readers: over the
limit the answer is 429 with `Retry-After`. Request bodies are JSON of at most 1 MB (413).
"""

TAGS = [
    {"name": "topics", "description": "Story threads, their timelines and numeric estimates."},
    {"name": "claims", "description": "Checkable propositions, their verdicts and timelines."},
    {"name": "statements", "description": "Positions actors take on claims, in sources."},
    {"name": "actors", "description": "People and organisations that make statements."},
    {"name": "sources", "description": "Documents, their citations, snapshots and health."},
    {"name": "review flags", "description": "The editors' review queue."},
    {"name": "changes", "description": "The changes feed, for mirrors and notifications."},
]

PROBLEM = {
    "type": "object",
    "description": "An error, as RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string", "description": "URI of the problem type."},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What went wrong, for a person."},
        "instance": {"type": "string", "nullable": True, "description": "The request path."},
        "code": {"type": "string", "description": "What went wrong, for a program."},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["detail"],
                "properties": {
                    "detail": {"type": "string"},
                    "pointer": {"type": "string", "description": "JSON Pointer into the body."},
                    "parameter": {"type": "string", "description": "The query parameter."},
                    "header": {"type": "string", "description": "The request header."},
                },
            },
        },
    },
    "additionalProperties": True,
    "example": {
        "type": "urn:claimtrack:problem:invalid-request",
        "title": "Bad Request",
        "status": 400,
        "detail": "The request body is not valid.",
        "instance": "/api/v1/claims/3f2a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b/verdict/",
        "code": "required",
        "errors": [{"pointer": "#/rationale", "detail": "This field is required."}],
    },
}

ERRORS = {
    "400": "Invalid input: see `errors`.",
    "401": "No valid credentials: send a token (`Authorization: Token <key>`) or log in.",
    "403": "Your role or your token's scope does not allow this.",
    "404": "No such resource.",
    "406": "Only JSON is served: accept application/json.",
    "412": "A precondition (If-Match) failed.",
    "413": "The request body is too large.",
    "415": "Send JSON (Content-Type: application/json).",
    "428": "This request needs If-Match.",
    "429": "Too many requests: wait as long as Retry-After says.",
}
VALIDATORS = {
    "ETag": {"description": "Send as If-None-Match to poll cheaply.", "schema": {"type": "string"}},
    "Last-Modified": {
        "description": "Send as If-Modified-Since to poll cheaply.",
        "schema": {"type": "string"},
    },
}
METHODS = {"get", "put", "post", "patch", "delete", "head", "options", "trace"}
WRITES = {"post", "put", "patch"}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def document_errors(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular postprocessing hook: the introduction, the Problem schema, and the
    error responses, validators and rate-limit headers of every operation."""
    result["info"]["description"] = INTRODUCTION.strip()
    result["tags"] = TAGS
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            codes = ["401", "403", "406", "429"]
            has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
            if has_query or "requestBody" in operation or method in WRITES:
                codes.append("400")
            if "{" in path:
                codes.append("404")
            if method in WRITES:
                codes += ["413", "415"]
            for code in codes:
                responses.setdefault(code, _problem(ERRORS[code]))
            for code, response in responses.items():
                # Error responses documented on a view with a description only get the body.
                if code[0] in "45" and "content" not in response:
                    response.update(_problem(response.get("description") or ERRORS[code]))
            responses["429"].setdefault("headers", {})["Retry-After"] = {
                "description": "Seconds to wait before the next request.",
                "schema": {"type": "integer"},
            }
            responses["401"].setdefault("headers", {})["WWW-Authenticate"] = {
                "description": 'The scheme to authenticate with: `Token realm="ClaimTrack API"`.',
                "schema": {"type": "string"},
            }
            if method == "get" and "200" in responses:
                responses["200"].setdefault("headers", {}).update(VALIDATORS)
                responses.setdefault(
                    "304",
                    {"description": "Not modified: your copy is current.", "headers": VALIDATORS},
                )
    return result


# What django-filter's form field of each filter class accepts, whatever the filter's method.
FILTER_TYPES = {
    django_filters.BooleanFilter: OpenApiTypes.BOOL,
    django_filters.UUIDFilter: OpenApiTypes.UUID,
    django_filters.DateFilter: OpenApiTypes.DATE,
    django_filters.IsoDateTimeFilter: OpenApiTypes.DATETIME,
}


NO_NUL = "^[^\\u0000]*$"


class FilterParameters(DjangoFilterExtension):
    """The query parameters of our FilterSets, as the filters accept them.

    drf-spectacular types a filter with a `method` by the hint of the method's value (`bool |
    None`, `object`), and a hint it cannot map becomes a string; but django-filter converts the
    value with the filter's form field before the method sees it, so the filter's class says
    what the parameter is. A filter's max_length becomes the parameter's maxLength, and text
    excludes NUL, which api.views refuses in any query parameter (PostgreSQL text cannot hold
    it).
    """

    target_class = "api.views.FilterBackend"
    priority = 1  # over drf-spectacular's own extension, which matches every DjangoFilterBackend

    def resolve_filter_field(
        self,
        auto_schema: Any,
        model: Any,
        filterset_class: Any,
        field_name: str,
        filter_field: django_filters.Filter,
    ) -> list[dict[str, Any]]:
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            if filter_field.method is not None:
                for filter_class, openapi_type in FILTER_TYPES.items():
                    if isinstance(filter_field, filter_class):
                        parameter["schema"] = build_basic_type(openapi_type)
            schema = parameter["schema"]
            if (max_length := filter_field.extra.get("max_length")) is not None:
                schema["maxLength"] = max_length
            if schema.get("type") == "string" and "format" not in schema and "enum" not in schema:
                schema["pattern"] = NO_NUL
        return parameters


# Some text, without NUL. drf-spectacular offers the empty string beside it where a field may
# be blank: the two must not overlap, as they are alternatives of a oneOf.
SOME_TEXT = "^[^\\u0000]+$"
# Something besides whitespace, and no NUL.
NOT_BLANK = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


class RequestText(OpenApiSerializerFieldExtension):
    """Text in a request body as DRF's CharField takes it: never with NUL, which every CharField
    refuses (ProhibitNullCharactersValidator), and where it may not be blank, with something
    besides whitespace, which the field trims away before it checks."""

    target_class = "rest_framework.fields.CharField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = auto_schema._map_serializer_field(
            self.target, direction, bypass_extensions=True
        )
        constrained = {"format", "enum", "pattern"} & schema.keys()
        if direction == "request" and schema.get("type") == "string" and not constrained:
            trimmed = self.target.trim_whitespace and not self.target.allow_blank
            schema["pattern"] = NOT_BLANK if trimmed else SOME_TEXT
        return schema
