"""Who speaks: institutions of every country, international bodies and agencies, then people,
with their aliases (other spellings, languages, scripts) and affiliations."""

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.text import slugify

from actors.models import ActorKind

from .draws import uuid4_text
from .shape import DAY, START_S, when
from .spelling import fold, initials, to_cyrillic, to_german_spelling
from .tables import Chunk, IdBases
from .vocabulary import Country, vocabulary


@dataclass
class ActorSpec:
    name: str
    kind: str
    country: str
    description: str = ""
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (name, language)
    domain: str = ""


@dataclass
class Roster:
    """Every actor of a run, by index; the lists are parallel."""

    specs: list[ActorSpec] = field(default_factory=list)
    by_country: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # code -> kind
    outlets: list[int] = field(default_factory=list)  # media outlets and news agencies
    agencies: list[int] = field(default_factory=list)
    international: list[int] = field(default_factory=list)
    towns: dict[str, list[str]] = field(default_factory=dict)  # country code -> town names
    affiliated: dict[int, int] = field(default_factory=dict)  # person -> organisation
    ids: list[int] = field(default_factory=list)
    public_ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)  # "" until a source needs one
    _seen: set[tuple[str, str, str]] = field(default_factory=set)

    def add(self, spec: ActorSpec) -> int | None:
        """The new actor's index; None for one already on the roster."""
        key = (spec.name, spec.kind, spec.country)
        if key in self._seen:
            return None
        self._seen.add(key)
        self.specs.append(spec)
        index = len(self.specs) - 1
        if spec.country:
            by_kind = self.by_country.setdefault(spec.country, {})
            by_kind.setdefault(spec.kind, []).append(index)
        return index

    def knows(self, name: str, kind: str, country: str) -> bool:
        return (name, kind, country) in self._seen

    def domain(self, actor: int) -> str:
        """The actor's web domain, made up from its name the first time it is needed."""
        if not self.domains[actor]:
            self.domains[actor] = slugify(fold(self.names[actor]))[:50] + ".example"
        return self.domains[actor]


def make_roster(
    rng: random.Random,
    rows: Chunk,
    *,
    claims: int,
    ids: IdBases,
    existing_actors: Mapping[tuple[str, str, str], tuple[int, str]],
) -> Roster:
    """Add the actor, alias and affiliation rows of a run to `rows`.

    Actors already in the database (same name, kind and country) are reused; their UUIDs are
    still drawn so that the stream, and every later row, stays the same.
    """
    roster = Roster()
    _add_institutions(rng, roster)
    affiliations = _add_people(rng, roster, claims)
    specs = roster.specs
    roster.names = [s.name for s in specs]
    roster.kinds = [s.kind for s in specs]
    roster.countries = [s.country for s in specs]
    roster.domains = [s.domain for s in specs]
    new = set()
    recorded = when(START_S - 30 * DAY)
    for index, spec in enumerate(specs):
        public_id = uuid4_text(rng)
        existing = existing_actors.get((spec.name, spec.kind, spec.country))
        if existing is not None:
            roster.ids.append(existing[0])
            roster.public_ids.append(existing[1])
            continue
        actor_id = ids.take("actor")
        roster.ids.append(actor_id)
        roster.public_ids.append(public_id)
        new.add(index)
        rows["actor"].append(
            (actor_id, public_id, spec.name, spec.kind, spec.country, spec.description, "",
             recorded)
        )  # fmt: skip
        names = {spec.name}
        for alias, language in spec.aliases:
            if alias and alias not in names and len(alias) <= 200:
                names.add(alias)
                rows["alias"].append((ids.take("alias"), actor_id, alias, language, recorded))
    for person, organisation, role, start, end in affiliations:
        roster.affiliated[person] = organisation
        if person in new:
            rows["affiliation"].append(
                (ids.take("affiliation"), roster.ids[person], roster.ids[organisation], role,
                 start, end, recorded)
            )  # fmt: skip
    return roster


def _add_institutions(rng: random.Random, roster: Roster) -> None:
    words = vocabulary()
    add = roster.add
    for name, aliases in words.international_organisations:
        roster.international.append(len(roster.specs))
        add(ActorSpec(name, ActorKind.ORGANISATION, "", "", [(a, "") for a in aliases]))
    for name, aliases in words.news_agencies:
        roster.agencies.append(len(roster.specs))
        roster.outlets.append(len(roster.specs))
        add(
            ActorSpec(
                name,
                ActorKind.NEWS_AGENCY,
                "",
                "International news agency",
                [(a, "") for a in aliases],
                slugify(fold(name)) + ".example",
            )
        )

    for country in words.countries:
        c, d = country.en, country.de
        towns: list[str] = []
        roster.towns[country.code] = towns
        while len(towns) < 12:
            town = make_town(rng, country)
            if town not in towns:
                towns.append(town)
        state_aliases = [(d, "de")] if d != c else []
        add(ActorSpec(c, ActorKind.STATE, country.code, "", state_aliases))
        add(
            ActorSpec(
                f"Government of {c}",
                ActorKind.GOVERNMENT_BODY,
                country.code,
                "",
                [(country.capital, "en"), (f"Regierung von {d}", "de")],
            )
        )
        for name, german, acronym in words.ministries:
            if rng.random() < 0.75:
                spellings = [(german.format(d=d), "de")]
                if acronym:
                    spellings.append((f"{c} {acronym}", "en"))
                add(
                    ActorSpec(
                        name.format(c=c), ActorKind.GOVERNMENT_BODY, country.code, "", spellings
                    )
                )
        for name, german, acronym in words.intelligence_services[: 1 + (rng.random() < 0.4)]:
            add(
                ActorSpec(
                    name.format(c=c),
                    ActorKind.INTELLIGENCE_SERVICE,
                    country.code,
                    f"Intelligence service of {c}",
                    [(german.format(d=d), "de"), (f"{c} {acronym}", "en")],
                )
            )
        agency = f"{c} Press Agency"
        roster.agencies.append(len(roster.specs))
        roster.outlets.append(len(roster.specs))
        add(
            ActorSpec(
                agency,
                ActorKind.NEWS_AGENCY,
                country.code,
                f"National news agency of {c}",
                [(initials(agency), "")],
                slugify(fold(agency)) + ".example",
            )
        )
        newspapers = words.newspaper_names.get(country.language, ())
        for n in range(2 + rng.randrange(3)):
            if newspapers and n < 2:
                name = rng.choice(newspapers).format(t=rng.choice(towns[:4]))
            else:
                name = rng.choice(words.generic_outlets).format(c=c, cap=country.capital)
            spellings = [(fold(name), "")] if fold(name) != name else []
            outlet = add(
                ActorSpec(
                    name,
                    ActorKind.MEDIA_OUTLET,
                    country.code,
                    f"Media outlet in {c}",
                    spellings,
                    slugify(fold(name)) + ".example",
                )
            )
            if outlet is not None:
                roster.outlets.append(outlet)
        for _ in range(1 + rng.randrange(3)):
            style = words.name_styles[country.name_style]
            company = f"{rng.choice(style.stems)}{rng.choice(words.company_endings)}"
            if style.endings:
                company = f"{rng.choice(style.stems)}{rng.choice(style.endings)} " + (
                    rng.choice(words.company_endings)
                )
            add(ActorSpec(company, ActorKind.ORGANISATION, country.code, f"Company in {c}"))


def _add_people(
    rng: random.Random, roster: Roster, claims: int
) -> list[tuple[int, int, str, date, date | None]]:
    """Enough people that a topic's cast rarely repeats, at least a few per country; returns
    their affiliations (person, organisation, role, start, end)."""
    words = vocabulary()
    countries = words.countries
    roles = words.roles
    people = max(8 * len(countries), claims // 100)
    affiliations: list[tuple[int, int, str, date, date | None]] = []
    for n in range(people):
        country = countries[n % len(countries)] if n < 4 * len(countries) else None
        country = country or countries[int(len(countries) * rng.random() ** 1.4)]
        for _ in range(20):
            name, aliases = make_person(rng, country)
            if not roster.knows(name, ActorKind.PERSON, country.code):
                break
        else:
            name = f"{name} {rng.choice('ABCDEFGHJKLMNPRSTVW')}."
        institutions = roster.by_country[country.code]
        organisation, role = None, ""
        if rng.random() < 0.7:
            kind = rng.choice(list(roles))
            candidates = institutions.get(kind)
            if candidates:
                organisation = rng.choice(candidates)
                role = rng.choice(roles[kind])
        description = (
            f"{role}, {roster.specs[organisation].name}" if organisation is not None else ""
        )
        index = roster.add(
            ActorSpec(
                name,
                ActorKind.PERSON,
                country.code,
                description,
                aliases,
                f"social.example/@{slugify(fold(name)).replace('-', '')}",
            )
        )
        if index is None:
            continue
        if organisation is not None:
            start = date(2005 + rng.randrange(18), 1 + rng.randrange(12), 1 + rng.randrange(28))
            end = None
            if rng.random() < 0.25:
                end = start + timedelta(days=200 + rng.randrange(2000))
            affiliations.append((index, organisation, role, start, end))
    return affiliations


def make_person(rng: random.Random, country: Country) -> tuple[str, list[tuple[str, str]]]:
    """A made-up person of that country: (name, aliases as (name, language))."""
    words = vocabulary()
    style_key = country.name_style
    style = words.name_styles[style_key]
    female = rng.random() < 0.42
    given = rng.choice(style.females if female else style.males)
    if style.endings:
        ending = rng.choice(style.endings)
        if female:
            ending = style.female_endings.get(ending, ending)
        surname = rng.choice(style.stems) + ending
    else:
        surname = rng.choice(style.stems)
        if style.double_surname and rng.random() < 0.5:
            second = rng.choice(style.stems)
            if second != surname:
                surname = f"{surname} {second}"
    aliases: list[tuple[str, str]] = []
    if style_key == "ko":
        second = rng.choice(style.females if female else style.males)
        name = f"{surname} {given} {second}"
        aliases.append((f"{surname} {given}-{second.lower()}", "en"))
        aliases.append((f"{surname} {given}{second.lower()}", "en"))
        if surname in words.korean_family_spellings:
            variant = words.korean_family_spellings[surname]
            aliases.append((f"{variant} {given}-{second.lower()}", "en"))
    elif style_key == "zh":
        if rng.random() < 0.6:
            given += rng.choice(style.males + style.females).lower()
        name = f"{surname} {given}"
        aliases.append((f"{given} {surname}", "en"))
    elif style_key == "vi":
        name = f"{surname} {rng.choice(words.vietnamese_middle_names)} {given}"
    elif style.family_first:  # Hungarian
        name = f"{surname} {given}"
        aliases.append((f"{given} {surname}", "en"))
    else:
        name = f"{given} {surname}"
    if style_key == "ja":
        aliases.append((f"{surname} {given}", "ja"))
    if style_key == "ru":
        aliases.append((to_cyrillic(name), country.language))
        aliases.append((to_german_spelling(name), "de"))
    if style_key == "hy":
        aliases.append((name.replace("yan", "jan"), "de"))
    if style_key == "ar" and given in words.arabic_given_spellings:
        variant, language = words.arabic_given_spellings[given]
        aliases.append((name.replace(given, variant, 1), language))
    if style_key == "ar" and "Al-" in name:
        aliases.append((name.replace("Al-", "al-"), "en"))
    folded = fold(name)
    if folded != name:
        aliases.append((folded, "en"))
    if rng.random() < 0.15 and not style.family_first:
        aliases.append((f"{given[0]}. {surname}", ""))
    return name, aliases


def make_town(rng: random.Random, country: Country) -> str:
    words = vocabulary()
    ending = rng.choice(words.name_styles[country.name_style].town_endings)
    return rng.choice(words.town_stems) + rng.choice(words.town_middles) + ending
