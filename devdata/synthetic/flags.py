"""Review flags, opened where the services and receivers of claims would open them."""

import random
from bisect import bisect_left

from claims.events import flag_opened_payload
from claims.models import EventKind, FlagReason, FlagStatus, Stance, Verdict
from claims.services import CONTRADICTING_STANCES
from sources.models import Health

from .documents import Documents
from .draws import uuid4_text
from .event_log import EventLog, payload_template
from .roster import Roster
from .shape import DAY, END_S, HOUR, when
from .tables import Chunk, IdBases
from .vocabulary import vocabulary

FLAG_OPENED = payload_template(
    flag_opened_payload, flag="text", claim="text", reason="text", source="json"
)
FLAG_KIND = EventKind.FLAG_OPENED.value
# (id, public id, actor, stance, recorded, source id, source public id)
StatementRef = tuple[int, str, int, str, int, int, str]


class Flags:
    def __init__(
        self,
        rng: random.Random,
        *,
        ids: IdBases,
        editor_id: int,
        roster: Roster,
        documents: Documents,
        events: EventLog,
        stale_days: int,
    ) -> None:
        self._rng, self._ids, self._editor_id = rng, ids, editor_id
        self._roster, self._documents, self._events = roster, documents, events
        self._stale_days = stale_days
        self._notes = vocabulary().resolution_notes
        self._stance_words = {s.value: str(s.label).lower() for s in Stance}
        self._verdict_words = {v.value: str(v.label).lower() for v in Verdict}

    def open(
        self,
        chunk: Chunk,
        *,
        claim_id: int,
        claim_uuid: str,
        t: int,
        path: list[str],
        decided: list[int],
        statements: list[StatementRef],
    ) -> None:
        """Open a claim's flags; resolve some of them later.

        As in claims.services.open_flag, a flag opens only if no flag for the same reason and
        source is open at that moment, so at most one is ever open per (claim, reason, source).
        """
        rng, names = self._rng, self._roster.names
        resolved_at: dict[tuple[str, int | None], int | None] = {}  # None: still open

        def flag(
            reason: str,
            at: int,
            detail: str,
            source: tuple[int, str] | None = None,
            statement: int | None = None,
        ) -> None:
            key = (reason, source[0] if source else None)
            if key in resolved_at:
                previous = resolved_at[key]
                if previous is None or previous > at:
                    return
            resolved = None
            if rng.random() < 0.55:
                resolved = at + HOUR + int(rng.random() * (10 * DAY))
                if resolved >= END_S:
                    resolved = None
            resolved_at[key] = resolved
            flag_uuid = uuid4_text(rng)
            opened_at = when(at)
            note = self._notes[int(rng.random() * len(self._notes))] if resolved else ""
            chunk["reviewflag"].append(
                (self._ids.take("reviewflag"), flag_uuid, claim_id, reason,
                 FlagStatus.RESOLVED if resolved else FlagStatus.OPEN, detail,
                 source[0] if source else None, statement, opened_at,
                 when(resolved) if resolved else None,
                 self._editor_id if resolved else None, note, opened_at)
            )  # fmt: skip
            payload = FLAG_OPENED % {
                "flag": flag_uuid,
                "claim": claim_uuid,
                "reason": reason,
                "source": f'"{source[1]}"' if source else "null",
            }
            self._events.add(
                at,
                opened_at,
                FLAG_KIND,
                claim_id,
                source[0] if source else None,
                payload,
            )

        # Only these verdicts can be contradicted; most paths never reach one.
        contradicting = CONTRADICTING_STANCES.keys() & set(path)
        for statement_id, _, actor, stance, recorded, _, _ in statements if contradicting else ():
            verdict = path[bisect_left(decided, recorded)]
            if stance in CONTRADICTING_STANCES.get(verdict, ()):
                flag(
                    FlagReason.NEW_CONTRADICTION,
                    recorded,
                    f"{names[actor]} {self._stance_words[stance]} a claim the "
                    f"newsroom has marked {self._verdict_words[verdict]}.",
                    statement=statement_id,
                )
        troubled = self._documents.troubled
        for statement_id, _, actor, _, recorded, source_id, source_uuid in statements:
            trouble = troubled.get(source_id)
            if trouble is None or rng.random() < 0.4:
                continue
            _, health, title, changed_at = trouble
            at = min(max(changed_at, recorded) + 60, END_S)
            checked = f"{when(changed_at):%Y-%m-%d %H:%M}"
            source = (source_id, source_uuid)
            if health == Health.GONE:
                detail = f"“{title}” answered HTTP 404 when re-checked on {checked}."
                flag(FlagReason.SOURCE_GONE, at, detail, source)
            elif rng.random() < 0.5:
                detail = (
                    f"The text of “{title}” changed (re-check on {checked}); "
                    "the diff is on the snapshot."
                )
                flag(FlagReason.SOURCE_CHANGED, at, detail, source)
            else:
                detail = f"No longer found in “{title}”: {names[actor]}."
                flag(FlagReason.QUOTE_MISSING, at, detail, source, statement_id)
        stale_days = self._stale_days
        if (
            path[-1] == Verdict.UNVERIFIED
            and statements
            and t + (stale_days + 1) * DAY < END_S
            and rng.random() < 0.15
        ):
            at = t + stale_days * DAY + int(rng.random() * DAY)
            flag(FlagReason.STALE, at, f"Unverified for more than {stale_days} days.")
