"""Request bodies: JSON only, and never bigger than CLAIMTRACK_API_MAX_BODY_BYTES."""

from collections.abc import Mapping
from io import BytesIO
from typing import IO, Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from .problems import PayloadTooLarge


class LimitedJSONParser(JSONParser):
    """DRF reads the body as a stream, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE check, so the
    limit is enforced here: by Content-Length first, and by what is actually read."""

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        limit = settings.CLAIMTRACK_API_MAX_BODY_BYTES
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(limit)
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise PayloadTooLarge(limit)
        try:
            return super().parse(BytesIO(body), media_type, parser_context)
        except RecursionError as exc:
            # json.loads recurses once per level: "[" * 50000 exhausts the stack.
            raise ParseError("JSON parse error - the document is nested too deeply.") from exc
