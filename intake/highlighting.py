"""An article's text cut into segments, each marked with the suggestions that cover it, so the
review page can render <mark> elements at the suggestions' offsets (nested spans included); and
the sentence a phrase stands in, to show a citation's evidence."""

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from .nlp.quotes import find_quotes
from .nlp.segmentation import split_sentences

EVIDENCE_CONTEXT = 300  # characters of the sentence shown either side of a phrase


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    anchor: str  # the id the suggestion's list entry links to


@dataclass(frozen=True)
class Segment:
    text: str
    kinds: tuple[str, ...]  # kinds of the suggestions covering it; empty: plain text
    anchors: tuple[str, ...]  # suggestions that start here

    @property
    def css_classes(self) -> str:
        return " ".join(f"hl-{kind}" for kind in self.kinds)


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    result = []
    for start, end in pairwise(cuts):
        covering = [s for s in spans if s.start <= start and end <= s.end]
        result.append(
            Segment(
                text=text[start:end],
                kinds=tuple(sorted({s.kind for s in covering})),
                anchors=tuple(s.anchor for s in spans if s.start == start),
            )
        )
    return result


@dataclass(frozen=True)
class Evidence:
    """A phrase in its sentence: before + phrase + after is the sentence."""

    before: str
    phrase: str
    after: str


def evidence(text: str, spans: Iterable[tuple[int, int]]) -> dict[tuple[int, int], Evidence]:
    """The sentence around each (start, end) of `text`, cut at the phrase; the text is split
    into sentences once, as the analysis split it."""
    sentences = split_sentences(text, find_quotes(text))
    starts = [sentence.start for sentence in sentences]
    found = {}
    for start, end in spans:
        if not 0 <= start < end <= len(text):
            continue
        i = bisect.bisect_right(starts, start) - 1
        lo, hi = (sentences[i].start, sentences[i].end) if i >= 0 else (start, end)
        lo, hi = min(lo, start), max(hi, end)  # a phrase is never cut by a sentence's end
        before, after = text[lo:start], text[end:hi]
        if len(before) > EVIDENCE_CONTEXT:  # a run-on "sentence" of a pasted table
            before = "…" + before[-EVIDENCE_CONTEXT:]
        if len(after) > EVIDENCE_CONTEXT:
            after = after[:EVIDENCE_CONTEXT] + "…"
        found[(start, end)] = Evidence(before, text[start:end], after)
    return found
