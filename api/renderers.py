"""Media types the API answers in besides plain JSON."""

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request

from .problems import invalid_parameters


class Prerendered(bytes):
    """A body already rendered (kept in the cache): the renderers below hand it out as it is."""


class PrerenderedJSONRenderer(JSONRenderer):
    """JSON, or the bytes of a Prerendered body."""

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if isinstance(data, Prerendered):
            return bytes(data)
        return super().render(data, accepted_media_type, renderer_context)


class JSONLDRenderer(JSONRenderer):
    """schema.org exports (ClaimReview) as application/ld+json, which aggregators expect."""

    media_type = "application/ld+json"
    format = "jsonld"


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): text
# from the news goes out with a leading apostrophe there, as OWASP advises.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CSVRenderer(BaseRenderer):
    """A table as text/csv (RFC 4180, UTF-8): the view hands over `{"header": [...],
    "rows": [[...], ...]}`; None is an empty cell. A download for spreadsheets, so the
    stdlib's csv module is enough: one row per line, nothing nested."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        if isinstance(data, Prerendered):
            return bytes(data)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(data["header"])
        writer.writerows([spreadsheet_cell(value) for value in row] for row in data["rows"])
        return out.getvalue().encode(self.charset)


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell: None empty, and text a spreadsheet would run as a formula escaped (also
    for the pages' downloads, claims.listing)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class FormatParameterNegotiation(DefaultContentNegotiation):
    """Accept, or `?format=` for a view that offers it (a download link cannot send Accept).

    The API negotiates with Accept alone (settings: URL_FORMAT_OVERRIDE is None); the views
    with a download (CSV) opt in with this class. An unknown format is a 400, not DRF's 404.
    """

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderers = list(renderers)
        if request.method == "OPTIONS":
            # What the endpoint takes is described in JSON, whatever it downloads as.
            json = next(renderer for renderer in renderers if renderer.format == "json")
            return json, json.media_type
        wanted = request.query_params.get("format")
        if wanted is None:
            return super().select_renderer(request, renderers, format_suffix)
        for renderer in renderers:
            if renderer.format == wanted:
                return renderer, renderer.media_type
        formats = ", ".join(str(renderer.format) for renderer in renderers)
        raise invalid_parameters({"format": f"Choose one of: {formats}."})
