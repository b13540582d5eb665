"""The phrases that say whom an article relies on, and where in them the relied-on party is
named: right after the cue ("according to Yonhap", "laut der Hafenbehörde", "citing …",
"unter Berufung auf …", "nach Angaben des …"), left of it ("Yonhap zufolge"), or as the subject
of a verb of reporting ("Yonhap reported", "as reported by …", "wie die Agentur Yonhap
berichtete", "KCNA hatte berichtet"). Who the party is, and whether it is cited at all, is
citations.py's to decide.

Phrases are walked a few words at most, so a run-on sentence is never walked whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from . import lexicon as lx
from .article import Item
from .word_classes import adjective_like, is_function_word

MAX_PHRASE = 10  # words of a party's phrase
MAX_QUOTED_NAME = 40  # characters, marks included
_BREAKS = ",;:"
_BERUFEN = ("beruft", "berufen", "berief", "beriefen")  # … sich auf


@dataclass(frozen=True)
class Cue:
    first: int  # items of the whole phrase, for its evidence span
    last: int
    lo: int  # items naming the party
    hi: int
    reporter: bool = False  # the party is the subject of a verb of reporting


def cues(items: list[Item], language: str) -> Iterator[Cue]:
    for i, item in enumerate(items):
        if not item.word:
            continue
        low = item.low
        following = items[i + 1] if i + 1 < len(items) else None
        after = following.low if following is not None else ""
        if language == "en":
            if low == "according" and after == "to":
                yield from _party_after(items, i, i + 2, language)
            elif low in lx.CITING_WORDS:
                yield from _party_after(items, i, i + 1, language)
            elif low in lx.REPORTING_VERBS_EN:
                yield from _english_reporter(items, i)
            continue
        before = items[i - 1].low if i else ""
        if low == "laut" and following is not None and following.word:
            if following.cap or after in lx.DETERMINERS:
                yield from _party_after(items, i, i + 1, language)
        elif low == "angaben" and before == "nach":
            yield from _party_after(items, i - 1, i + 1, language)
        elif low == "berufung" and before in ("unter", "mit") and after == "auf":
            yield from _party_after(items, i - 1, i + 2, language)
        elif low == "auf" and before == "sich" and i >= 2 and items[i - 2].low in _BERUFEN:
            yield from _party_after(items, i - 2, i + 1, language)  # berief sich auf
        elif low in lx.CITING_WORDS:
            # "PAP zitierte den Grenzschutz": the quoting outlet, and the one it quotes.
            yield from _german_reporter(items, i)
            yield from _party_after(items, i, i + 1, language)
        elif low == "zufolge":
            lo = phrase_before(items, i, language)
            if lo < i:
                yield Cue(lo, i, lo, i)
        elif low in lx.REPORTING_VERBS_DE:
            yield from _german_reporter(items, i)


def _party_after(items: list[Item], first: int, lo: int, language: str) -> Iterator[Cue]:
    if lo < len(items) and items[lo].low in ("von", "vom", "aus"):
        lo += 1  # nach Angaben von …
    hi = phrase_after(items, lo, language)
    if hi > lo:
        yield Cue(first, hi - 1, lo, hi)


def _english_reporter(items: list[Item], verb: int) -> Iterator[Cue]:
    following = items[verb + 1] if verb + 1 < len(items) else None
    if following is not None and following.low == "by":  # as reported by, first reported by
        first = verb - 1 if verb and items[verb - 1].low == "as" else verb
        hi = phrase_after(items, verb + 2, "en")
        if hi > verb + 2:
            yield Cue(first, hi - 1, verb + 2, hi, reporter=True)
        return
    j = verb - 1
    while j >= 0 and items[j].word and items[j].low in lx.REPORTER_ADVERBS and verb - j < 4:
        j -= 1
    j = _before_aside(items, j)
    if j >= 0 and items[j].word and items[j].low in ("was", "were", "is", "are", "be", "been"):
        return  # passive, and no "by": nobody named
    if j >= 0 and items[j].word and items[j].low in lx.DETERMINERS:
        return  # "the reported attack": an adjective
    lo = phrase_before(items, j + 1, "en")
    if lo <= j:
        yield Cue(lo, verb, lo, j + 1, reporter=True)
    elif j < 0 or not items[j].word:  # "…," reported Yonhap.
        hi = phrase_after(items, verb + 1, "en")
        if hi > verb + 1:
            yield Cue(verb, hi - 1, verb + 1, hi, reporter=True)


def _before_aside(items: list[Item], j: int) -> int:
    """Step back over an aside that names the reporter's own sources: "The Financial Times,
    citing three people familiar with the matter, reported …"."""
    if j < 1 or items[j].text != ",":
        return j
    k = j - 1
    while k > 0 and j - k < 15 and items[k].text != ",":
        k -= 1
    opens = items[k + 1].low if k + 1 < j else ""
    if items[k].text == "," and (opens in lx.CITING_WORDS or opens == "according"):
        return k - 1
    return j


def _german_reporter(items: list[Item], verb: int) -> Iterator[Cue]:
    start = verb
    while start > 0 and verb - start < 15:
        previous = items[start - 1]
        if (previous.quote is not None and not _quoted_name(previous)) or previous.text in _BREAKS:
            break
        start -= 1
    if items[start].low in lx.SUBORDINATORS_DE:  # wie die Agentur Yonhap berichtete
        hi = phrase_after(items, start + 1, "de")
        if hi > start + 1:
            yield Cue(start, verb, start + 1, hi, reporter=True)
        return
    finite = verb
    if items[verb].low in lx.REPORTING_PARTICIPLES_DE:
        auxiliaries = [k for k in range(start, verb) if items[k].low in lx.GERMAN_AUXILIARIES]
        if auxiliaries:
            finite = auxiliaries[0]
            if items[finite].low in ("wurde", "wurden", "worden", "ist", "sind", "war"):
                return  # "Es wurde berichtet": passive, nobody named
        elif items[verb].low != "berichtet":
            return
    if finite > start:
        # The subject opens the clause (KCNA hatte berichtet), or an adverbial does and the
        # subject follows the verb (Am Samstag hatte KCNA berichtet).
        hi = phrase_after(items, start, "de")
        if hi == finite:
            yield Cue(start, verb, start, hi, reporter=True)
            return
    hi = phrase_after(items, finite + 1, "de")
    if hi > finite + 1:
        yield Cue(min(finite, verb), max(verb, hi - 1), finite + 1, hi, reporter=True)


def phrase_after(items: list[Item], lo: int, language: str) -> int:
    """End of the noun phrase starting at items[lo]: articles, adjectives and names, a name in
    apposition, and an author or genitive after "of", "by", "des", "der"."""
    j, head = lo, False
    while j < len(items) and j - lo < MAX_PHRASE:
        item = items[j]
        if _quoted_name(item):
            return j + 1  # die „Frankfurter Rundschau“, der Zeitung „Kommersant“
        if not item.word:
            break
        low = item.low
        nxt = items[j + 1] if j + 1 < len(items) else None
        if head and low in lx.AUTHOR_LINKS:
            if nxt is None or not nxt.word or not (nxt.cap or nxt.low in lx.DETERMINERS):
                break
            j, head = j + 1, False
            continue
        if low in lx.DETERMINERS:
            if head:
                break
            j += 1
            continue
        if item.cap and not is_function_word(low):
            j, head = j + 1, True
            continue
        if low in lx.DOCUMENT_NOUNS and language == "en":
            j, head = j + 1, True  # "NIS estimates": a noun here, not the verb
            continue
        if is_function_word(low) or low in lx.ENGLISH_VERBS or low[0].isdigit():
            break
        if language == "de" and (head or not adjective_like(low)):
            break  # German adjectives come before the noun; a lower-case word after it is not ours
        if language == "en" and head and low.endswith(("ed", "ing")):
            break  # according to NIS estimates released on …
        j, head = j + 1, head or language == "en"
    return j


def phrase_before(items: list[Item], end: int, language: str) -> int:
    """Start of the noun phrase ending before items[end]: "Yonhap zufolge", "the spy agency"."""
    j = end
    while j > 0 and end - j < MAX_PHRASE:
        item = items[j - 1]
        if j == end and _quoted_name(item):
            j -= 1  # des „Handelsblatts“ zufolge
            continue
        if not item.word:
            break
        low = item.low
        linked = j >= 2 and items[j - 2].word and items[j - 2].cap
        if low in ("of", "der", "des") and linked and j < end:
            j -= 1  # einem Bericht der Zeitung zufolge: the document and its author
            continue
        if low in lx.DETERMINERS:
            return j - 1  # the phrase's article opens it
        if item.cap and not is_function_word(low):
            j -= 1
            continue
        if is_function_word(low) or low in lx.ENGLISH_VERBS or low[0].isdigit():
            break
        if language == "de" and not adjective_like(low):
            break
        j -= 1
    return j


def _quoted_name(item: Item) -> bool:
    """A short quote in a phrase naming a source is its name: a newspaper's, a broadcast's.
    (citations.py checks that it reads as one.)"""
    return item.quote is not None and item.end - item.start <= MAX_QUOTED_NAME
