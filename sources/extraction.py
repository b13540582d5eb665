"""Main text out of fetched HTML, and the normal form in which texts are compared and hashed."""

import hashlib
import re
import unicodedata

import trafilatura

_QUOTE_MARKS = str.maketrans({c: '"' for c in "„“”«»‚‘’‹›\"'"})
_WHITESPACE = re.compile(r"\s+")


def extract_main_text(html: str | bytes, *, url: str = "") -> str:
    """The article's main text without navigation, ads and boilerplate ("" if none found).

    Runs offline: trafilatura works on the given HTML and fetches nothing.
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    text = trafilatura.extract(
        html, url=url or None, include_comments=False, include_tables=True, favor_precision=True
    )
    return (text or "").strip()


def normalise_for_comparison(text: str) -> str:
    """Case-, white-space- and quote-mark-insensitive form, to find a quote in a changed text."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    return _WHITESPACE.sub(" ", text).strip().casefold()


def content_hash(text: str) -> str:
    """SHA-256 of the text with white space normalised: reflowed lines are not a change."""
    normalised = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
