"""Text into the pieces the analysis reasons about: paragraphs, quotes, sentences, tokens, stems.

Offsets are always into the text as given, so every suggestion can point back at its words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import lexicon as lx

# --- Tokens, quotes, sentences ---------------------------------------------------------------

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


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # after the closing mark
    inner_start: int
    inner_end: int


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    headline: bool = False


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


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


def paragraphs(text: str) -> list[tuple[int, int]]:
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


def split_sentences(text: str, quotes: Sequence[Quote] | None = None) -> list[Sentence]:
    """Sentences with offsets; never splits inside a quote, after an abbreviation or in a date.

    A dateline (Hamburg (dpa) - …) is left out of the sentence it opens. A first paragraph
    without a full stop is the headline.
    """
    if quotes is None:
        quotes = find_quotes(text)
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


def _sentence_break(text: str, stop: int, cut: int, quotes: Sequence[Quote]) -> bool:
    following = text[cut]
    if not (following.isupper() or following.isdigit() or following in OPENING_QUOTES):
        return False
    if any(q.start < cut < q.end for q in quotes):
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


# --- Stems and noun classes --------------------------------------------------------------------


def stem(word: str) -> str:
    """A crude stem that makes inflected German and English forms of a name compare equal.

    südkoreanischen/südkoreanischer → südkoreanisch, Geheimdienstes → geheimdienst,
    Selenskyjs → selenskyj. Applied to both sides of a comparison, so it need not be a word.
    """
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s"):
        word = word[:-1]
    for suffix in ("ern", "en", "er", "em", "e", "n"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
