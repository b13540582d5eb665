"""Reporting words found through their lemma (grammar.py), beside those the word lists of
stance.py spell out: a reporting verb in any tense or person, and German separable verbs whose
particle ends the clause ("wies … darauf hin", "räumte … ein") or is fused on ("eingeräumt",
"hingewiesen"), and English ones the lists miss ("disclosed").

Each becomes an `Anchor` like those of stance.py, with the stance of its verb class; negation is
read the same way.
"""

from __future__ import annotations

import functools

from . import grammar
from . import lexicon as lx
from .article import Item
from .stance import Anchor, anchors, stance_of
from .word_classes import is_function_word


def find_anchors(items: list[Item], language: str) -> list[Anchor]:
    """The reporting words of a sentence in text order: those of the word lists, then those
    known by lemma where the lists found none."""
    found = anchors(items, language)
    taken = {a.verb for a in found} | {a.pos for a in found}
    extra = []
    for i, item in enumerate(items):
        if i in taken or not item.word:
            continue
        if (
            item.low == "angaben"
            and i >= 2
            and items[i - 1].low in lx.POSSESSIVES
            and items[i - 2].low == "nach"
        ):
            extra.append(Anchor(i, i, "asserts", "according"))  # nach ihren Angaben
            continue
        if (item.cap and i > 0) or len(item.low) < 3 or is_function_word(item.low):
            continue  # a capitalised word past the first is a noun (die Erklärung, Said)
        if _listed(item.low, language) or not _may_report(item.low, language):
            continue  # the lists decided ("denied a request" is a ruling), or no reporting verb
        anchor = _german(items, i) if language == "de" else _english(items, i)
        if anchor is not None:
            extra.append(anchor)
    if not extra:
        return found
    return sorted(found + extra, key=lambda a: a.verb)


@functools.lru_cache(maxsize=65536)
def _may_report(low: str, language: str) -> bool:
    """Whether the word is a form of a reporting verb, alone or with a separable particle or
    a companion: one cached answer per word form, so most words of an article cost a lookup."""
    if language == "en":
        found = grammar.analyse(low, "en")
        return found is not None and (
            found.lemma in lx.REPORTING_LEMMAS_EN or found.lemma in lx.REPORTING_WITH_EN
        )
    verb = grammar.german_verb(low)
    if verb is None:
        return False
    lemma = verb[0]
    return (
        lemma in lx.REPORTING_LEMMAS_DE
        or lemma in lx.REPORTING_WITH_DE
        or lemma in _SEPARATED_BASES
    )


# Lemmas that with a particle in front are reporting verbs (weisen → hinweisen).
_SEPARATED_BASES = frozenset(
    lemma[len(particle) :]
    for lemma in (*lx.REPORTING_LEMMAS_DE, *lx.REPORTING_WITH_DE)
    for particle in grammar.SEPARABLE_PARTICLES
    if lemma.startswith(particle) and len(lemma) > len(particle) + 3
)


def _listed(low: str, language: str) -> bool:
    """Whether stance.py's word lists speak for the word (and so found it, or refused it):
    all but the German finite verbs whose particle makes the verb ("wies … zurück" is listed,
    "wies … darauf hin" is left to the lemma)."""
    if language == "en":
        return low in lx.ENGLISH_VERBS
    if low in lx.GERMAN_PARTICIPLES or low in lx.GERMAN_INFINITIVES:
        return True
    return low in lx.GERMAN_FINITE and lx.GERMAN_FINITE[low][1] is None


def _german(items: list[Item], i: int) -> Anchor | None:
    verb = grammar.german_verb(items[i].low)
    if verb is None:
        return None
    lemma, finite = verb
    start, end = _clause(items, i)
    if not finite and items[i].low == lemma:
        # The infinitive is also the plural present: "Ökonomen befürchten …" has no
        # auxiliary or modal before it, "… wollen das bestätigen" has.
        finite = not any(it.low in lx.GERMAN_AUXILIARIES for it in items[start:i])
    if finite:
        # The separable particle that ends the clause: "wies … darauf hin," → hinweisen.
        last = end - 1
        if last > i and items[last].word and items[last].low in grammar.SEPARABLE_PARTICLES:
            lemma = items[last].low + lemma
        verb_class = _german_class(lemma, items[i:end])
        if verb_class is None:
            return None
        negated = any(items[j].low in lx.NEGATIONS for j in range(i + 1, end))
        return Anchor(i, i, stance_of(verb_class, negated=negated))
    verb_class = _german_class(lemma, items[start:i])
    if verb_class is None:
        return None
    # A participle or infinitive: its auxiliary carries the subject (hat … eingeräumt).
    for j in range(i - 1, start - 1, -1):
        if items[j].low in ("wurde", "wurden", "worden"):
            return None  # passive: names no speaker
        if items[j].low in lx.GERMAN_AUXILIARIES:
            negated = any(items[k].low in lx.NEGATIONS for k in range(j, i))
            return Anchor(j, i, stance_of(verb_class, negated=negated))
    return None


def _german_class(lemma: str, clause: list[Item]) -> str | None:
    companion = lx.REPORTING_WITH_DE.get(lemma)
    if companion is not None and any(it.low == companion for it in clause):
        return lx.SAY
    return lx.REPORTING_LEMMAS_DE.get(lemma)


def _english(items: list[Item], i: int) -> Anchor | None:
    found = grammar.analyse(items[i].low, "en")
    if found is None or not found.pos.startswith("VV") or found.pos == "VVG":
        return None
    verb_class = lx.REPORTING_LEMMAS_EN.get(found.lemma)
    companion = lx.REPORTING_WITH_EN.get(found.lemma)
    if companion is not None and i + 1 < len(items) and items[i + 1].low == companion:
        verb_class = lx.SAY
    if verb_class is None:
        return None
    before = items[i - 1] if i else None
    if (
        before is not None
        and before.word
        and (before.low in lx.DETERMINERS or before.text[0].isdigit())
    ):
        return None  # "the disclosed figures": an adjective
    pos, negated = i, False
    j = i - 1
    while j >= 0 and i - j <= 4 and items[j].word:
        word = items[j].low
        if word in ("was", "were", "is", "are", "be", "been", "being"):
            return None  # passive
        if word in lx.ENGLISH_AUXILIARIES or word.endswith("n't"):
            pos = j
        elif word not in lx.NEGATIONS:
            break
        negated = negated or word in lx.NEGATIONS or word.endswith("n't")
        j -= 1
    if found.pos == "VVI" and pos == i:
        return None  # a bare infinitive without its auxiliary
    return Anchor(pos, i, stance_of(verb_class, negated=negated))


# How far a clause is searched for a particle or an auxiliary: bounded, so that a long
# sentence without commas stays linear.
_CLAUSE_REACH = 40


def _clause(items: list[Item], i: int) -> tuple[int, int]:
    start = i
    while start > max(0, i - _CLAUSE_REACH) and not _breaks(items[start - 1]):
        start -= 1
    end = i + 1
    while end < min(len(items), i + _CLAUSE_REACH) and not _breaks(items[end]):
        end += 1
    return start, end


def _breaks(item: Item) -> bool:
    return item.text in ",;:.!?" or item.quote is not None
