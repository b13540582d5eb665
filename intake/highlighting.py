"""An article's text cut into segments, each marked with the suggestions that cover it, so the
review page can render <mark> elements at the suggestions' offsets (nested spans included)."""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise


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
