"""A body over CLAIMTRACK_API_MAX_BODY_BYTES is refused before anything reads it.

LimitedJSONParser enforces the same limit, but only once DRF parses the body; before that,
Django refuses a body past DATA_UPLOAD_MAX_MEMORY_SIZE with an HTML 400 as soon as anything
(the CSRF check of a form post, request.body) reads it. The API answers problem+json 413
instead, from the declared Content-Length; a body sent without one is cut off by the parser.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .problems import PayloadTooLarge, problem_response

API_PATH_PREFIX = "/api/"


def body_limit_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PATH_PREFIX):
            limit: int = settings.CLAIMTRACK_API_MAX_BODY_BYTES
            declared = request.META.get("CONTENT_LENGTH") or ""
            if declared.isascii() and declared.isdigit() and int(declared) > limit:
                too_large = PayloadTooLarge(limit)
                return problem_response(
                    request,
                    status_code=too_large.status_code,
                    detail=str(too_large.detail),
                    code=too_large.default_code,
                    extensions=too_large.extensions,
                )
        return get_response(request)

    return middleware
