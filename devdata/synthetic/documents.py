"""The documents statements are recorded in: sources with their citation chains and the
re-check job's snapshots, consistent with each source's health."""

import hashlib
import random
from datetime import datetime, timedelta

from actors.models import ActorKind
from sources.models import Health, SourceKind

from .draws import Picker, uuid4_text
from .roster import Roster
from .shape import (
    ALSO_CITES_ORIGIN,
    CITED_DEPTH_WEIGHTS,
    DAY,
    END_S,
    HEALTH_WEIGHTS,
    HOUR,
    MAX_CHAIN_DEPTH,
    NEW_ORIGIN_ODDS,
    ORIGIN_KINDS,
    RELIABILITY_WEIGHTS,
    REPEATS_FIRST_REPORT,
    RING_ODDS,
    SOURCE_KIND_WEIGHTS,
    START_S,
    when,
)
from .spelling import url_slug
from .tables import Chunk, IdBases
from .vocabulary import vocabulary

# (id, publisher name, depth, id of the source it cites first or 0): a source later reports can
# cite. Its depth is the length of its longest chain of citations to an origin (0: it cites
# nothing), rings of circular reporting aside.
Link = tuple[int, str, int, int]
# (id, public id, published, link): a source later statements can land in.
Shared = tuple[int, str, int, Link]
AGENCY_WIRE, NEWS_ARTICLE = SourceKind.AGENCY_WIRE.value, SourceKind.NEWS_ARTICLE.value


class Documents:
    def __init__(self, rng: random.Random, *, ids: IdBases, roster: Roster) -> None:
        self._rng, self._ids, self._roster = rng, ids, roster
        # Multi-voice sources by (day, topic): other statements of that topic and day land in
        # them. Pruned as the clock moves on.
        self.day_sources: dict[int, Shared] = {}
        # A speaker's own statement, briefing or post by (day, topic, actor): the same speaker
        # on other claims of the topic that day (the demo's NIS briefing holds three claims).
        self.own_sources: dict[int, Shared] = {}
        # Per topic, the latest source at each depth of its chains that reports can cite, of
        # any kind (depth 0: the origin kinds) and wires alone: citations follow the story.
        self._chains: dict[int, tuple[list[Link | None], list[Link | None]]] = {}
        self._cited_depth = {k: Picker(w) for k, w in CITED_DEPTH_WEIGHTS.items()}
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
        repeats: Link | None = None,
        repeat_odds: float = REPEATS_FIRST_REPORT,
    ) -> tuple[int, str, str, Link]:
        """Write a source with its citations and snapshots; returns (id, public id, kind, the
        link later reports cite it by). A wire or article cites `repeats`, the first report of
        the same claim, with `repeat_odds`."""
        rng, roster = self._rng, self._roster
        actor_kind = roster.kinds[actor]
        kind = self._kind[actor_kind](rng)
        if repeat_odds >= 1:
            kind = NEWS_ARTICLE  # an outlet repeating the claim's first report
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

        link = self._cite(
            chunk,
            source_id=source_id,
            kind=kind,
            publisher_name=publisher_name,
            topic=topic,
            recorded_at=recorded_at,
            repeats=repeats,
            repeat_odds=repeat_odds,
        )
        return source_id, public_id, kind, link

    def _cite(
        self,
        chunk: Chunk,
        *,
        source_id: int,
        kind: str,
        publisher_name: str,
        topic: int,
        recorded_at: datetime,
        repeats: Link | None,
        repeat_odds: float,
    ) -> Link:
        """Provenance: write the new source's citations and return its link. Wires cite an
        origin or another wire, articles cite wires, origins and other articles (chains of depth
        1 to MAX_CHAIN_DEPTH), a report of a claim often cites the claim's first report, a few
        cite the topic's origin as well, and rarely a cited source cites back (a ring)."""
        rng = self._rng
        chains = self._chains.get(topic)
        if chains is None:
            chains = self._chains[topic] = ([None] * MAX_CHAIN_DEPTH, [None] * MAX_CHAIN_DEPTH)
        reports, wires = chains
        cited: list[Link] = []
        picker = self._cited_depth.get(kind)
        depth = picker(rng) if picker is not None else -1
        if (
            picker is not None
            and repeats is not None
            and repeats[2] < MAX_CHAIN_DEPTH
            and rng.random() < repeat_odds
        ):
            cited.append(repeats)
        elif depth >= 0:
            pool = wires if kind == AGENCY_WIRE else reports
            # The deepest source there is at or above the drawn depth.
            while depth > 0 and pool[depth] is None:
                depth -= 1
            found = pool[depth] if depth > 0 else reports[0]
            if found is not None:
                cited.append(found)
        if cited and rng.random() < ALSO_CITES_ORIGIN:
            origin = reports[0]
            if origin is not None and origin[0] != cited[0][0]:
                cited.append(origin)
        depth = 1 + max(link[2] for link in cited) if cited else 0
        rows, take = chunk["citation"], self._ids.take
        for cited_id, cited_publisher, _, _ in cited:
            rows.append(
                (take("citation"), source_id, cited_id, f"citing {cited_publisher}", recorded_at)
            )
        link = (source_id, publisher_name, depth, cited[0][0] if cited else 0)
        if cited and cited[0][2] > 0 and rng.random() < RING_ODDS:
            # The source it cites cites it back (a ring of two), or, two steps down, the
            # source that one cites does (a ring of three). Kept out of the chains later
            # reports cite, so a ring reaches the few reports of its own claims.
            back = cited[0][3] if cited[0][2] > 1 and rng.random() < 0.5 else cited[0][0]
            rows.append(
                (take("citation"), back, source_id, f"citing {publisher_name}", recorded_at)
            )
        elif kind in ORIGIN_KINDS:
            # The story's origin changes when one is news, not with every official statement.
            if reports[0] is None or rng.random() < NEW_ORIGIN_ODDS:
                reports[0] = link
        elif cited and depth < MAX_CHAIN_DEPTH:
            reports[depth] = link
            if kind == AGENCY_WIRE:
                wires[depth] = link
        return link

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
