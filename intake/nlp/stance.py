"""Reporting words and the stance they carry: sagte, bestritt, konnte nicht bestätigen, warned,
according to. Each becomes an `Anchor`, the place in a sentence where its speaker is sought."""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon as lx
from .article import Item


@dataclass
class Anchor:
    pos: int  # item index where the subject is sought (the finite verb, auxiliary or modal)
    verb: int  # item index of the reporting word itself
    stance: str
    kind: str = "verb"  # verb, according, zufolge, so, hiess


def anchors(items: list[Item], language: str) -> list[Anchor]:
    """The reporting words of a sentence, in text order."""
    found = []
    clauses = _clauses(items) if language == "de" else []
    for i, item in enumerate(items):
        if not item.word:
            continue
        anchor = (
            _german_anchor(items, i, clauses[i]) if language == "de" else _english_anchor(items, i)
        )
        if anchor is not None:
            found.append(anchor)
    return found


def stance_of(verb_class: str, *, negated: bool) -> str:
    if verb_class == lx.CONFIRM and negated:
        return "cannot_confirm"
    return lx.STANCE_OF_CLASS[verb_class]


def _is_clause_break(item: Item) -> bool:
    return item.text in ",;:" or item.quote is not None


def _clauses(items: list[Item]) -> list[tuple[int, int]]:
    """(start, end) of the comma-free stretch of the sentence around each item, in one pass
    each way: walking the stretch from every word made a long sentence without commas
    quadratic (a 200,000-character one took minutes)."""
    starts = [0] * len(items)
    for i in range(1, len(items)):
        starts[i] = i if _is_clause_break(items[i - 1]) else starts[i - 1]
    ends = [len(items)] * len(items)
    for i in range(len(items) - 2, -1, -1):
        ends[i] = i + 1 if _is_clause_break(items[i + 1]) else ends[i + 1]
    return list(zip(starts, ends, strict=True))


def _german_anchor(items: list[Item], i: int, clause: tuple[int, int]) -> Anchor | None:
    low = items[i].low
    previous = items[i - 1].low if i else ""
    following = items[i + 1].low if i + 1 < len(items) else ""
    if low == "angaben" and previous == "nach":
        return Anchor(i, i, "asserts", "according")
    if low == "laut" and following and items[i + 1].word:
        return Anchor(i, i, "asserts", "according")
    if low == "zufolge":
        return Anchor(i, i, "asserts", "zufolge")
    if low in ("hieß", "heißt") and following == "es":
        return Anchor(i, i, "asserts", "hiess")
    if low == "so" and previous == "," and i >= 2 and items[i - 2].quote is not None:
        return Anchor(i, i, "asserts", "so")
    clause_start, clause_end = clause
    if low in lx.GERMAN_PARTICIPLES or low in lx.GERMAN_INFINITIVES:
        verb_class = lx.GERMAN_PARTICIPLES.get(low) or lx.GERMAN_INFINITIVES[low]
        for j in range(i - 1, clause_start - 1, -1):
            if low in lx.GERMAN_PARTICIPLES and items[j].low in ("wurde", "wurden", "worden"):
                return None  # passive: "Die Berichte wurden bestätigt" names no speaker
            if items[j].low in lx.GERMAN_AUXILIARIES:
                negated = any(items[k].low in lx.NEGATIONS for k in range(j, i))
                return Anchor(j, i, stance_of(verb_class, negated=negated))
        if i + 1 < len(items) and following in lx.GERMAN_AUXILIARIES:
            negated = any(items[k].low in lx.NEGATIONS for k in range(clause_start, i))
            # …, nachdem X gewarnt hatte
            return Anchor(i, i, stance_of(verb_class, negated=negated))
    if low in lx.GERMAN_FINITE:
        verb_class, particle = lx.GERMAN_FINITE[low]
        if particle and not any(
            items[j].low == particle and _clause_final(items, j) for j in range(i + 1, len(items))
        ):
            return None
        negated = any(items[j].low in lx.NEGATIONS for j in range(i + 1, clause_end))
        return Anchor(i, i, stance_of(verb_class, negated=negated))
    return None


def _clause_final(items: list[Item], j: int) -> bool:
    """A separable particle ends its clause: "teilte das Ministerium mit." (not "mit Blick")."""
    return j + 1 >= len(items) or items[j + 1].quote is not None or not items[j + 1].word


def _english_anchor(items: list[Item], i: int) -> Anchor | None:
    low = items[i].low
    following = items[i + 1].low if i + 1 < len(items) else ""
    if low == "according" and following == "to":
        return Anchor(i, i + 1, "asserts", "according")
    if low not in lx.ENGLISH_VERBS:
        return None
    if (
        i
        and items[i - 1].word
        and (
            items[i - 1].text[0].isdigit()
            or items[i - 1].low in lx.DETERMINERS
            or items[i - 1].low in lx.ENGLISH_NUMBER_WORDS
        )
    ):
        return None  # "124 confirmed cases", "the reported attack": an adjective
    verb_class = lx.ENGLISH_VERBS[low]
    pos, negated = i, False
    j = i - 1
    while j >= 0 and i - j <= 4 and items[j].word:
        word = items[j].low
        if word in ("was", "were", "is", "are", "be", "been", "being"):
            return None  # passive: "Passengers were urged …" names no speaker
        if word in lx.ENGLISH_AUXILIARIES or word.endswith("n't"):
            pos = j
        elif word in lx.NEGATIONS or word in ("to", "independently", "immediately", "yet"):
            pass
        else:
            break
        negated = negated or word in lx.NEGATIONS or word.endswith("n't")
        j -= 1
    if pos == i and low in ("confirm", "verify", "deny", "say"):
        # A bare infinitive needs its auxiliary (could not confirm, declined to confirm).
        if not (j >= 0 and items[j + 1].low in ("to",) and items[j].low in lx.NEGATIONS):
            return None
        pos = j
        negated = True
    if pos != i and items[pos].low in lx.NEGATIONS:
        negated = True
    return Anchor(pos, i, stance_of(verb_class, negated=negated))
