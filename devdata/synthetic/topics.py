"""Story threads: when each runs, what it is about, who speaks in it, and which one a claim
recorded at a given moment belongs to."""

import math
import random
from dataclasses import dataclass

from django.utils.text import slugify

from actors.models import ActorKind

from .draws import uuid4_text
from .roster import Roster
from .shape import CLAIMS_PER_TOPIC, CLAIMS_SPAN_S, DAY, HOUR, START_S, topic_slug_prefix, when
from .spelling import fold
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
