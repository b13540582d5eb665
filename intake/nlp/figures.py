"""What a figure in a sentence says beyond its number: whether it describes what is (an
observation) or what will be (a projection), the moment it refers to, and its unit and qualifier
as a statement's estimate takes them (claims.estimates, claims.units).

"hat 1.500 Soldaten verlegt; bis Dezember sollen es rund 10.000 sein" → 1500 soldiers observed
on the article's day (or in the period its clause names: "Stand 20. Oktober", "im September");
about 10,000 projected for December. Only the figure's clause is read, so the two figures of
one sentence each keep their own tense. A month without a year is resolved against the
publication date: a projection's December in an October article is that year's, its January
the next year's; an observation's moment is the most recent such day.

A projection needs a moment: "in den kommenden Wochen" or a bare "could" make a figure a
projection for no moment in particular, and the kind is then left to the editor.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from claims.estimates import EstimateKind, EstimateQualifier
from claims.precision import DatePrecision
from claims.units import Unit

from . import lexicon as lx
from .quantities import Quantity

# Plain strings, as the JSON of `import_article --json` and the suggestion's columns take them.
DAY, MONTH, YEAR = (
    DatePrecision.DAY.value,
    DatePrecision.MONTH.value,
    DatePrecision.YEAR.value,
)
OBSERVATION, PROJECTION = EstimateKind.OBSERVATION.value, EstimateKind.PROJECTION.value


@dataclass(frozen=True)
class Figure:
    """A quantity as a statement's estimate would hold it; "" where the text does not say."""

    unit: str  # a claims.units.Unit value, or "" when the text counts something not listed
    qualifier: str  # an EstimateQualifier value, or ""
    kind: str  # an EstimateKind value, or "" for the editor to decide
    refers_to: date | None = None  # the period's last day, as claims.estimates.Estimate keeps it
    refers_to_precision: str = ""  # a DatePrecision value when refers_to is set


@dataclass(frozen=True)
class _Moment:
    start: int
    precision: str  # "" for a vague future ("in den kommenden Wochen"): no moment to refer to
    year_of: str = ""  # which year a period is of: "this", "next" or "named" in the text
    groups: tuple[tuple[str, str], ...] = ()  # day, month, year as written
    deadline: bool = False  # bis …, by …: a moment something is to be reached by
    observed: bool = False  # Stand …, as of …: the moment a count was taken

    @property
    def vague(self) -> bool:
        return not self.precision


_MONTHS_DE = "|".join(m.capitalize() for m in lx.MONTHS_DE)
_MONTHS_EN = "|".join(m.capitalize() for m in lx.MONTHS_EN)
_DAY_DE = rf"(?P<day>\d{{1,2}})\.\s*(?P<month>{_MONTHS_DE})(?:\s+(?P<year>\d{{4}}))?"
_DAY_EN = (
    rf"(?:(?P<month>{_MONTHS_EN})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTHS_EN}))(?:,?\s+(?P<year>\d{{4}}))?"
)
_PART_DE = r"(?:(?:Ende|Anfang|Mitte)\s+)"
_PART_EN = r"(?:(?:the\s+)?(?:end|beginning|middle)\s+of\s+|(?:early|mid|late)[\s-]+)"


def _ci(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)  # "Bis Dezember" opens a sentence


# (pattern, precision, which year: "this", "next" or "named"; deadline, observed)
_PATTERNS: dict[str, list[tuple[re.Pattern[str], str, str, bool, bool]]] = {
    "de": [
        (_ci(rf"\bStand:?\s+(?:vom\s+)?{_DAY_DE}"), DAY, "named", False, True),
        (_ci(rf"\bbis\s+(?:zum\s+)?{_DAY_DE}"), DAY, "named", True, False),
        (_ci(rf"\bbis\s+{_PART_DE}?(?P<month>{_MONTHS_DE})(?:\s+(?P<year>\d{{4}}))?\b"),
         MONTH, "named", True, False),
        (_ci(rf"\b(?:im\s+|{_PART_DE})(?P<month>{_MONTHS_DE})(?:\s+(?P<year>\d{{4}}))?\b"),
         MONTH, "named", False, False),
        (_ci(r"\bbis\s+(?:zum\s+)?(?:Ende\s+(?:des|dieses)\s+Jahres|Jahresende)\b"),
         YEAR, "this", True, False),
        (_ci(r"\b(?:Ende\s+(?:des|dieses)\s+Jahres|zum\s+Jahresende|in\s+diesem\s+Jahr|"
                    r"dieses\s+Jahr)\b"), YEAR, "this", False, False),
        (_ci(r"\bbis\s+(?:Ende\s+)?(?P<year>20\d\d)\b"), YEAR, "named", True, False),
        (_ci(r"\b(?:Ende|im\s+Jahr)\s+(?P<year>20\d\d)\b"), YEAR, "named", False, False),
        (_ci(r"\b(?:bis\s+)?(?:Ende\s+)?(?:(?:im\s+)?(?:nächsten|kommenden)\s+Jahr(?:es)?"
                    r"|nächstes\s+Jahr)\b"), YEAR, "next", True, False),
        (_ci(r"\b(?:bis\s+)?(?:Ende\s+des\s+Monats|zum\s+Monatsende|Monatsende)\b"),
         MONTH, "this", True, False),
    ],
    "en": [
        (_ci(rf"\bas\s+of\s+{_DAY_EN}"), DAY, "named", False, True),
        (_ci(rf"\bby\s+{_DAY_EN}"), DAY, "named", True, False),
        (_ci(rf"\bby\s+{_PART_EN}?(?P<month>{_MONTHS_EN})(?:\s+(?P<year>\d{{4}}))?\b"),
         MONTH, "named", True, False),
        (_ci(rf"\b(?:in\s+|{_PART_EN})(?P<month>{_MONTHS_EN})(?:\s+(?P<year>\d{{4}}))?\b"),
         MONTH, "named", False, False),
        (_ci(r"\bby\s+(?:the\s+end\s+of\s+(?:the|this)\s+year|year[\s-]end|the\s+year's"
                    r"\s+end|the\s+end\s+of\s+the\s+year)\b"), YEAR, "this", True, False),
        (_ci(r"\b(?:(?:the\s+)?end\s+of\s+(?:the|this)\s+year|later\s+this\s+year|"
                    r"this\s+year)\b"), YEAR, "this", False, False),
        (_ci(r"\bby\s+(?:the\s+end\s+of\s+)?(?P<year>20\d\d)\b"), YEAR, "named", True,
         False),
        (_ci(r"\b(?:in|end\s+of)\s+(?P<year>20\d\d)\b"), YEAR, "named", False, False),
        (_ci(r"\b(?:by\s+)?(?:the\s+end\s+of\s+)?next\s+year\b"), YEAR, "next", True,
         False),
        (_ci(r"\bby\s+the\s+end\s+of\s+(?:the|this)\s+month\b"), MONTH, "this", True,
         False),
    ],
}  # fmt: skip
_VAGUE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p) for p in lx.VAGUE_FUTURES) + r")(?!\w)", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(lx.CLAUSE_BREAK)
CLAUSE_REACH = 250  # characters; a clause of news text is far shorter
_WORD = re.compile(r"\w+")
# Ways of writing a counted noun that the unit list spells otherwise.
_UNIT_SPELLINGS = {
    "person": Unit.PEOPLE,
    "persons": Unit.PEOPLE,
    "dollars": Unit.US_DOLLARS,
    "dollar": Unit.US_DOLLARS,
    "kilometers": Unit.KILOMETRES,
    "meters": Unit.METRES,
    "liters": Unit.LITRES,
    "tons": Unit.TONNES,
    "square kilometers": Unit.SQUARE_KILOMETRES,
    "personnel": Unit.TROOPS,
}


_UNITS = frozenset(Unit.values)  # Unit.values builds a new list at every call
_QUALIFIERS = frozenset(EstimateQualifier.values)


def estimate_unit(unit: str) -> str:
    """The unit list's value for a quantity's counted noun ("soldier" → "soldiers"), or "" when
    the list has none: the editor picks one rather than the statement getting an invalid one."""
    low = unit.strip().casefold()
    for spelling in (unit.strip(), low, f"{low}s"):
        if spelling in _UNITS:
            return spelling
    return str(_UNIT_SPELLINGS.get(low, ""))


_ENGLISH_UNITS = _UNITS | frozenset(lx.UNITS.values())


def unit_needs_decision(unit: str, language: str) -> bool:
    """Whether a quantity's counted noun is kept as a German text writes it ("Schornsteinfeger":
    no English entry in lexicon.UNITS), for the editor to name in English. Units found in English
    are English already, capitals and all ("Palestinians"); a German noun keeps its capital."""
    head = unit.split(" per ")[0].strip()
    german = language.split("-")[0].casefold() == "de"  # a source's BCP 47 code: de, de-AT
    return german and bool(head) and head[0].isupper() and head not in _ENGLISH_UNITS


def estimate_qualifier(qualifier: str) -> str:
    """A quantity qualifier as an estimate's; "" for one an estimate has not (projected, which
    an estimate says with its kind)."""
    return qualifier if qualifier in _QUALIFIERS else ""


def sentence_figures(
    quantities: Sequence[Quantity],
    text: str,
    sentence: tuple[int, int],
    *,
    language: str,
    published_on: date | None,
) -> list[Figure]:
    """What each of `quantities`, all in `text[sentence[0]:sentence[1]]`, says as an estimate.

    The sentence is read once (its moments, clause breaks and tense words), so that a long one
    full of numbers stays linear.
    """
    lo, hi = sentence
    reading = _Reading(text[lo:hi], language)
    return [
        _figure(quantity, reading, quantity.start - lo, language, published_on)
        for quantity in quantities
    ]


class _Reading:
    """A sentence's moments, clause breaks and tense words, with offsets into the sentence."""

    def __init__(self, sentence: str, language: str) -> None:
        self.breaks = [m.span() for m in _CLAUSE_BREAK.finditer(sentence)]
        self.moments = _moments(sentence, language)
        self.moment_starts = [m.start for m in self.moments]
        self.cues = [
            (m.start(), m.group().casefold())
            for m in _WORD.finditer(sentence)
            if m.group() != "May"  # the month, not the modal
            and m.group().casefold() in lx.PROJECTION_WORDS | lx.FUTURE_WORDS
        ]
        self.cue_starts = [start for start, _ in self.cues]
        self.length = len(sentence)

    def clause(self, at: int) -> tuple[int, int]:
        """The clause the figure at `at` stands in, and no further than CLAUSE_REACH either
        side: a "sentence" of 40,000 numbers stays linear."""
        start, end = max(0, at - CLAUSE_REACH), min(self.length, at + CLAUSE_REACH)
        index = bisect.bisect_left(self.breaks, (at, at))
        if index > 0:
            start = max(start, self.breaks[index - 1][1])
        if index < len(self.breaks):
            end = min(end, self.breaks[index][0])
        return start, end

    def within(self, start: int, end: int) -> tuple[list[_Moment], set[str]]:
        moments = self.moments[
            bisect.bisect_left(self.moment_starts, start) : bisect.bisect_left(
                self.moment_starts, end
            )
        ]
        cues = self.cues[
            bisect.bisect_left(self.cue_starts, start) : bisect.bisect_left(self.cue_starts, end)
        ]
        return moments, {key for _, key in cues}


def _figure(
    quantity: Quantity, reading: _Reading, at: int, language: str, published_on: date | None
) -> Figure:
    moments, keys = reading.within(*reading.clause(at))
    projecting = bool(keys & lx.PROJECTION_WORDS) or any(m.vague for m in moments)
    future = projecting or bool(keys & lx.FUTURE_WORDS)
    unit, qualifier = estimate_unit(quantity.unit), estimate_qualifier(quantity.qualifier)

    def dated(moment: _Moment, kind: str, *, forward: bool) -> Figure:
        refers_to = _resolve(moment, language, published_on, forward=forward)
        if refers_to is None:  # no year to go by: the editor gives the moment
            return Figure(unit, qualifier, "" if kind == PROJECTION else kind)
        return Figure(unit, qualifier, kind, refers_to, moment.precision)

    observed = [m for m in moments if m.observed]
    if observed:
        return dated(_nearest(observed, at), OBSERVATION, forward=False)
    ahead = [m for m in moments if not m.vague]
    if future and ahead:
        return dated(_nearest(ahead, at), PROJECTION, forward=True)
    if projecting:
        return Figure(unit, qualifier, "")  # a projection for no moment in particular
    deadlines = [m for m in ahead if m.deadline]
    if deadlines and published_on is not None:
        # "bis Dezember 10.000 Soldaten": a deadline to come is a projection, one passed a count.
        moment = _nearest(deadlines, at)
        refers_to = _resolve(moment, language, published_on, forward=False)
        if refers_to is not None:
            kind = PROJECTION if refers_to >= published_on else OBSERVATION
            return Figure(unit, qualifier, kind, refers_to, moment.precision)
    if ahead:
        # "had moved to eastern Russia in mid-October": a count of the period named.
        return dated(_nearest(ahead, at), OBSERVATION, forward=False)
    if published_on is None:
        return Figure(unit, qualifier, OBSERVATION)
    return Figure(unit, qualifier, OBSERVATION, published_on, DAY)


def _moments(sentence: str, language: str) -> list[_Moment]:
    """The moments a sentence names, in text order; where two patterns take the same words the
    longer match (then the one listed first) wins."""
    matches = []
    for rank, (pattern, precision, year_of, deadline, observed) in enumerate(_PATTERNS[language]):
        for match in pattern.finditer(sentence):
            groups = tuple((k, v) for k, v in match.groupdict().items() if v)
            moment = _Moment(match.start(), precision, year_of, groups, deadline, observed)
            matches.append((match.start(), -match.end(), rank, match.end(), moment))
    for match in _VAGUE.finditer(sentence):
        vague = _Moment(match.start(), "")
        matches.append((match.start(), -match.end(), len(_PATTERNS), match.end(), vague))
    moments: list[_Moment] = []
    taken_to = -1
    for start, _, _, end, moment in sorted(matches, key=lambda m: m[:3]):
        if start >= taken_to:
            moments.append(moment)
            taken_to = end
    return moments


def _nearest(moments: list[_Moment], at: int) -> _Moment:
    return min(moments, key=lambda m: (abs(m.start - at), m.start))


def _resolve(
    moment: _Moment, language: str, published_on: date | None, *, forward: bool
) -> date | None:
    """The last day of the period `moment` names. A month or day without a year is the next
    such one on or after the publication date (`forward`, for projections) or the most recent
    one on or before it (for observations). None when there is no year to go by."""
    groups = dict(moment.groups)
    named_year = int(groups["year"]) if "year" in groups else None
    if named_year is None and published_on is None:
        return None
    if moment.year_of in ("this", "next"):
        assert published_on is not None
        year = published_on.year + (1 if moment.year_of == "next" else 0)
        if moment.precision == MONTH:
            return _last_day(year, published_on.month)
        return date(year, 12, 31)
    if moment.precision == YEAR:
        return date(named_year, 12, 31) if named_year else None
    month = _month(groups.get("month") or groups.get("month2") or "", language)
    day = int(groups.get("day") or groups.get("day2") or 0)
    year = named_year or (published_on.year if published_on else 0)
    try:
        first = date(year, month, day or 1)
    except ValueError:
        return None  # 31. Juni
    if named_year is None and published_on is not None:
        last = first if day else _last_day(year, month)
        if forward and last < published_on:
            first = _shift_year(first, 1)
        elif not forward and first > published_on:
            first = _shift_year(first, -1)
    return first if day else _last_day(first.year, first.month)


def _month(name: str, language: str) -> int:
    months = lx.MONTHS_DE if language == "de" else lx.MONTHS_EN
    return months.index(name.casefold()) + 1


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_year(day: date, years: int) -> date:
    last = calendar.monthrange(day.year + years, day.month)[1]
    return date(day.year + years, day.month, min(day.day, last))
