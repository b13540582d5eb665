"""Story threads: when each runs, what it is about, who speaks in it, and which one a claim
recorded at a given moment belongs to."""

import math
import random
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

from actors.models import ActorKind
from claims.models import QuantityQualifier

from .draws import Picker, nice_number, uuid4_text
from .roster import Roster
from .shape import CLAIMS_PER_TOPIC, CLAIMS_SPAN_S, DAY, HOUR, START_S, topic_slug_prefix, when
from .spelling import decimal_text, fold, format_number
from .tables import Chunk, IdBases
from .vocabulary import Archetype, Country, vocabulary


@dataclass
class TopicSpec:
    start: int  # seconds
    end: int
    weight: float
    archetype: Archetype
    slots: dict[str, str]
    places: list[str]
    cast: list[int]  # actor indices; the first few make most claims
    names: tuple[str, ...]  # proper names a claim may start with


class Topics:
    """Topics start evenly over the claims period and run for weeks to months, overlapping; a
    claim belongs to one of the topics running when it is recorded."""

    def __init__(
        self,
        rng: random.Random,
        rows: Chunk,
        *,
        seed: int,
        claims: int,
        ids: IdBases,
        roster: Roster,
    ) -> None:
        count = max(1, -(-claims // CLAIMS_PER_TOPIC))
        self.specs: list[TopicSpec] = []
        self.ids: list[int] = []
        self._roster = roster
        words = vocabulary()
        prefix = topic_slug_prefix(seed)
        organisations = [i for i, kind in enumerate(roster.kinds) if kind == ActorKind.ORGANISATION]
        for j in range(count):
            start = START_S + (j * CLAIMS_SPAN_S) // count
            if j:
                start += rng.randrange(max(1, CLAIMS_SPAN_S // count))
            # Median four weeks, a long tail of stories that run for a year; the first topic
            # runs long, since its first claim carries the longest timeline.
            duration = int(DAY * min(400, 4 + rng.lognormvariate(math.log(24), 0.9)))
            if j == 0:
                duration = 400 * DAY
            a, b = rng.sample(words.countries, 2)
            archetype = rng.choice(words.archetypes)
            places = rng.sample(roster.towns[a.code], 3) + rng.sample(roster.towns[b.code], 1)
            commodity = rng.choice(words.commodities)
            company = roster.names[rng.choice(organisations)]
            year = str(when(start).year + (archetype.title.endswith("{Y}") and rng.random() < 0.3))
            slots = {
                "A": a.en, "A_de": a.de, "B": b.en, "B_de": b.de, "P": places[0],
                "O": company, "X": commodity[0], "X_de": commodity[1], "Y": year,
            }  # fmt: skip
            title = archetype.title.format(**slots)[:200]
            description = archetype.description.format(**slots)
            slug = f"{prefix}{j + 1:05d}-{slugify(fold(title))[:50]}".rstrip("-")
            topic_id = ids.take("topic")
            self.ids.append(topic_id)
            rows["topic"].append(
                (topic_id, uuid4_text(rng), slug, title, description, when(start - HOUR))
            )
            self.specs.append(
                TopicSpec(
                    start=start,
                    end=start + duration,
                    weight=0.2 + rng.random(),
                    archetype=archetype,
                    slots=slots,
                    places=places,
                    cast=self._cast(rng, a, b),
                    names=(a.en, b.en, company),
                )
            )
        self._next = 0  # next topic to open
        self._active: list[int] = []

    def __len__(self) -> int:
        return len(self.specs)

    def _cast(self, rng: random.Random, a: Country, b: Country) -> list[int]:
        """Who speaks in a topic: the claimants first (intelligence, governments, officials of
        the two countries), then others who comment."""
        roster = self._roster
        first, second = roster.by_country[a.code], roster.by_country[b.code]

        def some(kinds: dict[str, list[int]], kind: str, n: int) -> list[int]:
            pool = kinds.get(kind, [])
            return rng.sample(pool, min(n, len(pool)))

        return (
            some(first, ActorKind.INTELLIGENCE_SERVICE, 1)
            + some(first, ActorKind.GOVERNMENT_BODY, 2)
            + some(first, ActorKind.PERSON, 2)
            + some(second, ActorKind.GOVERNMENT_BODY, 1)
            + some(second, ActorKind.PERSON, 2)
            + some(first, ActorKind.MEDIA_OUTLET, 1)
            + some(second, ActorKind.STATE, 1)
            + rng.sample(roster.international, 2)
        )

    def for_claim(self, rng: random.Random, i: int, t: int) -> int:
        """The topic of claim i, recorded at t; claims must be asked for in time order."""
        if i == 0:
            return 0
        specs = self.specs
        while self._next < len(specs) and specs[self._next].start <= t:
            self._active.append(self._next)
            self._next += 1
        active = self._active
        for _ in range(50):
            if not active:
                break
            k = int(rng.random() * len(active))
            j = active[k]
            if specs[j].end < t:
                active[k] = active[-1]
                active.pop()
                continue
            if rng.random() < specs[j].weight:
                return j
        return max(0, self._next - 1)


def claim_text(
    rng: random.Random, spec: TopicSpec, qualifiers: Picker[str], quantity: bool
) -> tuple[str, str, tuple[Any, ...] | None]:
    """A claim of the topic: (English, German, quantity fields or None)."""
    words = vocabulary()
    slots = dict(spec.slots)
    slots["P"] = rng.choice(spec.places)
    month = when(spec.start).month - 1
    slots["M"], slots["M_de"] = words.months["en"][month], words.months["de"][month]
    fields = None
    if quantity:
        template = rng.choice(spec.archetype.quantities)
        qualifier = qualifiers(rng)
        projection = qualifier == QuantityQualifier.PROJECTED or rng.random() < 0.12
        value = nice_number(rng, template.low, template.high, template.decimals)
        upper = None
        ranged = (QuantityQualifier.EXACT, QuantityQualifier.APPROXIMATE)
        if qualifier in ranged and rng.random() < 0.2:
            upper = nice_number(rng, value, value * 3, template.decimals)
            if upper <= value:
                upper = None
        phrases = []
        for k, language in enumerate(("en", "de")):
            number = format_number(value, template.decimals, language)
            if upper is not None:
                top = format_number(upper, template.decimals, language)
                phrase = words.range_phrase[k].format(n=number, m=top)
            else:
                phrase = words.qualifier_phrases[qualifier][k].format(n=number)
            if template.unit_words[k]:
                phrase = f"{phrase} {template.unit_words[k]}"
            phrases.append(phrase)
        en, de = template.projection if projection else template.fact
        text, german = en.format(Q=phrases[0], **slots), de.format(Q=phrases[1], **slots)
        text, german = text[0].upper() + text[1:], german[0].upper() + german[1:]
        fields = (
            decimal_text(value, template.decimals),
            decimal_text(upper, template.decimals) if upper is not None else None,
            template.unit,
            qualifier,
            projection,
        )
    else:
        en, de = rng.choice(spec.archetype.claims)
        text, german = en.format(**slots), de.format(**slots)
    if fields and fields[4]:  # a projection carries its own time
        return text, german, fields
    suffix_en, suffix_de = rng.choice(words.claim_times)
    return text + suffix_en.format(**slots), german + suffix_de.format(**slots), fields
