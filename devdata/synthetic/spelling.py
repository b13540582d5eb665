"""How names are spelled in other alphabets and in plain ASCII, and how numbers are written."""

import re
import unicodedata
from collections.abc import Mapping

from .vocabulary import vocabulary

# Latin letters that NFKD does not decompose.
_FOLD = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "Ae", "æ": "ae"}
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PATTERNS: dict[int, re.Pattern[str]] = {}


def fold(text: str) -> str:
    """Plain ASCII spelling: Łukasz Wiśniewski -> Lukasz Wisniewski."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def url_slug(text: str) -> str:
    """Up to 60 characters of ASCII words joined by hyphens, as news sites make them."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower())[:60].strip("-")


def _transliterate(table: Mapping[str, str], name: str) -> str:
    """Replace in one pass, longest match first, keeping an initial capital."""
    pattern = _PATTERNS.get(id(table))
    if pattern is None:
        keys = sorted(table, key=len, reverse=True)
        pattern = _PATTERNS[id(table)] = re.compile("|".join(keys), re.IGNORECASE)

    def replace(match: re.Match[str]) -> str:
        found = match.group()
        new = table[found.lower()]
        return new[0].upper() + new[1:] if found[0].isupper() else new

    return pattern.sub(replace, name)


def to_cyrillic(name: str) -> str:
    """Russian-style names back in Cyrillic: Sharov -> Шаров."""
    return _transliterate(vocabulary().cyrillic_spelling, name)


def to_german_spelling(name: str) -> str:
    """Zinoviev -> Sinowjew, Sharov -> Scharow."""
    return _transliterate(vocabulary().german_spelling_of_russian, name)


def initials(name: str) -> str:
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper())


def format_number(value: float, decimals: int, language: str) -> str:
    text = f"{value:,.{decimals}f}"
    if language == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def decimal_text(value: float, decimals: int) -> str:
    return f"{value:.{max(decimals, 0)}f}"
