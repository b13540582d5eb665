"""Numeric quantities in German and English news text, with their unit and qualifier.

"rund 1.500 Soldaten" → 1500 soldiers, approximate; "bis zu 12.000" → 12000, up to; "10.000 bis
12.000 Soldaten" → 10000 to 12000; "1,5 Millionen Euro"; "more than 1,500 troops"; "zwölftausend",
"twelve thousand", "a dozen"; "Tausende Menschen" → at least 1000 people. Qualifiers are the
values of claims.models.QuantityQualifier; units are the counted noun, in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from claims.units import Unit

from . import lexicon as lx
from .quotes import find_quotes
from .segmentation import split_sentences
from .word_classes import adjective_like, stem

EXACT, APPROXIMATE, AT_LEAST = "exact", "approximate", "at_least"


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    qualifier: str
    unit_kept: bool = False  # a German noun with no English entry, kept as written


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: Decimal
    vague: bool = False  # Tausende, dozens
    scale: int = 1  # the Millionen of "1,5 Millionen"


# Counts written as a compound adjective: "an 8-passenger aircraft", "a 9-person crew".
_HYPHEN_COUNTS = {
    **{unit[:-1]: unit for unit in Unit.values if unit.endswith("s") and " " not in unit},
    "person": "people",
}
# A unit joined to its number by a hyphen: "19-percent", "3,500-U.S. dollar", "7.4-magnitude".
_HYPHEN_UNIT = (
    r"(?:per[\s-]?cent|percent|prozent|prozentig\w*|u\.\s?s\.\s+dollars?|us[\s-]dollars?"
    r"|dollars?|euros?|pounds?|magnitude|"
    + "|".join(sorted(_HYPHEN_COUNTS, key=len, reverse=True))
    + r")\b"
)
# Units written onto the number: 17.79m, 50cm, 5,800ft (after a currency sign, m and bn scale).
_GLUED = r"(?:m|cm|mm|km|kg|ft|bn)\b"
_NOT_GLUED = rf"(?!{_GLUED})"
_GLUED_UNIT = re.compile(_GLUED)
# Not part of a word or code (G7, Mi-8, 12,000-strong), but 10-15 is a range.
_DIGITS = {
    "de": re.compile(
        r"(?<![\w.,‐‑])(?<![^\W\d]-)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?"
        rf"(?!{_NOT_GLUED}[\w‐‑]|-(?!{_HYPHEN_UNIT})\D|[.,]\d)",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"(?<![\w.,‐‑])(?<![^\W\d]-)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
        rf"(?!{_NOT_GLUED}[\w‐‑]|-(?!{_HYPHEN_UNIT})\D|[.,]\d)",
        re.IGNORECASE,
    ),
}
# Units written before the number: "Erdbeben der Stärke 7,4", "a magnitude 7.4 earthquake",
# and currency signs ("$3,500", "€ 12").
_MAGNITUDE = re.compile(
    r"\b(?:Stärke|[Mm]agnitude)(?:(?:\s+\w+){0,2}?\s+(?:von|mit|bei|auf|of))?[\s-]+$"
)
_CURRENCY_SIGNS = {"$": "US dollars", "US$": "US dollars", "€": "euros", "£": "pounds"}
_CURRENCY = re.compile(r"(?<![\w$])(US\$|\$|€|£)\s?$")
_US_DOLLARS = re.compile(r"[\s-]U\.\s?S\.[\s-]dollars?\b", re.IGNORECASE)
_HYPHEN_UNIT_AFTER = re.compile(rf"-({_HYPHEN_UNIT})", re.IGNORECASE)
_RICHTER = re.compile(r"\s+(?:on\s+the\s+Richter\s+scale|auf\s+der\s+Richter-?[Ss]kala)\b")
# Numbers that are dates or times, not counts.
_NOT_COUNTS = {
    "de": re.compile(
        r"\b\d{1,2}\.\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
        r"November|Dezember)(?:\s+\d{4})?|\b\d{1,2}\.\d{1,2}\.(?:\d{2,4})?"
        r"|\b\d{1,2}[.:]\d{2}\s*Uhr"
    ),
    "en": re.compile(
        r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}(?:st|nd|rd|th)?"
        r"(?:,?\s+\d{4})?|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
        r"September|October|November|December)(?:\s+\d{4})?|\b\d{1,2}:\d{2}\b"
    ),
}
_WORD = re.compile(r"\w+(?:[-‐‑'’]\w+)*|%|€|\$")
_UNIT_STEMS = {stem(word): unit for word, unit in lx.UNITS.items() if word[0].isalpha()}
_PER_UNIT_STEMS = {stem(word): unit for word, unit in lx.PER_UNITS.items()}
_NOT_UNIT_STEMS = {stem(word) for word in lx.NOT_UNITS}
_ENGLISH_UNITS = frozenset(lx.UNITS.values()) | frozenset(Unit.values)
# German compounds counted by their last noun: Rettungshubschrauber → helicopters,
# Bauarbeiter → workers. The head must be a word of its own (5 letters or more) after a
# modifier of 4 or more (not Ausländer → länder).
_COMPOUND_HEADS = sorted(
    (word for word in lx.UNITS if word.isalpha() and len(word) >= 5), key=len, reverse=True
)
_GERMAN_ARTICLES = {"ein", "eine", "eins", "einen", "einem", "einer"}


def find_quantities(text: str, *, language: str) -> list[Quantity]:
    """Every quantity in `text`, in text order.

    A number whose noun is left out ("insgesamt könnten es bis zu 12.000 werden") takes the unit
    of the quantity before it in the same sentence. Years, dates, times, durations (48 Stunden,
    two days) and numbers without any unit are not quantities.
    """
    excluded = [(m.start(), m.end()) for m in _NOT_COUNTS[language].finditer(text)]
    numbers = _numbers(text, language, excluded)
    sentence_starts = [s.start for s in split_sentences(text, find_quotes(text))]
    quantities: list[Quantity] = []
    i = 0
    while i < len(numbers):
        number = numbers[i]
        i += 1
        if quantities and number.start < quantities[-1].end:
            continue
        if re.search(r"\d[-–]$", text[max(0, number.start - 2) : number.start]):
            continue  # the second of "a 2-1 vote", "the 2024-25 season": no range, no count
        start, end = number.start, number.end
        value, value_max = number.value, None
        qualifier = AT_LEAST if number.vague else EXACT
        between = re.search(r"(?:zwischen|between)\s+$", text[max(0, start - 12) : start], re.I)
        connector = r"\s+(?:und|and)\s+" if between else r"\s*(?:bis|-|–|to)\s*"
        if i < len(numbers) and re.fullmatch(connector, text[end : numbers[i].start]):
            second = numbers[i]
            # 10 bis 15 Millionen: the scale of the upper bound applies to both.
            low = value * second.scale if number.scale == 1 and second.scale > 1 else value
            if second.value > low:
                value, value_max, end, qualifier = low, second.value, second.end, APPROXIMATE
                i += 1
        unit: str | None
        before = _unit_before(text, number.start)
        if before is not None and before[0] == "magnitude" and value >= 10:
            before = None  # "in einer Stärke von 500 Mann": a strength, counted by its noun
        if before is not None:
            start = min(start, before[1])  # "$3.5 million": the sign is the quantity's
        if between:
            start -= len(between.group())
        else:
            found = _qualifier_before(text, start, language)
            if found:
                qualifier, start = found
        if before is not None:
            unit, unit_end = before[0], end
            glued = _GLUED_UNIT.match(text, end)
            if glued and glued.group() in ("m", "bn"):  # £2m, $3bn
                value *= lx.SCALES["million" if glued.group() == "m" else "billion"]
                end = unit_end = glued.end()
        else:
            unit, unit_end = _unit_after(text, end, language, vague=number.vague)
        if unit is None:
            continue
        if unit:
            end = unit_end
        else:
            sentence = max((s for s in sentence_starts if s <= number.start), default=0)
            previous = next((q for q in reversed(quantities) if q.start >= sentence), None)
            if previous is None or _looks_like_year(text[number.start : number.end]):
                continue
            unit = previous.unit
        kept = language == "de" and unit[:1].isupper() and unit not in _ENGLISH_UNITS
        quantities.append(
            Quantity(start, end, text[start:end], value, value_max, unit, qualifier, kept)
        )
    return quantities


def _unit_before(text: str, start: int) -> tuple[str, int] | None:
    """A unit written before its number: a currency sign ("$3,500"), or the magnitude of an
    earthquake ("der Stärke 7,4", "magnitude 7.4"); (unit, where its word starts)."""
    offset = max(0, start - 32)
    head = text[offset:start]
    sign = _CURRENCY.search(head)
    if sign:
        return _CURRENCY_SIGNS[sign.group(1)], offset + sign.start()
    magnitude = _MAGNITUDE.search(head)
    if magnitude:
        return "magnitude", offset + magnitude.start()
    return None


def _compound_unit(low: str) -> str | None:
    """The English unit of a German compound by its last noun: Rettungshubschrauber."""
    for head in _COMPOUND_HEADS:
        if low.endswith(head) and len(low) - len(head) >= 4:
            return lx.UNITS[head]
    return None


def _looks_like_year(token: str) -> bool:
    return bool(re.fullmatch(r"(1[89]|20)\d\d", token))


def _numbers(text: str, language: str, excluded: list[tuple[int, int]]) -> list[_Number]:
    numbers: list[_Number] = []
    for match in _DIGITS[language].finditer(text):
        if any(lo <= match.start() < hi for lo, hi in excluded):
            continue
        if _looks_like_year(match.group()) and not _unit_after(text, match.end(), language)[0]:
            continue
        whole = match.group(1).replace("." if language == "de" else ",", "")
        fraction = match.group(2)
        value = Decimal(f"{whole}.{fraction}" if fraction else whole)
        numbers.append(_with_scale(text, _Number(match.start(), match.end(), value), language))
    words = list(_WORD.finditer(text))
    digit_ends = {number.end for number in numbers}  # "1,5 Millionen": its scale, no count
    k = 0
    while k < len(words):
        word = words[k]
        if any(lo <= word.start() < hi for lo, hi in excluded) or word.end() in digit_ends:
            k += 1
            continue
        vague = _vague_count(words, k)
        if vague is not None:
            value, used = vague
            numbers.append(_Number(word.start(), words[k + used - 1].end(), value, vague=True))
            k += used
            continue
        parsed, used = _number_words(words, k, language)
        if parsed is None:
            k += 1
            continue
        number = _Number(word.start(), words[k + used - 1].end(), Decimal(parsed))
        numbers.append(_with_scale(text, number, language))
        k += used
    numbers.sort(key=lambda n: n.start)
    return numbers


def _vague_count(words: list[re.Match[str]], k: int) -> tuple[Decimal, int] | None:
    """Tausende, Zehntausende, dozens, "tens of thousands": (the least it means, words used)."""
    low = words[k].group().casefold()
    if (
        low in ("tens", "hundreds")
        and k + 2 < len(words)
        and words[k + 1].group() == "of"
        and words[k + 2].group().casefold() == "thousands"
    ):
        return Decimal(10_000 if low == "tens" else 100_000), 3
    if low in lx.VAGUE_COUNTS:
        return Decimal(lx.VAGUE_COUNTS[low]), 1
    return None


def _with_scale(text: str, number: _Number, language: str) -> _Number:
    """1,5 Millionen → 1500000; 3.2 million → 3200000; Mio. and Mrd. with their full stop."""
    match = re.match(r"\s+(\w+)(\.?)", text[number.end :])
    if not match:
        return number
    word, dot = match.group(1), match.group(2)
    low = word.casefold()
    if language == "de" and word == "Billionen":
        scale = lx.GERMAN_BILLION
    elif dot and low + "." in lx.SCALES:
        scale = lx.SCALES[low + "."]
    elif low in lx.SCALES:
        scale, dot = lx.SCALES[low], ""
    else:
        return number
    end = number.end + (match.end() if dot else match.end(1))
    return _Number(number.start, end, number.value * scale, number.vague, scale)


def _number_words(words: list[re.Match[str]], k: int, language: str) -> tuple[int | None, int]:
    """A number written in words at words[k]: zwölftausend, ein Dutzend, twelve thousand, a
    dozen, two hundred and fifty. Returns (value, words used) or (None, 0)."""
    low = words[k].group().casefold()
    following = words[k + 1].group().casefold() if k + 1 < len(words) else ""
    if language == "de":
        if low in _GERMAN_ARTICLES:
            if following in lx.SCALES:
                return 1, 1  # eine Million (the scale is added by _with_scale)
            if following == "dutzend":
                return 12, 2
            return None, 0
        if following == "dutzend" and _german_number(low):
            return 12 * (_german_number(low) or 0), 2
        value = _german_number(low)
        return (value, 1) if value else (None, 0)
    total, current, j = 0, 0, k
    if low in ("a", "an") and following in ("dozen", "hundred", "thousand", "million", "billion"):
        current, j = 1, k + 1
    while j < len(words):
        word = words[j].group().casefold()
        parts = word.split("-")
        if all(p in lx.ENGLISH_NUMBER_WORDS for p in parts):
            current += sum(lx.ENGLISH_NUMBER_WORDS[p] for p in parts)
        elif word == "dozen" and (current or j > k):
            current = max(current, 1) * 12
        elif word in ("hundred", "thousand") and j == k and k and _few(words[k - 1]):
            current = 100 if word == "hundred" else 1000  # several thousand, a few hundred
        elif word == "hundred" and j > k:
            current = max(current, 1) * 100
        elif word == "thousand" and j > k:
            total, current = total + max(current, 1) * 1000, 0
        elif (
            word == "and"
            and j > k
            and j + 1 < len(words)
            and all(
                p in lx.ENGLISH_NUMBER_WORDS for p in words[j + 1].group().casefold().split("-")
            )
        ):
            pass
        else:
            break
        j += 1
    used, value = j - k, total + current
    if value == 0 or (used == 0 and current == 0):
        return None, 0
    if used == 0:  # "a million": the scale follows, the article stands for one
        return 1, 1
    if used == 1 and low == "one":
        return None, 0  # "one of the strongest storms": not a count
    return value, used


def _few(word: re.Match[str]) -> bool:
    return word.group().casefold() in ("several", "few", "many")


def _german_number(word: str) -> int | None:
    """zwölf → 12, zwölftausend → 12000, dreihundertfünfzig → 350, zweiundzwanzig → 22."""
    if not word.isalpha():
        return None
    if word in lx.GERMAN_NUMBER_WORDS:
        return lx.GERMAN_NUMBER_WORDS[word]
    for scale_word, scale in (("tausend", 1000), ("hundert", 100)):
        if scale_word in word:
            left, _, right = word.partition(scale_word)
            left_value = 1 if left in ("", "ein") else _german_number(left)
            right_value = 0 if right == "" else _german_number(right)
            if left_value is None or right_value is None:
                return None
            return left_value * scale + right_value
    ones, found, tens = word.partition("und")
    if found:
        ones = "eins" if ones == "ein" else ones
        if ones in lx.GERMAN_NUMBER_WORDS and tens in lx.GERMAN_NUMBER_WORDS:
            return lx.GERMAN_NUMBER_WORDS[ones] + lx.GERMAN_NUMBER_WORDS[tens]
    return None


def _qualifier_before(text: str, start: int, language: str) -> tuple[str, int] | None:
    """rund, bis zu, mehr als, about, up to, at least … right before the number."""
    qualifiers = lx.QUALIFIERS_DE if language == "de" else lx.QUALIFIERS_EN
    before = text[max(0, start - 25) : start]
    for phrase in sorted(qualifiers, key=len, reverse=True):
        match = re.search(r"(?<!\w)" + re.escape(phrase) + r"\s+$", before, re.IGNORECASE)
        if match:
            return qualifiers[phrase], start - (len(before) - match.start())
    return None


def _unit_after(
    text: str, end: int, language: str, *, vague: bool = False
) -> tuple[str | None, int]:
    """The counted noun after a number, in English, and where it ends.

    ("", end) when the noun is left out, (None, end) when the number counts time.
    """
    percent = re.match(r"\s?%|\s+per cent\b", text[end:])
    if percent:
        return "percent", end + percent.end()
    dollars = _US_DOLLARS.match(text, end)
    if dollars:  # 3,500 U.S. dollars (its full stops would end the phrase)
        return "US dollars", dollars.end()
    glued = _GLUED_UNIT.match(text, end)
    if glued and glued.group() != "bn":  # 17.79m, 50cm
        return lx.UNITS[glued.group()], glued.end()
    hyphen = _HYPHEN_UNIT_AFTER.match(text, end)
    if hyphen:  # 19-percent, 3,500-U.S. dollar, 7.4-magnitude
        joined = hyphen.group(1).casefold()
        if re.fullmatch(r"per[\s-]?cent|percent|prozent\w*", joined):
            return "percent", hyphen.end()
        if "dollar" in joined:
            return "US dollars", hyphen.end()
        unit = lx.UNITS.get(joined) or lx.UNITS.get(joined + "s") or _HYPHEN_COUNTS.get(joined)
        return unit or joined, hyphen.end()
    richter = _RICHTER.match(text, end)
    if richter:
        return "magnitude", richter.end()
    words = list(_WORD.finditer(text, end, min(len(text), end + 80)))
    proper: int | None = None  # a capitalised plural after an English number
    casualty: int | None = None  # wounded, injured, dead, missing
    j = 0
    while j < len(words) and j <= 4:
        word = words[j]
        gap = text[(words[j - 1].end() if j else end) : word.start()]
        if gap.strip() not in ("", "'", "’"):
            if proper is not None:  # "killed 40 Palestinians."
                return _per_unit(text, words, proper, words[proper].group(), language)
            if casualty is not None:
                return _per_unit(text, words, casualty, words[casualty].group().lower(), language)
            return "", end  # punctuation ends the number's phrase
        low = word.group().casefold()
        if low in lx.NOT_UNITS or stem(low) in _NOT_UNIT_STEMS:
            return None, end
        if vague and language == "de" and j == 0 and low in lx.VAGUE_COUNT_LINKS:
            j += 1  # Tausende von Menschen
            continue
        if language == "de":
            if word.group()[0].isupper():
                unit = (
                    _UNIT_STEMS.get(stem(low))
                    or lx.UNITS.get(low)
                    or _compound_unit(low)
                    or word.group()
                )
                return _per_unit(text, words, j, unit, language)
            if low in lx.NUMBER_PHRASE_STOPS or not adjective_like(low):
                return "", end
            j += 1
            continue
        if low == "of":
            j += 1
            while j < len(words) and words[j].group().casefold() in (
                "the",
                "its",
                "their",
                "them",
                "those",
                "these",
            ):
                j += 1
            continue
        if proper is not None and not (_UNIT_STEMS.get(stem(low)) or word.group()[0].isupper()):
            return _per_unit(text, words, proper, words[proper].group(), language)
        if low in lx.NUMBER_PHRASE_STOPS or low in lx.DETERMINERS or low in lx.PREPOSITIONS:
            if casualty is not None:  # "12 dead and 30 injured"
                return _per_unit(text, words, casualty, words[casualty].group().lower(), language)
            return "", end
        english_unit = _UNIT_STEMS.get(stem(low)) or lx.UNITS.get(low)
        if english_unit:
            return _per_unit(text, words, j, english_unit, language)
        if low in lx.ENGLISH_CASUALTY_WORDS and j == 0:
            casualty = j  # "107 wounded.": the adjective is the count's noun if none follows
        if word.group()[0].isupper() or low in lx.ENGLISH_NUMBER_ADJECTIVES:
            if word.group()[0].isupper() and word.group().endswith("s") and len(low) > 3:
                proper = j  # 40 Palestinians, 12 Democrats: unless a noun follows
            j += 1  # 3,000 North Korean soldiers, 12,000 more troops
            continue
        following = words[j + 1] if j + 1 < len(words) else None
        if low.endswith("ed") and following is not None and following.group().islower():
            j += 1  # 124 confirmed cases
            continue
        if (
            following is not None
            and not low.endswith("s")
            and following.group().islower()
            and text[word.end() : following.start()] == " "
            and (following.group().endswith("s") or _UNIT_STEMS.get(stem(following.group())))
        ):
            # A noun that qualifies the counted one: 500 aid workers, thousands of rail workers.
            unit = f"{low} {_UNIT_STEMS.get(stem(following.group())) or following.group()}"
            return _per_unit(text, words, j + 1, unit, language)
        return _per_unit(text, words, j, low, language)
    if proper is not None:
        return _per_unit(text, words, proper, words[proper].group(), language)
    if casualty is not None:
        return _per_unit(text, words, casualty, words[casualty].group().lower(), language)
    return "", end


def _per_unit(
    text: str, words: list[re.Match[str]], j: int, unit: str, language: str
) -> tuple[str, int]:
    """80 Liter (Regen) pro Quadratmeter → litres per square metre; 110 km per hour."""
    end = words[j].end()
    k = j + 1
    if language == "de" and k < len(words) and words[k].group()[0].isupper():
        k += 1  # the stuff measured: Liter Regen pro …
    if k + 1 < len(words) and words[k].group().casefold() in ("pro", "per", "je"):
        per = _PER_UNIT_STEMS.get(stem(words[k + 1].group()))
        if per:
            return f"{unit} per {per}", words[k + 1].end()
    return unit, end
