"""Text into the pieces the analysis reasons about: paragraphs, datelines, sentences, tokens.

Offsets are always into the text as given, so every suggestion can point back at its words.
Quotes are found in quotes.py; sentences take them as given, since a sentence never ends inside
one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon as lx

if TYPE_CHECKING:
    from .quotes import Quote

_TOKEN = re.compile(r"\w+(?:[-‐‑'’]\w+)*|[^\w\s]")
SUBTOKEN = re.compile(r"\w+")
OPENING_QUOTES = {"„": '“”"', "»": "«", "«": "»", "“": "”", '"': '"'}
_TERMINAL = re.compile(r"[.!?]+[\"'»«“”)\]]*\s+")
DATELINE = re.compile(
    r"[^\n()]{1,80}?\((?:AFP|AP|dpa|DPA|Reuters|KNA|epd|APA|SDA|ANP|ANSA|EFE|"
    r"[A-Za-z][\w/.]{1,20}(?:/[\w.]+)*)\)\s*[-–—]\s*"
)


@dataclass
class Token:
    start: int
    end: int
    text: str
    quote: int | None = None  # index of the quote the token lies in

    @property
    def low(self) -> str:
        return self.text.casefold()

    @property
    def word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def cap(self) -> bool:
        return self.text[0].isupper()


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    headline: bool = False


def tokenize(text: str) -> list[Token]:
    """Words (with their hyphens and apostrophes) and single punctuation marks."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding blanks."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            spans.append((start, match.start() + len(match.group().rstrip())))
    return spans


def datelines(text: str) -> list[tuple[int, int]]:
    """Spans of datelines ("Hamburg (dpa) - ", with any dash) that open paragraphs."""
    spans = []
    for start, end in paragraphs(text):
        match = DATELINE.match(text, start, end)
        if match:
            spans.append((start, match.end()))
    return spans


def split_sentences(text: str, quotes: Sequence[Quote]) -> list[Sentence]:
    """Sentences with offsets; never splits inside one of `quotes`, after an abbreviation or in
    a date.

    A dateline (Hamburg (dpa) - …) is left out of the sentence it opens. A first paragraph
    without a full stop is the headline.
    """
    sentences: list[Sentence] = []
    for index, (para_start, para_end) in enumerate(paragraphs(text)):
        start = para_start
        dateline = DATELINE.match(text, para_start, para_end)
        if dateline:
            start = dateline.end()
        headline = index == 0 and text[para_end - 1] not in '.!?"“”»«'
        for match in _TERMINAL.finditer(text, start, para_end):
            cut = match.end()
            if cut >= para_end or not _sentence_break(text, match.start(), cut, quotes):
                continue
            sentences.append(Sentence(start, _rstrip(text, start, cut), index, headline))
            start = cut
        if start < para_end:
            sentences.append(Sentence(start, para_end, index, headline))
    return sentences


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _inside_quote(offset: int, quotes: Sequence[Quote]) -> bool:
    """Whether `offset` lies inside one of `quotes` (in text order, never overlapping): by
    bisection, as asking every quote made an article of 2,000 quotes quadratic."""
    index = bisect.bisect_left(quotes, offset, key=lambda q: q.start) - 1
    return index >= 0 and quotes[index].start < offset < quotes[index].end


def _sentence_break(text: str, stop: int, cut: int, quotes: Sequence[Quote]) -> bool:
    following = text[cut]
    if not (following.isupper() or following.isdigit() or following in OPENING_QUOTES):
        return False
    if _inside_quote(cut, quotes):
        return False
    if text[stop] == ".":
        word = re.search(r"(\S+)$", text[max(0, stop - 30) : stop])
        previous = word.group(1).lstrip("(\"'„“»«").casefold() if word else ""
        if previous in lx.ABBREVIATIONS or (len(previous) == 1 and previous.isalpha()):
            return False
        next_word = re.match(r"\w+", text[cut:])
        if previous.isdigit() and next_word and next_word.group().casefold() in lx.MONTHS_DE:
            return False  # am 21. Oktober
    return True
