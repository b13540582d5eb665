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
        if _narrates_de(items, i, clause_end):
            return None
        if particle and not any(
            items[j].low == particle and _clause_final(items, j) for j in range(i + 1, len(items))
        ):
            return None
        negated = any(items[j].low in lx.NEGATIONS for j in range(i + 1, clause_end))
        return Anchor(i, i, stance_of(verb_class, negated=negated))
    return None


def _narrates_de(items: list[Item], i: int, clause_end: int) -> bool:
    """A reporting verb that reports no speech here: "sagte alle Züge ab" (cancelled), "das
    Beben forderte zwölf Todesopfer" (claimed lives)."""
    low = items[i].low
    particle = lx.GERMAN_NOT_SPEECH_PARTICLES.get(low)
    if particle and any(
        items[j].low == particle and _clause_final(items, j) for j in range(i + 1, len(items))
    ):
        return True
    if lx.GERMAN_FINITE[low][0] == lx.DENY and any(
        items[j].low in lx.RULED_ON or items[j].low.endswith("antrag")
        for j in range(i + 1, min(clause_end, i + 5))
    ):
        return True  # "Das Gericht lehnte den Eilantrag ab": a ruling, not speech
    if low in lx.GERMAN_VERBS_OF_TOLL:
        # Its toll, not a count alone: "fordert für 12.000 Beschäftigte 3,5 Prozent" demands.
        return any(items[j].low in lx.TOLL_NOUNS for j in range(i + 1, clause_end))
    return False


def _narrates_en(items: list[Item], i: int) -> bool:
    """An English reporting verb that reports no speech here: "called a strike", "added 500
    jobs", "claimed 12 lives", "fighting continued on Monday"."""
    low = items[i].low
    following = items[i + 1] if i + 1 < len(items) else None
    after = following.low if following is not None else ""
    if low == "called" and after in ("a", "an", "off"):
        return True  # called a strike, an election; called off (but "called it a lie")
    if low in ("added", "claimed") and following is not None and following.word:
        if after[0].isdigit() or after in lx.ENGLISH_NUMBER_WORDS or after in lx.VAGUE_COUNTS:
            return True  # added 500 jobs, claimed 12 lives
        if low == "added" and after == "to":
            return True  # added to the pressure
        if (
            low == "claimed"
            and after in ("the", "lives")
            and any(it.low == "lives" for it in items[i + 1 : i + 4])
        ):
            return True  # claimed the lives of
    if low in ("denied", "rejected", "dismissed") and any(
        it.low in lx.RULED_ON for it in items[i + 1 : i + 5]
    ):
        return True  # "the judge denied a request to revoke bail": a ruling, not speech
    if low == "continued":
        # Speech goes on into a quote, a colon or comma, "that", or ends a sentence with a quote.
        if following is None or following.text in ".":
            return not any(it.quote is not None for it in items[:i])
        return not (following.quote is not None or after in (",", ":", "that", "to"))
    return False


def clause_stance(items: list[Item], chosen: Anchor, found: list[Anchor]) -> str:
    """The stance of what the speaker says, read from the reported clause and not only the
    reporting verb: "erklärte, man könne die Berichte nicht bestätigen" → cannot_confirm, "said
    it had rejected the claim" → denies. Another reporting word counts when its clause is the
    chosen one's reported clause and its subject a pronoun for the same speaker ("man", "es",
    "it", "she"); "said the union rejected the claim" stays the speaker's assertion."""
    if chosen.stance != "asserts":
        return chosen.stance
    for other in found:
        if other is chosen or other.stance == "asserts" or other.kind != "verb":
            continue
        if other.verb > chosen.verb and _reported_by_same(items, chosen.verb, other):
            return other.stance
        if other.verb < chosen.pos and _precedes_as_same(items, other, chosen):
            return other.stance
    return chosen.stance


def _reported_by_same(items: list[Item], verb: int, other: Anchor) -> bool:
    """Between the reporting verb and the other anchor: its clause opening with a pronoun
    ("said it could not", ", man könne", ", dass man … nicht bestätigen könne")."""
    k = verb + 1
    while k < len(items) and items[k].text == ",":
        k += 1
    if k < len(items) and items[k].low in ("dass", "that"):
        k += 1
    if k >= len(items) or items[k].low not in lx.SAME_SPEAKER_PRONOUNS or k >= other.verb:
        return False
    # Nothing between the pronoun and the other reporting word opens a clause of its own.
    return not any(
        items[j].text in ",;:" or items[j].quote is not None for j in range(k + 1, other.verb)
    )


def _precedes_as_same(items: list[Item], other: Anchor, chosen: Anchor) -> bool:
    """ "Man könne die Berichte nicht bestätigen, sagte ein Sprecher.": the other anchor's
    clause opens the sentence with a pronoun and ends at the comma before the reporting verb."""
    words = [j for j in range(other.pos) if items[j].word]
    if not words or items[words[0]].low not in lx.SAME_SPEAKER_PRONOUNS:
        return False
    commas = [j for j in range(other.verb, chosen.pos) if items[j].text == ","]
    return len(commas) == 1 and not any(items[j].text in ",;:" for j in range(words[0], other.verb))


def _clause_final(items: list[Item], j: int) -> bool:
    """A separable particle ends its clause: "teilte das Ministerium mit." (not "mit Blick")."""
    return j + 1 >= len(items) or items[j + 1].quote is not None or not items[j + 1].word


def _english_anchor(items: list[Item], i: int) -> Anchor | None:
    low = items[i].low
    following = items[i + 1].low if i + 1 < len(items) else ""
    if low == "according" and following == "to":
        return Anchor(i, i + 1, "asserts", "according")
    if low == "went" and following == "on":
        # "He went on to say that …" (the anchor is "say"), '"…," he went on.'
        beyond = items[i + 2] if i + 2 < len(items) else None
        if beyond is None or beyond.quote is not None or beyond.text in ",.:":
            return Anchor(i, i, "asserts")
        return None
    if low == "say" and i >= 3 and [it.low for it in items[i - 3 : i]] == ["went", "on", "to"]:
        return Anchor(i - 3, i, "asserts")
    if low not in lx.ENGLISH_VERBS or _narrates_en(items, i):
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
            if items[j + 1].low != "unable":
                return None  # passive: "Passengers were urged …" names no speaker
            pos = j  # "it was unable to confirm": the subject stands before "was"
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
        refusals = [
            k - 1
            for k in range(max(j + 1, 1), i)
            if items[k].low == "to" and items[k - 1].low in lx.NEGATIONS
        ]  # declined to confirm, refused to confirm: the walk has passed them
        if not refusals:
            return None
        pos = refusals[0]
        negated = True
    if pos != i and items[pos].low in lx.NEGATIONS:
        negated = True
    return Anchor(pos, i, stance_of(verb_class, negated=negated))
