"""The one way a fetched page becomes text: intake stores it, the re-check hashes and diffs it.

Snapshot hashes depend on every step here (extraction options, normalisation, hashing), so a
change to any of them makes every stored snapshot look changed at its next check.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .fetching import FetchResult

DIFF_MAX_LINES = 80
DIFF_MAX_CHARS = 8_000


def extract_main_text(body: bytes, *, content_type: str, url: str = "") -> str | None:
    """The normalised main text of a page, or None when the body is not text at all.

    HTML goes through trafilatura, offline: it works on the body and fetches nothing.
    """
    media_type, _, parameters = content_type.partition(";")
    media_type = media_type.strip().lower()
    if media_type == "text/plain":
        charset = _charset(parameters) or "utf-8"
        try:
            return normalise_text(body.decode(charset, errors="replace"))
        except LookupError:
            return normalise_text(body.decode("utf-8", errors="replace"))
    if media_type and "html" not in media_type and "xml" not in media_type:
        return None
    import trafilatura  # here, not at the top: it costs web processes 0.2 s to start otherwise

    # Bytes, not a str decoded with the Content-Type charset: trafilatura takes valid UTF-8 as
    # it is and otherwise guesses from the bytes, and the stored snapshot hashes were made so.
    extracted = trafilatura.extract(
        body, url=url or None, include_comments=False, include_tables=True, deduplicate=False
    )
    return normalise_text(extracted or "")


def read_main_text(result: FetchResult) -> tuple[str, str]:
    """(normalised main text, SHA-256 hex digest) of a 2xx answer.

    A body with no text to extract (a PDF, an image) has empty text and is hashed as bytes, so
    a replaced file still counts as a change.
    """
    text = extract_main_text(result.body, content_type=result.content_type, url=result.final_url)
    if text is None:
        return "", hashlib.sha256(result.body).hexdigest()
    return text, content_hash(text)


def _charset(parameters: str) -> str:
    match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", parameters, re.IGNORECASE)
    return match.group(1) if match else ""


def normalise_text(text: str) -> str:
    """One paragraph a line, runs of white space as one space, no blank lines (NFC).

    Hashing this rather than the raw page keeps re-flowed markup, new ad slots and changed
    white space from counting as a change of the text.
    """
    text = unicodedata.normalize("NFC", text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def content_hash(text: str) -> str:
    """SHA-256 hex digest of text already in the form `normalise_text` gives."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_diff(before: str, after: str) -> str:
    """A unified diff of the text, one line of context, cut to a readable size."""
    lines = list(
        difflib.unified_diff(
            before.splitlines(), after.splitlines(), "before", "after", n=1, lineterm=""
        )
    )
    cut = len(lines) > DIFF_MAX_LINES
    diff = "\n".join(lines[:DIFF_MAX_LINES])
    if len(diff) > DIFF_MAX_CHARS:
        diff, cut = diff[:DIFF_MAX_CHARS], True
    return diff + ("\n… (diff cut)" if cut else "")


# Quote marks of the languages we track; straight ones too, so „…“ and "…" compare equal.
_QUOTE_MARKS = str.maketrans("", "", "„“”«»‚‘’‹›\"'")
_ELISION = re.compile(r"\s*(?:\[\s*\.\.\.\s*\]|\(\s*\.\.\.\s*\)|\.\.\.)\s*")


def normalise_for_quotes(text: str) -> str:
    """Text as quotes are compared: NFKC, no quote marks or soft hyphens, one space, casefolded."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").translate(_QUOTE_MARKS)
    return " ".join(text.split()).casefold()


def quote_is_present(quote: str, text: str) -> bool:
    """Whether a recorded quote still appears in `text`.

    White space, quote marks and case do not matter. An elision ("…", "[…]") in the quote
    matches any text in between, as long as the parts appear in order.
    """
    haystack = normalise_for_quotes(text)
    position = 0
    for part in _ELISION.split(normalise_for_quotes(quote)):
        part = part.strip()
        if not part:
            continue
        found = haystack.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True
