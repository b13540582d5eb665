"""The language an article is written in, detected from its text.

Detection uses lingua-language-detector, whose n-gram models are compiled into the package
itself: nothing is downloaded or written at run time. The detector knows only the languages a
newsroom meets (LANGUAGES_DETECTED), which keeps its memory (about 35 MB) and its first call
(a quarter of a second) small, and keeps a French article from being read as English. It runs
in low-accuracy mode (trigrams only): reliable on an article's paragraphs, not on a few words,
which is why text shorter than MIN_LETTERS gets the caller's fallback instead of a guess.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

# ISO 639-1 codes, as Source.language stores them.
LANGUAGES_DETECTED = ("de", "en", "fr", "ru", "uk", "ko")
# Below this many letters a guess is a coin toss ("OK", "Berlin"): the fallback decides.
MIN_LETTERS = 20
# How far ahead of the runner-up the best language must be; closer than that is no answer.
MIN_RELATIVE_DISTANCE = 0.1
# Detection reads the start of an article; a long one says nothing more further down.
MAX_CHARS_READ = 5_000


@functools.cache
def _detector() -> LanguageDetector:
    """Built once per process, on first use: importing intake costs nothing."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
        for code in LANGUAGES_DETECTED
    ]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_low_accuracy_mode()
        .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
        .build()
    )


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in (one of LANGUAGES_DETECTED), or
    None when the text is too short or too mixed to tell."""
    sample = text[:MAX_CHARS_READ]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()
