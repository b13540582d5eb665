"""The generator's word tables, read once from the data files in devdata/data/.

Keys that name a stance, verdict or actor kind are checked against the models' choices when the
files are read: a renamed choice fails here, not as rows the database refuses an hour into a run.
"""

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from actors.models import ActorKind
from claims.models import QuantityQualifier, Stance, Verdict

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

Pair = tuple[str, str]  # (English, German)


@dataclass(frozen=True)
class Country:
    code: str
    en: str
    de: str
    capital: str
    name_style: str  # how people there are named: a key of Vocabulary.name_styles
    language: str  # what its media publish in


@dataclass(frozen=True)
class NameStyle:
    """How to make up plausible names in one naming tradition."""

    males: tuple[str, ...]
    females: tuple[str, ...]
    stems: tuple[str, ...]  # surname = stem + ending, or a whole surname when there are no endings
    endings: tuple[str, ...]
    female_endings: Mapping[str, str]  # male ending -> female ending
    family_first: bool
    double_surname: bool
    town_endings: tuple[str, ...]  # some start with a space: "Almar" + " del Río"


@dataclass(frozen=True)
class QuantityTemplate:
    fact: Pair  # {Q} is the quantity phrase
    projection: Pair
    unit: str
    low: float
    high: float
    decimals: int
    unit_words: Pair  # after the number: "percent", "Prozent"


@dataclass(frozen=True)
class Archetype:
    """A kind of story: its topic title and description, and the claims made in it."""

    title: str
    description: str
    claims: tuple[Pair, ...]
    quantities: tuple[QuantityTemplate, ...]


@dataclass(frozen=True)
class Vocabulary:
    countries: tuple[Country, ...]
    name_styles: Mapping[str, NameStyle]
    town_stems: tuple[str, ...]  # shared by all styles; each style adds its own endings
    town_middles: tuple[str, ...]
    vietnamese_middle_names: tuple[str, ...]
    korean_family_spellings: Mapping[str, str]
    arabic_given_spellings: Mapping[str, tuple[str, str]]  # name -> (variant, language)
    cyrillic_spelling: Mapping[str, str]
    german_spelling_of_russian: Mapping[str, str]
    months: Mapping[str, tuple[str, ...]]  # language -> January … December
    commodities: tuple[Pair, ...]
    company_endings: tuple[str, ...]
    newspaper_names: Mapping[str, tuple[str, ...]]  # language -> patterns with {t} (a town)
    generic_outlets: tuple[str, ...]  # {c} country, {cap} capital
    ministries: tuple[tuple[str, str, str], ...]  # (name, German alias, acronym or "")
    intelligence_services: tuple[tuple[str, str, str], ...]
    international_organisations: tuple[tuple[str, tuple[str, ...]], ...]  # (name, aliases)
    news_agencies: tuple[tuple[str, tuple[str, ...]], ...]
    roles: Mapping[str, tuple[str, ...]]  # organisation kind -> role titles
    archetypes: tuple[Archetype, ...]
    claim_times: tuple[Pair, ...]  # said about the time of a claim; "" mostly
    qualifier_phrases: Mapping[str, Pair]  # qualifier -> "about {n}", "rund {n}"
    range_phrase: Pair  # "between {n} and {m}"
    quotes: Mapping[str, tuple[Pair, ...]]  # stance -> {C} sentence, {c} clause, {d} German
    venues: tuple[str, ...]
    rationales: Mapping[str, tuple[str, ...]]  # verdict -> {claimant}, {n} origins
    resolution_notes: tuple[str, ...]
    snapshot_boilerplate: str


@cache
def vocabulary() -> Vocabulary:
    """Every table, read and checked on first use."""
    styles = {
        key: NameStyle(
            males=tuple(style["males"]),
            females=tuple(style["females"]),
            stems=tuple(style["stems"]),
            endings=tuple(style["endings"]),
            female_endings=style["female_endings"],
            family_first=style["family_first"],
            double_surname=style["double_surname"],
            town_endings=tuple(style["town_endings"]),
        )
        for key, style in _json("name_styles").items()
    }
    with (DATA_DIR / "countries.csv").open(encoding="utf-8", newline="") as rows:
        countries = tuple(Country(**row) for row in csv.DictReader(rows))
    _check("countries.csv name_style", (c.name_style for c in countries), styles)
    towns = _json("town_syllables")
    months = _json("months")
    phrases = _json("quantity_phrases")
    range_en, range_de = phrases["range"]
    quotes = {stance: _pairs(rows) for stance, rows in _json("quotes").items()}
    rationales = {verdict: tuple(rows) for verdict, rows in _json("rationales").items()}
    roles = {kind: tuple(rows) for kind, rows in _json("roles").items()}
    _check("quotes.json", quotes, Stance.values, every=True)
    _check("rationales.json", rationales, Verdict.values, every=True)
    _check("roles.json", roles, ActorKind.values)
    _check("quantity_phrases.json", phrases["qualifiers"], QuantityQualifier.values, every=True)
    return Vocabulary(
        countries=countries,
        name_styles=styles,
        town_stems=tuple(towns["stems"]),
        town_middles=tuple(towns["middles"]),
        vietnamese_middle_names=tuple(_json("vietnamese_middle_names")),
        korean_family_spellings=_json("korean_family_spellings"),
        arabic_given_spellings={
            name: (variant, language)
            for name, (variant, language) in _json("arabic_given_spellings").items()
        },
        cyrillic_spelling=_json("cyrillic_spelling"),
        german_spelling_of_russian=_json("german_spelling_of_russian"),
        months={language: tuple(names) for language, names in months.items()},
        commodities=_pairs(_json("commodities")),
        company_endings=tuple(_json("company_endings")),
        newspaper_names={
            language: tuple(names) for language, names in _json("newspaper_names").items()
        },
        generic_outlets=tuple(_json("generic_outlets")),
        ministries=tuple((n, de, acronym) for n, de, acronym in _json("ministries")),
        intelligence_services=tuple(
            (n, de, acronym) for n, de, acronym in _json("intelligence_services")
        ),
        international_organisations=tuple(
            (name, tuple(aliases)) for name, aliases in _json("international_organisations")
        ),
        news_agencies=tuple((name, tuple(aliases)) for name, aliases in _json("news_agencies")),
        roles=roles,
        archetypes=tuple(_archetype(topic) for topic in _json("topics")),
        claim_times=_pairs(_json("claim_times")),
        qualifier_phrases={k: (en, de) for k, (en, de) in phrases["qualifiers"].items()},
        range_phrase=(range_en, range_de),
        quotes=quotes,
        venues=tuple(_json("venues")),
        rationales=rationales,
        resolution_notes=tuple(_json("resolution_notes")),
        snapshot_boilerplate=(DATA_DIR / "snapshot_boilerplate.txt").read_text("utf-8").strip(),
    )


def _json(name: str) -> Any:
    return json.loads((DATA_DIR / f"{name}.json").read_text("utf-8"))


def _pairs(rows: Iterable[list[str]]) -> tuple[Pair, ...]:
    return tuple((en, de) for en, de in rows)


def _archetype(topic: dict[str, Any]) -> Archetype:
    return Archetype(
        title=topic["title"],
        description=topic["description"],
        claims=_pairs(topic["claims"]),
        quantities=tuple(
            QuantityTemplate(
                fact=(quantity["fact"][0], quantity["fact"][1]),
                projection=(quantity["projection"][0], quantity["projection"][1]),
                unit=quantity["unit"],
                low=quantity["low"],
                high=quantity["high"],
                decimals=quantity["decimals"],
                unit_words=(quantity["unit_words"][0], quantity["unit_words"][1]),
            )
            for quantity in topic["quantities"]
        ),
    )


def _check(table: str, keys: Iterable[str], allowed: Iterable[str], *, every: bool = False) -> None:
    keys, allowed = set(keys), set(allowed)
    if unknown := keys - allowed:
        raise ValueError(f"{table}: unknown {', '.join(sorted(unknown))}")
    if every and (missing := allowed - keys):
        raise ValueError(f"{table}: nothing for {', '.join(sorted(missing))}")
