"""What kind of word a token is: its crude stem, whether it names a role or an organisation,
whether it is a function word that can never be part of a name.

The word lists themselves live in lexicon.py; this module holds the few rules that read them.
"""

from __future__ import annotations

import functools
import re

from . import lexicon as lx
from .segmentation import SUBTOKEN


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


def name_key(name: str) -> str:
    """The stems of a name's words: the same for Robert Wood and Robert Woods."""
    return " ".join(stem(w) for w in SUBTOKEN.findall(name))


_ROLE_STEMS = {stem(w) for w in lx.PERSON_ROLES}
_ORG_STEMS = {stem(w) for w in lx.ORGANISATION_NOUNS}
_NOT_ORG_COMPOUNDS = {"insgesamt", "gesamt", "samt", "apparat", "vorrat", "verrat", "heirat"}
_WEEKDAYS = set(lx.WEEKDAYS_DE) | set(lx.WEEKDAYS_EN)
_MONTHS = set(lx.MONTHS_DE) | set(lx.MONTHS_EN)

# Compound endings: Regierungssprecher is a role, Landratsamt an organisation. Stems count only
# when long enough to be a word of their own (Richter → richt would end "Bericht").
_ROLE_ENDINGS = tuple(
    sorted({w for w in lx.PERSON_ROLES if len(w) >= 5} | {s for s in _ROLE_STEMS if len(s) >= 6})
)
_ORG_ENDINGS = tuple(
    sorted(
        {w for w in lx.ORGANISATION_NOUNS if len(w) >= 3} | {s for s in _ORG_STEMS if len(s) >= 6}
    )
)


@functools.lru_cache(maxsize=8192)
def noun_class(word: str) -> str | None:
    """'role' for a person's title (Außenminister, spokesman), 'org' for an organisation's head
    noun (Landratsamt, ministry), else None. German compounds count by their last part."""
    low = word.casefold().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    last = re.split(r"[-‐‑]", low)[-1]
    if not last:
        return None
    last_stem = stem(last)
    if last in lx.PERSON_ROLES or last_stem in _ROLE_STEMS:
        return "role"
    if len(last) > 7 and last.endswith(("in", "innen")):
        # A woman's title: Gesundheitssenatorin, Polizeipräsidentin (Senator, Präsident).
        base = last[:-2] if last.endswith("in") else last[:-5]
        if noun_class(base) == "role":
            return "role"
    if last in lx.ORGANISATION_NOUNS or last_stem in _ORG_STEMS:
        return "org"
    if len(last) > 6 and last not in _NOT_ORG_COMPOUNDS:
        if last.endswith(_ROLE_ENDINGS) or last_stem.endswith(_ROLE_ENDINGS):
            return "role"
        if last.endswith(_ORG_ENDINGS) or last_stem.endswith(_ORG_ENDINGS):
            return "org"
    return None


def organisation_ending(word: str) -> str:
    """The organisation noun a German compound ends in (Staatsagentur → agentur), or ""."""
    low = word.casefold()
    endings = [e for e in lx.ORGANISATION_NOUNS if len(e) >= 5 and low.endswith(e)]
    return max(endings, key=len) if endings else ""


def is_function_word(low: str) -> bool:
    """Whether a lower-cased word is one that never belongs to a name, though it may be
    capitalised at the start of a sentence (Die, Am Montag, Tausende)."""
    return (
        low in lx.DETERMINERS
        or low in lx.CLAUSE_OPENERS
        or low in lx.PREPOSITIONS
        or low in lx.PRONOUNS
        or low in _WEEKDAYS
        or low in _MONTHS
        or low in lx.VAGUE_COUNTS
        or low in lx.GERMAN_NUMBER_WORDS
        or low in lx.ENGLISH_NUMBER_WORDS
        or low in lx.NEGATIONS
    )


def adjective_like(low: str) -> bool:
    """A German inflected ending: südkoreanische, neuen, russischer."""
    return low.endswith(("e", "en", "er", "es", "em", "isch"))
