"""The changes log of a run: events wait here until no later claim can precede them, then get
their ids in time order."""

import json
from bisect import bisect_left
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .tables import IdBases

# (occurred, seq, kind, claim id, source id, payload as JSON text, occurred at)
Pending = tuple[int, int, str, int, int | None, str, datetime]


class EventLog:
    def __init__(self, ids: IdBases) -> None:
        self._ids = ids
        self._seq = 0
        self._pending: list[Pending] = []

    def add(
        self,
        occurred: int,
        occurred_at: datetime,
        kind: str,
        claim_id: int,
        source_id: int | None,
        payload: str,
    ) -> None:
        self._seq += 1
        self._pending.append((occurred, self._seq, kind, claim_id, source_id, payload, occurred_at))

    def flush(self, cutoff: int | None) -> list[tuple[Any, ...]]:
        """Event rows that happened before `cutoff` (None: all), with ids in time order."""
        self._pending.sort()  # by time, then by creation: seq is unique, so never further
        if cutoff is None:
            ready, self._pending = self._pending, []
        else:
            k = bisect_left(self._pending, (cutoff,))
            ready, self._pending = self._pending[:k], self._pending[k:]
        first = self._ids.next_id["changeevent"]
        self._ids.next_id["changeevent"] = first + len(ready)
        return [
            (event_id, kind, claim_id, source_id, payload, occurred_at)
            for event_id, (_, _, kind, claim_id, source_id, payload, occurred_at) in zip(
                range(first, first + len(ready)), ready, strict=True
            )
        ]


def payload_template(build: Callable[..., dict[str, Any]], **slots: str) -> str:
    """The JSON text a payload builder of claims.events makes, as a %-format template.

    `slots` maps each argument of `build` to how its value goes in: "text" (quoted), "number",
    or "json" (JSON text made by the caller: '"…"' or 'null'). Values must need no JSON
    escaping (UUIDs, choice values, usernames without quotes), which the generator's are.

    Why not json.dumps(build(...)) per event: measured side by side on 20,000 claims (150,000
    events), that made generating 40% slower; a template keeps the keys, their order and the
    value of every field to the builder, and costs one string format per event.
    """
    markers = {name: f"@@{name}@@" for name in slots}
    text = json.dumps(build(**markers)).replace("%", "%%")
    for name, how in slots.items():
        slot = {"text": f'"%({name})s"', "number": f"%({name})d", "json": f"%({name})s"}[how]
        quoted = f'"{markers[name]}"'
        if text.count(quoted) != 1:
            raise ValueError(f"{build.__name__} does not put {name} in the payload as it is")
        text = text.replace(quoted, slot)
    return text
