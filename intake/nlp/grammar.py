"""Grammar from a tagger that ships its models inside its package: HanTa (Hanover Tagger), with
German and English part-of-speech and lemma models in the wheel. Nothing is downloaded; the
model is unpickled from the installed package the first time a language is asked for, once per
process (2 to 3 s for German, 1 to 2 s for English), and never at import.

What the rules ask of it, word by word and out of sentence context (tagging whole sentences
costs ~20 ms each, too slow for a 6,500-word article):

- whether a word is a verb and its lemma, so a reporting verb is known in any tense and person
  (räumte/räumten/eingeräumt → einräumen, disclosed/discloses → disclose);
- whether a finite German verb is plural (sagten sie: they, not she);
- Konjunktiv I, the mood of German reported speech (er habe, sie sei, es gebe, man könne).

Only words the model has seen are analysed: its analysis of an unknown word (a new compound)
costs 20 to 90 ms. A German verb with its separable particle fused on (einräumte) is looked up
without the particle. Answers are cached per word form, so a long article costs little more
than its distinct words.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from HanTa.HanoverTagger import HanoverTagger

_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}
_lock = threading.Lock()
_taggers: dict[str, HanoverTagger] = {}

# Separable particles of German verbs, longest first ("hinzu" before "hin").
SEPARABLE_PARTICLES = (
    "zurück", "hinzu", "heraus", "hervor", "voraus", "fest", "fort", "klar", "hin", "mit",
    "ein", "vor", "auf", "aus", "an", "ab", "zu", "bei", "dar",
)  # fmt: skip


class Analysis(NamedTuple):
    lemma: str  # lower case
    pos: str  # the model's tag: STTS for German (VV(FIN)), the BNC tags for English (VVD)


def tagger(language: str) -> HanoverTagger:
    """The language's model, loaded on first use (thread-safe, once per process)."""
    with _lock:
        if language not in _taggers:
            from HanTa.HanoverTagger import HanoverTagger

            _taggers[language] = HanoverTagger(_MODELS[language])
        return _taggers[language]


@functools.lru_cache(maxsize=65536)
def analyse(word: str, language: str) -> Analysis | None:
    """The lemma and part of speech of a word form, or None for a word the model never saw."""
    model: Any = tagger(language)
    if model.normalize(word) not in model.cache:
        return None
    tags = model.tag_word(word)
    if not tags:
        return None
    pos = str(tags[0][0])
    lemma = str(model.analyze(word, pos=pos)[0]) if pos.startswith("V") else word
    return Analysis(lemma.casefold(), pos)


@functools.lru_cache(maxsize=65536)
def verb_lemma(word: str, language: str) -> str | None:
    """The lemma of a verb form (German with any separable particle fused on put in front:
    einräumte → einräumen), or None when the word is not a verb."""
    low = word.casefold()
    found = analyse(low, language)
    if found is not None and found.pos.startswith("V"):
        return found.lemma
    if language == "de" and found is None:
        for particle in SEPARABLE_PARTICLES:
            if low.startswith(particle) and len(low) > len(particle) + 3:
                base = verb_lemma(low[len(particle) :], language)
                return particle + base if base else None
    return None


@functools.lru_cache(maxsize=65536)
def german_verb(low: str) -> tuple[str, bool] | None:
    """(lemma, finite) of a lower-cased German verb form, or None: one lookup for the rules
    that walk every word of an article."""
    lemma = verb_lemma(low, "de")
    if lemma is None:
        return None
    return lemma, is_finite_verb(low, "de") or is_finite_verb(_unfused(low), "de")


def _unfused(low: str) -> str:
    for particle in SEPARABLE_PARTICLES:
        if low.startswith(particle) and len(low) > len(particle) + 3:
            return low[len(particle) :]
    return low


def is_finite_verb(word: str, language: str) -> bool:
    found = analyse(word.casefold(), language)
    return found is not None and found.pos.endswith("(FIN)")


def is_plural_finite(word: str) -> bool:
    """A German finite verb in the plural: sagten, erklärten, sind, haben (not sagte, hat)."""
    low = word.casefold()
    return is_finite_verb(low, "de") and (low.endswith("en") or low in ("sind", "seien"))


@functools.lru_cache(maxsize=16384)
def is_konjunktiv_i(word: str) -> bool:
    """German Konjunktiv I in the third person, the mood of reported speech: sei, seien, habe,
    gebe, könne, werde, müsse (the stem of the lemma plus -e, where the indicative says hat,
    gibt, kann, wird, muss). Plural forms other than "seien" equal the indicative and are left
    out."""
    low = word.casefold()
    if low in ("sei", "seien"):
        return True
    if not low.endswith("e"):
        return False
    found = analyse(low, "de")
    if found is None:
        # A form the model never saw (dauere): its indicative (dauert) tells the lemma.
        found = analyse(low[:-1] + "t", "de")
    if found is None or not found.pos.endswith("(FIN)"):
        return False
    lemma = found.lemma
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else ""
    # handle/verhandle: the -eln verbs drop their e.
    return bool(stem) and (low == stem + "e" or (stem.endswith("el") and low == stem[:-2] + "le"))
