"""On which day a statement was made: the date said next to its reporting verb. (Dates a
paragraph established earlier are carried by the Discourse.)"""

from __future__ import annotations

from datetime import date

from .article import Article, Item
from .cast import Speaker
from .segmentation import Sentence
from .stance import Anchor

# How close (in tokens) a date must follow the reporting verb to date the statement.
DATE_WINDOW = 10


def statement_date(
    article: Article, items: list[Item], anchor: Anchor, speaker: Speaker
) -> date | None:
    """The date said near the reporting verb: its clause before it, a few words after it (or
    after a speaker named after it), or an opening "On Monday,"."""
    lo = anchor.pos
    while lo > 0 and items[lo - 1].quote is None and items[lo - 1].text not in ",;:":
        lo -= 1
    region = [(items[lo].start, items[max(anchor.pos, anchor.verb)].start)]
    after = max(anchor.verb, anchor.pos) + 1
    if speaker.end > (items[after].start if after < len(items) else 0):
        while after < len(items) and items[after].start < speaker.end:
            after += 1
        if after < len(items) and items[after].text == ",":
            after += 1
    stop = after
    while stop < len(items) and stop - after < DATE_WINDOW:
        item = items[stop]
        if item.quote is not None or item.text in ",;:." or item.low in ("dass", "that", "ob"):
            break
        stop += 1
    if stop > after:
        region.append((items[after].start, items[stop - 1].end))
    commas = [k for k, it in enumerate(items) if it.text == ","]
    if commas and commas[0] <= 4 and commas[0] < anchor.pos:
        region.append((items[0].start, items[commas[0]].start))
    anchor_at = items[anchor.verb].start
    best: tuple[int, date] | None = None
    for mention in article.dates:
        if mention.resolved is None:
            continue
        if any(lo_ <= mention.start and mention.end <= hi_ for lo_, hi_ in region):
            gap = abs(mention.start - anchor_at)
            if best is None or gap < best[0]:
                best = (gap, mention.resolved)
    return best[1] if best else None


def dates_in(article: Article, sentence: Sentence) -> list[date]:
    """Resolved dates in the sentence outside its quotes, in text order."""
    return [
        mention.resolved
        for mention in article.dates
        if mention.resolved is not None
        and sentence.start <= mention.start < sentence.end
        and not any(q.start <= mention.start < q.end for q in article.quotes)
    ]
