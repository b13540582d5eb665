"""Dates in news text, relative ones (am Montag, on Friday, gestern, yesterday) resolved against
the publication date to the most recent such day on or before it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import lexicon as lx
from .segmentation import datelines


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    resolved: date | None  # None when it says when something happens rather than was said


_MONTHS_DE = r"Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_MONTHS_EN = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_GERMAN_DATE = re.compile(
    r"\b(?:(?P<prefix>am|vom|seit|bis|ab|für|nächsten|kommenden|vergangenen|letzten|"
    r"in\s+der\s+Nacht\s+(?:zum|auf\s+den)|zum)\s+)?"
    r"(?:(?P<weekday>Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
    r"(?:abend|morgen|mittag|nachmittag|vormittag|nacht)?"
    r"|(?P<relative>vorgestern|gestern|heute)(?:abend|morgen|nachmittag)?"
    rf"|(?P<day>\d{{1,2}})\.\s*(?P<month>{_MONTHS_DE})(?:\s+(?P<year>\d{{4}}))?)\b",
    re.IGNORECASE,
)
_ENGLISH_DATE = re.compile(
    r"\b(?:(?P<prefix>on|since|until|till|by|from|for|next|last|this)\s+)?"
    r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|evening|morning|afternoon))?"
    r"|(?P<relative>yesterday|today|tonight|last\s+night)"
    rf"|(?P<month>{_MONTHS_EN}|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTHS_EN})(?:\s+(?P<year2>\d{{4}}))?)\b"
)
# A date after these words says when something happens, not when it was said: bis Dienstag,
# until Wednesday, für Dienstag angesetzt. "zum Montag" alone is a deadline; "in der Nacht zum
# Montag" is a time, and stays.
_NOT_SAID_PREFIXES = {
    "seit",
    "bis",
    "ab",
    "für",
    "zum",
    "nächsten",
    "kommenden",
    "since",
    "until",
    "till",
    "by",
    "from",
    "for",
    "next",
}


_LAST = {"last", "vergangenen", "letzten"}


def find_dates(text: str, *, language: str, published_on: date | None) -> list[DateMention]:
    """Every date expression in `text`, resolved where it can be (datelines left out)."""
    pattern = _GERMAN_DATE if language == "de" else _ENGLISH_DATE
    excluded = datelines(text)
    mentions = []
    for match in pattern.finditer(text):
        if any(lo <= match.start() < hi for lo, hi in excluded):
            continue
        prefix = " ".join((match.group("prefix") or "").casefold().split())
        resolved = None
        if prefix not in _NOT_SAID_PREFIXES and published_on is not None:
            resolved = _resolve(match, language, published_on)
            if resolved == published_on and prefix in _LAST and match.group("weekday"):
                resolved -= timedelta(days=7)  # "last Monday", published on a Monday
        mentions.append(DateMention(match.start(), match.end(), match.group(), resolved))
    return mentions


def _resolve(match: re.Match[str], language: str, published_on: date) -> date | None:
    groups = match.groupdict()
    if groups.get("weekday"):
        name = groups["weekday"].casefold()
        name = "samstag" if name == "sonnabend" else name
        weekdays = lx.WEEKDAYS_DE if language == "de" else lx.WEEKDAYS_EN
        weekday = weekdays.index(name)
        return published_on - timedelta(days=(published_on.weekday() - weekday) % 7)
    if groups.get("relative"):
        relative = " ".join(groups["relative"].casefold().split())
        back = {"vorgestern": 2, "gestern": 1, "yesterday": 1, "last night": 1}.get(relative, 0)
        return published_on - timedelta(days=back)
    day = groups.get("day") or groups.get("day2")
    month_name = (groups.get("month") or groups.get("month2") or "").casefold().rstrip(".")
    year = groups.get("year") or groups.get("year2")
    if not day or not month_name:
        return None
    months = lx.MONTHS_DE if language == "de" else lx.MONTHS_EN
    month = next((i for i, m in enumerate(months, 1) if m.startswith(month_name[:3])), None)
    if month is None:
        return None
    try:
        resolved = date(int(year) if year else published_on.year, month, int(day))
    except ValueError:
        return None
    if not year and resolved > published_on:
        resolved = resolved.replace(year=resolved.year - 1)  # 28 December, published 2 January
    return resolved
