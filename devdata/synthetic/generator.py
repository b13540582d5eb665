"""SyntheticData: the rows of a run, a chunk of claims at a time."""

import random
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime

from django.conf import settings

from claims.events import statement_recorded_payload, verdict_changed_payload
from claims.models import DatePrecision, EventKind, Stance, Verdict

from .documents import Documents, Link
from .draws import Picker, statement_counts, uuid4_text
from .event_log import EventLog, payload_template
from .flags import Flags, StatementRef
from .roster import make_roster
from .shape import (
    CHANGE_COUNTS,
    CHUNK_CLAIMS,
    CLAIMS_SPAN_S,
    CREDIBILITY_WEIGHTS,
    DAY,
    EDITOR_USERNAME,
    END_S,
    HEAVY_EVERY,
    HEAVY_STATEMENTS,
    HOUR,
    MULTI_VOICE,
    QUALIFIER_WEIGHTS,
    RELATION_KINDS,
    REPEAT_ODDS,
    REPEATS_FIRST_REPORT,
    STANCE_CREDIBILITY,
    STANCE_WEIGHTS,
    START_S,
    STATEMENTS_PER_CLAIM,
    TRANSITIONS,
    when,
)
from .tables import Chunk, IdBases, empty_chunk
from .topics import Topics, claim_text
from .vocabulary import vocabulary

_fromtimestamp = datetime.fromtimestamp  # for the hottest loop, without the call to `when`
# Plain values, as the pickers draw them (see Picker).
ASSERTS, RETRACTS = Stance.ASSERTS.value, Stance.RETRACTS.value
SUPPORTING = frozenset({ASSERTS, Stance.SUPPORTS.value})
UNVERIFIED, RETRACTED = Verdict.UNVERIFIED.value, Verdict.RETRACTED.value
STATEMENT_KIND, VERDICT_KIND = EventKind.STATEMENT_RECORDED.value, EventKind.VERDICT_CHANGED.value
STATEMENT_RECORDED = payload_template(
    statement_recorded_payload,
    statement="text",
    claim="text",
    actor="text",
    source="text",
    stance="text",
)
VERDICT_CHANGED = payload_template(
    verdict_changed_payload,
    claim="text",
    verdict_change="text",
    from_verdict="text",
    to_verdict="text",
    version="number",
    editor="text",
)


class SyntheticData:
    """Rows for `claims` claims, a chunk at a time; see the package docstring.

    `ids` is advanced as rows are made. `existing_actors` maps (name, kind, country) of actors
    already in the database to (id, public id); those are reused instead of written again.
    """

    def __init__(
        self,
        *,
        seed: int,
        claims: int,
        editor_id: int,
        ids: IdBases,
        existing_actors: Mapping[tuple[str, str, str], tuple[int, str]] | None = None,
        chunk_claims: int = CHUNK_CLAIMS,
    ) -> None:
        if claims <= 0:
            raise ValueError("claims must be positive")
        self.seed = seed
        self.claims = claims
        self.editor_id = editor_id
        self.ids = ids
        self.existing_actors = existing_actors or {}
        self.chunk_claims = chunk_claims
        self._rng = {
            name: random.Random(f"claimtrack-synthetic:{seed}:{name}")
            for name in ("actors", "topics", "claims", "statements", "sources", "history")
        }
        self._events = EventLog(ids)
        self._changes = Picker(CHANGE_COUNTS)
        self._transitions = {v: Picker(w) for v, w in TRANSITIONS.items()}
        self._stances = {v: Picker(w) for v, w in STANCE_WEIGHTS.items()}
        self._credibility = {k: Picker(w) for k, w in CREDIBILITY_WEIGHTS.items()}
        self._qualifier = Picker(QUALIFIER_WEIGHTS)
        self._last_claim: dict[int, int] = {}
        heavy_count = 1 + (claims - 1) // HEAVY_EVERY
        self._heavy_size = min(HEAVY_STATEMENTS, claims)
        regular = claims - heavy_count
        self._counts = statement_counts(
            (STATEMENTS_PER_CLAIM * claims - heavy_count * self._heavy_size) / regular
            if regular
            else 0.0
        )

    def chunks(self) -> Iterator[tuple[Chunk, int]]:
        """Yield (rows per table, claims generated so far). The first chunk also holds the
        actors and topics; event rows trail behind until no later claim can precede them."""
        first = self._reference_rows()
        done = 0
        while done < self.claims:
            size = min(self.chunk_claims, self.claims - done)
            chunk = empty_chunk()
            if first:
                for name, rows in first.items():
                    chunk[name].extend(rows)
                first = {}
            self._claim_rows(chunk, done, done + size)
            done += size
            cutoff = self._claim_slot_start(done) if done < self.claims else None
            chunk["changeevent"].extend(self._events.flush(cutoff))
            yield chunk, done

    def _reference_rows(self) -> Chunk:
        rows = empty_chunk()
        self.roster = make_roster(
            self._rng["actors"],
            rows,
            claims=self.claims,
            ids=self.ids,
            existing_actors=self.existing_actors,
        )
        self.topics = Topics(
            self._rng["topics"],
            rows,
            seed=self.seed,
            claims=self.claims,
            ids=self.ids,
            roster=self.roster,
        )
        self.documents = Documents(self._rng["sources"], ids=self.ids, roster=self.roster)
        self.flags = Flags(
            self._rng["history"],
            ids=self.ids,
            editor_id=self.editor_id,
            roster=self.roster,
            documents=self.documents,
            events=self._events,
            stale_days=settings.CLAIMTRACK_STALE_DAYS,
        )
        return rows

    def _claim_slot_start(self, i: int) -> int:
        """Claim i is recorded in [slot_start(i), slot_start(i + 1)): times grow with i."""
        return START_S + (i * CLAIMS_SPAN_S) // self.claims

    def _claim_rows(self, chunk: Chunk, begin: int, end: int) -> None:
        rng = self._rng["claims"]
        self.documents.prune(self._claim_slot_start(begin), topics=len(self.topics))
        slot = max(1, CLAIMS_SPAN_S // self.claims)
        for i in range(begin, end):
            t = self._claim_slot_start(i) + int(rng.random() * slot)
            topic = self.topics.for_claim(rng, i, t)
            heavy = i % HEAVY_EVERY == 0
            count = self._heavy_size if heavy else self._counts[rng.getrandbits(12)]
            self._claim(chunk, i, t, topic, count, heavy)

    def _claim(self, chunk: Chunk, i: int, t: int, topic: int, count: int, heavy: bool) -> None:
        rng, srng, hrng = self._rng["claims"], self._rng["statements"], self._rng["history"]
        spec = self.topics.specs[topic]
        roster, documents = self.roster, self.documents
        claim_id = self.ids.take("claim")
        claim_uuid = uuid4_text(rng)
        text, german, quantity = claim_text(rng, spec, self._qualifier, rng.random() < 0.25)
        # Mid-sentence, a claim keeps its capital only when it starts with a name.
        clause = text if text.startswith(spec.names) else text[0].lower() + text[1:]
        cast = spec.cast
        claimant = cast[int(len(cast) * rng.random() ** 2.5)]
        first_said = t - int(rng.random() * (3 * DAY))
        first_day = when(first_said).date()
        precision = DatePrecision.DAY
        r = rng.random()
        if r < 0.02:
            precision, first_day = DatePrecision.YEAR, first_day.replace(month=1, day=1)
        elif r < 0.1:
            precision, first_day = DatePrecision.MONTH, first_day.replace(day=1)
        original = german if rng.random() < 0.4 else ""

        # The verdict history is drawn first: the statements lean towards where it ends.
        changes = 8 if heavy else self._changes(hrng)
        path = [UNVERIFIED]
        for _ in range(changes):
            path.append(self._transitions[path[-1]](hrng))
        final = path[-1]

        # Statements, in the order they were said.
        horizon = max(1, min((730 if heavy else 120) * DAY, END_S - 7 * DAY - first_said))
        if heavy:
            offsets = sorted(int(srng.random() * horizon) for _ in range(count - 1))
        else:
            offsets = sorted(
                min(horizon, int(srng.expovariate(1 / (6 * DAY)))) for _ in range(count - 1)
            )
        stances = self._stances[final]
        statements: list[StatementRef] = []
        # This loop runs three million times per million claims: names are bound locally.
        rand = srng.random
        statement_rows, add_event = chunk["statement"], self._events.add
        own_sources, day_sources = documents.own_sources, documents.day_sources
        actor_ids, actor_uuids, editor_id = roster.ids, roster.public_ids, self.editor_id
        credibility_of, ids = self._credibility, self.ids.next_id
        quotes_of, venues = vocabulary().quotes, vocabulary().venues
        width, actor_count, cast_size = len(self.topics) + 1, len(actor_ids), len(cast)
        retract_at = count - 1 if final == RETRACTED and count > 1 else -1
        first_report: Link | None = None  # later reports of the claim often repeat it
        for s in range(count):
            if s == 0:
                actor, stance = claimant, ASSERTS
                said = first_said + int(rand() * (8 * HOUR))
            else:
                said = first_said + offsets[s - 1] + int(rand() * (12 * HOUR))
                if s == retract_at:
                    actor, stance = claimant, RETRACTS
                else:
                    if rand() < 0.85:
                        actor = cast[int(rand() * cast_size)]
                    else:
                        actor = int(rand() * actor_count)
                    stance = stances(srng)
            venue = venues[int(rand() * len(venues))] if rand() < 0.3 else ""
            key = (said - START_S) // DAY * width + topic
            own_key = key * actor_count + actor
            shared = own_sources.get(own_key) or day_sources.get(key)
            # Support for a claim often comes from one more outlet repeating its first report
            # (one origin however many reports), rather than from the day's shared coverage.
            repeating = first_report is not None and stance in SUPPORTING and rand() < REPEAT_ODDS
            if (
                shared is not None
                and shared[2] >= (first_said if s else said)
                and not repeating
                and rand() < 0.9
            ):
                # Recorded in a source of the same topic and day: said before it came out.
                source_id, source_uuid, published, link = shared
                said = max(first_said, min(said, published - int(rand() * (2 * HOUR))))
            else:
                published = min(said + int(rand() * (8 * HOUR)), END_S)
                source_id, source_uuid, kind, link = documents.new(
                    chunk,
                    topic=topic,
                    actor=actor,
                    published=published,
                    recorded=min(max(published, t) + 600 + int(rand() * (36 * HOUR)), END_S),
                    headline=text,
                    clause=clause,
                    venue=venue,
                    repeats=first_report,
                    repeat_odds=1.0 if repeating else REPEATS_FIRST_REPORT,
                )
                if kind in MULTI_VOICE:
                    day_sources[key] = (source_id, source_uuid, published, link)
                else:
                    own_sources[own_key] = (source_id, source_uuid, published, link)
            if first_report is None:
                first_report = link
            recorded = min(max(published, t) + 900 + int(rand() * (36 * HOUR)), END_S)
            recorded_at = _fromtimestamp(recorded, UTC)
            quotes = quotes_of[stance]
            en_quote, de_quote = quotes[int(rand() * len(quotes))]
            quote = en_quote.format(C=text, c=clause, d=german)
            if rand() < 0.3:
                quote, language, translation = de_quote.format(d=german), "de", quote
            else:
                language, translation = "en", ""
            credibility = credibility_of[STANCE_CREDIBILITY[stance]](srng)
            statement_id = ids["statement"]
            ids["statement"] = statement_id + 1
            statement_uuid = uuid4_text(srng)
            statement_rows.append(
                (statement_id, statement_uuid, claim_id, actor_ids[actor], source_id, stance,
                 quote, language, translation, _fromtimestamp(said, UTC), venue, credibility,
                 editor_id, recorded_at)
            )  # fmt: skip
            statements.append(
                (statement_id, statement_uuid, actor, stance, recorded, source_id, source_uuid)
            )
            payload = STATEMENT_RECORDED % {
                "statement": statement_uuid,
                "claim": claim_uuid,
                "actor": actor_uuids[actor],
                "source": source_uuid,
                "stance": stance,
            }
            add_event(recorded, recorded_at, STATEMENT_KIND, claim_id, source_id, payload)

        # Verdict changes, spread over the claim's life so far, each one minute apart at least.
        last_recorded = max((s[4] for s in statements), default=t)
        window_end = min(max(last_recorded, t + DAY) + 14 * DAY, END_S)
        decided = sorted(
            t + HOUR + int(hrng.random() * (max(1, window_end - t - HOUR))) for _ in path[1:]
        )
        for k in range(1, len(decided)):
            decided[k] = max(decided[k], decided[k - 1] + 60)
        rationales = vocabulary().rationales
        for version, (before, after, at) in enumerate(
            zip(path[:-1], path[1:], decided, strict=True), start=2
        ):
            change_id = self.ids.take("verdictchange")
            change_uuid = uuid4_text(hrng)
            decided_at = when(at)
            template = rationales[after][int(hrng.random() * len(rationales[after]))]
            rationale = template.format(
                claimant=roster.names[claimant], n=2 + int(hrng.random() * 3)
            )
            chunk["verdictchange"].append(
                (change_id, change_uuid, claim_id, before, after, self.editor_id, rationale,
                 version, decided_at, decided_at)
            )  # fmt: skip
            evidence_count = int(hrng.random() * 3)
            if evidence_count and statements:
                evidence = sorted({s[5] for s in statements if s[4] <= at})
                for source_id in evidence[:evidence_count]:
                    chunk["evidence"].append((self.ids.take("evidence"), change_id, source_id))
            payload = VERDICT_CHANGED % {
                "claim": claim_uuid,
                "verdict_change": change_uuid,
                "from_verdict": before,
                "to_verdict": after,
                "version": version,
                "editor": EDITOR_USERNAME,
            }
            add_event(at, decided_at, VERDICT_KIND, claim_id, None, payload)
        updated = decided[-1] if decided else t
        value, upper, unit, qualifier, projection = quantity or (None, None, "", "", False)
        chunk["claim"].append(
            (claim_id, claim_uuid, self.topics.ids[topic], text, original,
             "de" if original else "", actor_ids[claimant], first_day, precision, value, upper,
             unit, qualifier, projection, final, len(path), when(t), when(updated))
        )  # fmt: skip

        previous = self._last_claim.get(topic)
        if previous is not None and rng.random() < 0.04:
            kind = RELATION_KINDS[int(rng.random() * len(RELATION_KINDS))]
            chunk["claimrelation"].append(
                (self.ids.take("claimrelation"), claim_id, previous, kind, "", when(t))
            )
        self._last_claim[topic] = claim_id

        self.flags.open(
            chunk,
            claim_id=claim_id,
            claim_uuid=claim_uuid,
            t=t,
            path=path,
            decided=decided,
            statements=statements,
        )
