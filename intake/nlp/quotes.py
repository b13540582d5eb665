"""Direct quotes: where they are, which are quotations rather than scare quotes, and the words a
quote suggestion covers."""

from __future__ import annotations

from dataclasses import dataclass

from .segmentation import OPENING_QUOTES, SUBTOKEN, paragraphs

# A quoted phrase shorter than this is a term the reporter holds at arm's length ("haltlose
# Gerüchte"); the statement of its sentence covers it.
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # after the closing mark
    inner_start: int
    inner_end: int


def find_quotes(text: str) -> list[Quote]:
    """Direct quotes: „…“ »…« «…» “…” "…"; a quote left open runs to the end of its paragraph."""
    quotes: list[Quote] = []
    for para_start, para_end in paragraphs(text):
        opener: str | None = None
        open_at = 0
        for i in range(para_start, para_end):
            char = text[i]
            if opener is None:
                if char in OPENING_QUOTES and _opens_quote(text, i):
                    opener, open_at = char, i
            elif char in OPENING_QUOTES[opener]:
                if i > open_at + 1:
                    quotes.append(Quote(open_at, i + 1, open_at + 1, i))
                opener = None
        if opener is not None and para_end > open_at + 1:
            quotes.append(Quote(open_at, para_end, open_at + 1, para_end))
    return quotes


def _opens_quote(text: str, i: int) -> bool:
    # A straight quote opens only at the start of a word ("…" rather than 12" pipe).
    if text[i] != '"':
        return True
    return i + 1 < len(text) and not text[i + 1].isspace() and (i == 0 or not text[i - 1].isalnum())


def is_quotation(text: str, quote: Quote) -> bool:
    """Whether the quote holds someone's words rather than a term held at arm's length."""
    return len(SUBTOKEN.findall(text[quote.inner_start : quote.inner_end])) >= MIN_QUOTE_WORDS


def quoted_words(text: str, quote: Quote) -> tuple[int, int]:
    """(start, end) of the words inside the marks, without the blanks and the comma before
    the closing mark („Wir beraten uns,“ sagte …)."""
    start, end = quote.inner_start, quote.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end
