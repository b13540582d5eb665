"""On which day a statement was made: the date said next to its reporting verb, or, for a
speaker going on ("Wood sagte weiter", "fuhr … fort", "she added", "he went on"), the day of
the occasion they spoke at before. (Dates a paragraph established earlier are carried by the
Discourse.)

A date of another clause never dates the statement: not the reported clause's ("said the strike
on Tuesday was illegal", ", der am Dienstag begann"), nor an opening subordinate clause's
("Als die Züge am Dienstag stillstanden, erklärte …").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from . import lexicon as lx
from .article import Article, Item
from .cast import Speaker
from .discourse import Discourse
from .segmentation import Sentence
from .stance import Anchor

# How close (in tokens) a date must follow the reporting verb to date the statement.
DATE_WINDOW = 10


@dataclass
class Occasions:
    """The day the text last said each speaker spoke on, beside their own words ("told
    reporters Sunday"): later statements of theirs that name no day were made there too."""

    by_speaker: dict[str, date] = field(default_factory=dict)


def statement_date(
    article: Article,
    items: list[Item],
    anchor: Anchor,
    speaker: Speaker,
    discourse: Discourse | None = None,
    occasions: Occasions | None = None,
) -> date | None:
    """The date said near the reporting verb (see `said_date`); else, when the speaker goes on
    speaking, the date of their statement before (in any paragraph); else the day of the
    speaker's last occasion the text named."""
    found = said_date(article, items, anchor, speaker)
    key = speaker.entity.key if speaker.entity is not None else None
    if found is not None:
        if occasions is not None and key is not None:
            occasions.by_speaker[key] = found
        return found
    if discourse is not None and continues(items, anchor):
        found = _occasion_date(article, items, speaker, discourse)
    if found is None and occasions is not None and key is not None:
        found = occasions.by_speaker.get(key)
    return found


def continues(items: list[Item], anchor: Anchor) -> bool:
    """Whether the reporting words say the speaker goes on: sagte weiter, fuhr fort, fügte
    hinzu, ergänzte, added, continued, went on (to say)."""
    verb = items[anchor.verb].low
    if verb in lx.CONTINUING_VERBS:
        return True
    near = items[max(0, anchor.pos - 2) : anchor.verb + 3]
    return any(it.quote is None and it.low in lx.CONTINUING_WORDS for it in near)


def _occasion_date(
    article: Article, items: list[Item], speaker: Speaker, discourse: Discourse
) -> date | None:
    """The day the same speaker last spoke on: by their entity, in this paragraph or the
    nearest before; else the last turn's when it is theirs (a pronoun, or their surname)."""
    starts = [s.start for s in article.sentences]
    index = bisect.bisect_right(starts, items[0].start) - 1 if items else -1
    paragraph = article.sentences[index].paragraph if index >= 0 else 0
    entity = speaker.entity
    if entity is not None:
        dated = [
            (p, said_on)
            for (p, key), said_on in discourse.said_by.items()
            if key == entity.key and said_on is not None and p <= paragraph
        ]
        if dated:
            return max(dated, key=lambda pair: pair[0])[1]
    turn = discourse.last_turn
    if turn is None or turn.said_on is None:
        return None
    if not speaker.named or _same_name(speaker.text, turn.speaker.as_written):
        return turn.said_on
    return None


def _same_name(said: str, before: str) -> bool:
    """ "Lutz" goes on for "Bahnchef Richard Lutz": the last word names the same person."""
    words, previous = said.split(), before.split()
    return bool(words and previous) and words[-1].casefold() == previous[-1].casefold()


def said_date(article: Article, items: list[Item], anchor: Anchor, speaker: Speaker) -> date | None:
    """The date said near the reporting verb: its clause before it, a few words after it (or
    after a speaker named after it) that are no clause of their own, or an opening "On
    Monday,"."""
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
    if article.language == "en" and not _dates_the_verb(article, items, anchor, after):
        after = len(items)  # "said the strike on Tuesday was illegal": the clause's date
    stop = after
    while stop < len(items) and stop - after < DATE_WINDOW:
        item = items[stop]
        if item.quote is not None or item.text in ",;:." or item.low in ("dass", "that", "ob"):
            break
        stop += 1
    if stop > after:
        region.append((items[after].start, items[stop - 1].end))
    commas = [k for k, it in enumerate(items) if it.text == ","]
    if (
        commas
        and commas[0] <= 4
        and commas[0] < anchor.pos
        and items[0].low not in lx.SUBORDINATORS_OF_TIME
    ):
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


def _dates_the_verb(article: Article, items: list[Item], anchor: Anchor, after: int) -> bool:
    """Whether the words after an English reporting verb may date it: they open with a date
    ("said Monday"), a preposition ("said in a statement on Saturday", "on Monday"), an adverb
    of time ("said late on Monday"), or, after "told", its object first ("told reporters on
    Monday"). A subject opens the reported clause, whose dates are its own."""
    starts = {m.start for m in article.dates}

    def opens_date(k: int) -> bool:
        return items[k].start in starts or items[k].low in lx.PREPOSITIONS

    k = after
    if items[anchor.verb].low in ("told", "tells", "tell"):
        # Its object first: "told reporters", "told a news conference near the mine".
        while k < len(items) and k - after < 4 and items[k].word and not opens_date(k):
            k += 1
    if k >= len(items):
        return True
    return opens_date(k) or items[k].low in lx.ADVERBS_OF_TIME


def dates_in(article: Article, sentence: Sentence) -> list[date]:
    """Resolved dates in the sentence outside its quotes, in text order."""
    return [
        mention.resolved
        for mention in article.dates
        if mention.resolved is not None
        and sentence.start <= mention.start < sentence.end
        and not any(q.start <= mention.start < q.end for q in article.quotes)
    ]
