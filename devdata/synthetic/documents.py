"""The documents statements are recorded in: sources with their citation chains and the
re-check job's snapshots, consistent with each source's health."""

import hashlib
import random
from datetime import timedelta

from actors.models import ActorKind
from sources.models import Health, SourceKind

from .draws import Picker, uuid4_text
from .roster import Roster
from .shape import (
    DAY,
    END_S,
    HEALTH_WEIGHTS,
    HOUR,
    ORIGIN_KINDS,
    RELIABILITY_WEIGHTS,
    SOURCE_KIND_WEIGHTS,
    START_S,
    when,
)
from .spelling import url_slug
from .tables import Chunk, IdBases
from .vocabulary import vocabulary

# (id, public id, published): a source later statements can land in.
Shared = tuple[int, str, int]


class Documents:
    def __init__(self, rng: random.Random, *, ids: IdBases, roster: Roster) -> None:
        self._rng, self._ids, self._roster = rng, ids, roster
        # Multi-voice sources by (day, topic): other statements of that topic and day land in
        # them. Pruned as the clock moves on.
        self.day_sources: dict[int, Shared] = {}
        # A speaker's own statement, briefing or post by (day, topic, actor): the same speaker
        # on other claims of the topic that day (the demo's NIS briefing holds three claims).
        self.own_sources: dict[int, Shared] = {}
        self._last_wire: dict[int, tuple[int, str]] = {}  # topic -> (source id, publisher)
        self._last_origin: dict[int, tuple[int, str]] = {}
        # Sources that changed or vanished: id -> (public id, health, title, when), for flags.
        self.troubled: dict[int, tuple[str, str, str, int]] = {}
        self._language = {c.code: c.language for c in vocabulary().countries}
        self._boilerplate = vocabulary().snapshot_boilerplate
        self._kind = {k: Picker(w) for k, w in SOURCE_KIND_WEIGHTS.items()}
        self._reliability = {k: Picker(w) for k, w in RELIABILITY_WEIGHTS.items()}
        self._health = Picker(HEALTH_WEIGHTS)
        self._days: dict[int, tuple[str, str]] = {}
        self._slug_cache = ("", "")

    def prune(self, now: int, *, topics: int) -> None:
        """Forget shared sources of days long past: the memory stays bounded."""
        horizon = (now - START_S) // DAY - 150
        if horizon <= 0:
            return
        width, actors = topics + 1, len(self._roster.ids)
        if len(self.day_sources) > 50_000:
            self.day_sources = {
                key: value for key, value in self.day_sources.items() if key // width >= horizon
            }
        if len(self.own_sources) > 50_000:
            self.own_sources = {
                key: value
                for key, value in self.own_sources.items()
                if key // actors // width >= horizon
            }

    def new(
        self,
        chunk: Chunk,
        *,
        topic: int,
        actor: int,
        published: int,
        recorded: int,
        headline: str,
        clause: str,
        venue: str,
    ) -> tuple[int, str, str]:
        """Write a source with its citations and snapshots; returns (id, public id, kind)."""
        rng, roster = self._rng, self._roster
        actor_kind = roster.kinds[actor]
        kind = self._kind[actor_kind](rng)
        if kind == SourceKind.NEWS_ARTICLE:
            publisher = roster.outlets[int(rng.random() * len(roster.outlets))]
        elif kind == SourceKind.AGENCY_WIRE:
            publisher = roster.agencies[int(rng.random() * len(roster.agencies))]
        elif actor_kind == ActorKind.PERSON and kind != SourceKind.SOCIAL_POST:
            # An official's words come from their office; anyone else's from an interview.
            publisher = roster.affiliated.get(actor, -1)
            if publisher < 0:
                publisher = roster.outlets[int(rng.random() * len(roster.outlets))]
        else:
            publisher = actor
        publisher_name = roster.names[publisher]
        if kind == SourceKind.NEWS_ARTICLE:
            title = headline
        elif kind == SourceKind.AGENCY_WIRE:
            title = f"{publisher_name}: {headline}"
        elif kind == SourceKind.TRANSCRIPT:
            title = f"{(venue or 'press conference').capitalize()} with {roster.names[actor]}"
        elif kind == SourceKind.SOCIAL_POST:
            title = f"Post by {roster.names[actor]}"
        elif kind == SourceKind.INTELLIGENCE_BRIEFING:
            title = f"{publisher_name} briefing: {headline}"
        else:
            title = f"{publisher_name}: statement on the report that {clause}"
        title = title[:500]
        url = ""
        if kind == SourceKind.SOCIAL_POST:
            url = f"https://{roster.domains[actor]}/{rng.getrandbits(48)}"
        elif kind != SourceKind.INTELLIGENCE_BRIEFING or rng.random() < 0.2:
            domain = roster.domain(publisher)
            slug = self._slug(headline)
            url = f"https://{domain}/{self._day_text(published)[0]}/{slug}-{rng.getrandbits(20)}"
        language = self._language.get(roster.countries[publisher], "en")
        if kind in (SourceKind.AGENCY_WIRE, SourceKind.TRANSCRIPT) and rng.random() < 0.5:
            language = "en"
        source_id = self._ids.take("source")
        public_id = uuid4_text(rng)
        reliability = self._reliability[kind](rng)

        health: str = Health.UNCHECKED
        health_changed = last_checked = next_check = interval = None
        failures = 0
        recorded_at = when(recorded)
        if url:
            next_check = recorded_at
            if rng.random() < 0.95:
                health, checked, changed, interval, failures = self._snapshots(
                    chunk, source_id, url, title, recorded
                )
                next_check = when(checked + int(interval.total_seconds()))
                last_checked, health_changed = when(checked), when(changed)
                if health in (Health.GONE, Health.CHANGED):
                    self.troubled[source_id] = (public_id, health, title, changed)
        chunk["source"].append(
            (source_id, public_id, title, url, roster.ids[publisher], when(published),
             language, kind, reliability, "", health, health_changed, last_checked, next_check,
             interval, failures, recorded_at)
        )  # fmt: skip

        # Provenance: wires cite origins, articles cite wires and sometimes the origin itself.
        cites = []
        if kind == SourceKind.AGENCY_WIRE and topic in self._last_origin:
            if rng.random() < 0.6:
                cites.append(self._last_origin[topic])
        elif kind == SourceKind.NEWS_ARTICLE:
            if topic in self._last_wire and rng.random() < 0.5:
                cites.append(self._last_wire[topic])
            if topic in self._last_origin and rng.random() < 0.25:
                cites.append(self._last_origin[topic])
        for cited, cited_publisher in cites:
            chunk["citation"].append(
                (self._ids.take("citation"), source_id, cited, f"citing {cited_publisher}",
                 when(recorded))
            )  # fmt: skip
        if kind == SourceKind.AGENCY_WIRE:
            self._last_wire[topic] = (source_id, publisher_name)
        elif kind in ORIGIN_KINDS:
            self._last_origin[topic] = (source_id, publisher_name)
        return source_id, public_id, kind

    def _snapshots(
        self, chunk: Chunk, source_id: int, url: str, title: str, recorded: int
    ) -> tuple[str, int, int, timedelta, int]:
        """The re-check job's fetches of a source; returns (health, last checked, health
        changed, interval, consecutive failures)."""
        rng, take = self._rng, self._ids.take
        outcome = self._health(rng)
        fetched = min(recorded + 300 + int(rng.random() * (2 * HOUR)), END_S)
        rows = chunk["snapshot"]
        if outcome == Health.BLOCKED:
            rows.append(
                (take("snapshot"), source_id, when(fetched), url, "", "[]", None, "", "", 0, "",
                 "", False, "", Health.BLOCKED, "Refused: the host resolves to a private address.",
                 when(recorded), when(fetched))
            )  # fmt: skip
            return Health.BLOCKED, fetched, fetched, timedelta(days=1), 1
        text = f"{title}. {self._boilerplate}"
        digest = hashlib.sha256(text.encode()).hexdigest()
        etag = f'"{rng.getrandbits(40):010x}"'
        modified = self._http_date(recorded - 600)
        rows.append(
            (take("snapshot"), source_id, when(fetched), url, url, "[]", 200, etag, modified,
             len(text.encode()) * 3, digest, text, False, "", Health.OK, "", when(recorded),
             when(fetched))
        )  # fmt: skip
        if outcome == Health.OK:
            if rng.random() < 0.15:
                due = fetched + DAY
                again = min(due + int(rng.random() * 600), END_S)
                rows.append(
                    (take("snapshot"), source_id, when(again), url, url, "[]", 304, etag,
                     modified, 0, digest, "", False, "", Health.OK, "", when(due), when(again))
                )  # fmt: skip
                return Health.OK, again, fetched, timedelta(days=2), 0
            return Health.OK, fetched, fetched, timedelta(days=1), 0
        due = fetched + DAY
        again = min(due + int(rng.random() * 600), END_S)
        if outcome == Health.CHANGED:
            correction = f"{title}. Correction: an earlier version misstated a figure."
            new_text = f"{correction} {self._boilerplate}"
            rows.append(
                (take("snapshot"), source_id, when(again), url, url, "[]", 200,
                 f'"{rng.getrandbits(40):010x}"', self._http_date(again - 900),
                 len(new_text.encode()) * 3, hashlib.sha256(new_text.encode()).hexdigest(),
                 new_text, True, f"-{title}.\n+{correction}", Health.CHANGED, "", when(due),
                 when(again))
            )  # fmt: skip
            return Health.CHANGED, again, again, timedelta(days=1), 0
        if outcome == Health.GONE:
            status = 404 if rng.random() < 0.8 else 410
            rows.append(
                (take("snapshot"), source_id, when(again), url, url, "[]", status, "", "", 0, "",
                 "", False, "", Health.GONE, "", when(due), when(again))
            )  # fmt: skip
            return Health.GONE, again, again, timedelta(days=7), 0
        failures = 1 + int(rng.random() * 5)
        rows.append(
            (take("snapshot"), source_id, when(again), url, "", "[]", None, "", "", 0, "", "",
             False, "", Health.UNREACHABLE, "Connection timed out after 20 s.", when(due),
             when(again))
        )  # fmt: skip
        return Health.UNREACHABLE, again, again, timedelta(hours=2**failures), failures

    def _day_text(self, seconds: int) -> tuple[str, str]:
        """("2024/10/21", "Mon, 21 Oct 2024") for the day of `seconds`: URL path and HTTP date.
        Cached; a million sources fall on a few thousand days."""
        day = seconds // DAY
        text = self._days.get(day)
        if text is None:
            moment = when(day * DAY)
            text = self._days[day] = (f"{moment:%Y/%m/%d}", f"{moment:%a, %d %b %Y}")
        return text

    def _http_date(self, seconds: int) -> str:
        rest = seconds % DAY
        clock = f"{rest // HOUR:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}"
        return f"{self._day_text(seconds)[1]} {clock} GMT"

    def _slug(self, headline: str) -> str:
        """The URL slug of a headline; sources of one claim share it, so the last one is kept."""
        if self._slug_cache[0] != headline:
            self._slug_cache = (headline, url_slug(headline))
        return self._slug_cache[1]
