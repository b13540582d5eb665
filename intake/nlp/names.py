"""Names in a stretch of a sentence: mentions already found, runs of capitalised words
(Robert Wood, Gewerkschaft Hafen und Logistik), and a bare one-word subject (Moskau, die Nato).
Each name found is registered with the cast."""

from __future__ import annotations

import re

from . import lexicon as lx
from .article import Item
from .cast import Cast, Entity, Speaker
from .confidence import BARE
from .word_classes import is_function_word, name_key, noun_class

# (entity, its name as written here, offset where the name ends)
Candidate = tuple[Entity, str, int]


def names_in(
    cast: Cast, items: list[Item], lo: int, hi: int, person: bool | None
) -> list[Candidate]:
    """Known actors and names in items[lo:hi], in text order."""
    text = cast.article.text
    found: list[Candidate] = []
    j = lo
    after_role = False
    role_seen = False
    while j < hi:
        item = items[j]
        if item.text == "," and role_seen:
            after_role = True  # die Bürgermeisterin von Istiea, Eleni Markou,
            j += 1
            continue
        mention = cast.mention_at.get(item.token) if item.token is not None else None
        if mention is not None:
            last = j
            while last + 1 < hi:
                token = items[last + 1].token
                if token is None or token > mention.last_token:
                    break
                last += 1
            found.append((mention.entity, text[mention.start : mention.end], mention.end))
            j = last + 1
            after_role = False
            continue
        if item.low.endswith("-based"):
            j += 1  # "Malta-based Migrant Report": where it sits, not its name
            continue
        if item.cap and not is_function_word(item.low) and noun_class(item.text) != "role":
            k = j
            while (
                k < hi
                and items[k].cap
                and not is_function_word(items[k].low)
                and (noun_class(items[k].text) != "role")
                and (items[k].token not in cast.mention_at)
            ):
                k += 1
            k = _extend_organisation_name(items, j, k, hi)
            entity = _name_entity(
                cast, items, j, k, after_role or person is True, person, after_role=after_role
            )
            if entity is not None:
                found.append((entity, written(text, items, j, k), items[k - 1].end))
            j = k
            after_role = False
            continue
        after_role = item.word and noun_class(item.text) == "role"
        role_seen = role_seen or after_role
        j += 1
    return found


def written(text: str, items: list[Item], lo: int, hi: int) -> str:
    """The words of items[lo:hi] as the text writes them, without a possessive 's."""
    return re.sub(r"['’]s$", "", text[items[lo].start : items[hi - 1].end])


def bare_name(cast: Cast, items: list[Item], lo: int, hi: int) -> Speaker | None:
    """A subject of one capitalised word: Moskau bestritt, die Nato warnte, Pyongyang denied.
    Most are places standing for governments, or organisations, rarely people."""
    words = [it for it in items[lo:hi] if it.word]
    if words and words[0].low in lx.DETERMINERS:
        words = words[1:]
    if len(words) != 1 or not words[0].cap or is_function_word(words[0].low):
        return None
    word = words[0]
    name = written(cast.article.text, items, items.index(word), items.index(word) + 1)
    entity = cast.entity(f"name:{name_key(name)}", name, is_person=False)
    if word.token not in cast.mention_at:
        _mention(cast, word, word, entity)
    return Speaker(entity, name, word.end, named=True, weak=True, confidence=BARE)


def _extend_organisation_name(items: list[Item], j: int, k: int, hi: int) -> int:
    """Gewerkschaft Hafen und Logistik, Ministry of Disaster Management, Zentralverband der
    Hafenbetriebe: an organisation's name runs on over und/of/der + capitalised words."""
    while k + 1 < hi and items[k].low in ("und", "and", "&", "of", "für", "for", "der", "des"):
        # "Voice of America", "Bank of Korea": English names run on over "of" by themselves.
        if items[k].low != "of" and not any(
            noun_class(it.text) == "org" for it in items[j : k + 2] if it.word
        ):
            break
        m = k + 1
        if items[m].low in ("the",) and m + 1 < hi:
            m += 1
        if not (items[m].cap and not is_function_word(items[m].low)):
            break
        while m < hi and items[m].cap and not is_function_word(items[m].low):
            m += 1
        k = m
    return k


def _name_entity(
    cast: Cast,
    items: list[Item],
    lo: int,
    hi: int,
    titled: bool,
    person: bool | None,
    *,
    after_role: bool = False,
) -> Entity | None:
    """The entity items[lo:hi] names; `after_role` when a role title stands right before it
    (SPD-Chef Walter-Borjans, die Vorsitzende der Konferenz, Kalayci,), where one word is a
    surname rather than a German noun."""
    text = cast.article.text
    words = [it for it in items[lo:hi] if it.word]
    name = written(text, items, lo, hi)
    if words and words[0].low in lx.COMPANY_NOUNS and len(words) > 1:
        lo = items.index(words[1])
        words = words[1:]
        name = written(text, items, lo, hi)
    existing = cast.by_name(name)
    if existing is not None:
        if existing.is_person is None and (titled or len(words) == 1):
            existing.is_person = True
        if items[lo].token not in cast.mention_at:
            _mention(cast, items[lo], items[hi - 1], existing)
        return existing
    organisation = any(noun_class(w.text) == "org" for w in words)
    if len(words) == 1 and organisation:
        return None  # a bare "Polizei" or "Verbands" is a description, not a name
    if len(words) == 1 and (cast.article.language == "de" or lo == 0) and not after_role:
        return None  # a German noun, or an English word capitalised by the sentence start
    if organisation:
        is_person: bool | None = False
    elif titled:
        is_person = True
    else:
        is_person = person
    entity = cast.entity(f"name:{name_key(name)}", name, is_person=is_person)
    _mention(cast, items[lo], items[hi - 1], entity)
    return entity


def _mention(cast: Cast, first: Item, last: Item, entity: Entity) -> None:
    # A name's items are words, never a quote standing in for its tokens.
    assert first.token is not None and last.token is not None
    cast.add_mention(first.token, last.token, entity)
