"""The verdict state polling clients ask for, and its entry in the shared cache (read by
claims.api.views.cached_verdict, written by services.refresh_cached_verdict)."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..models import Claim

# Polling clients ask for a verdict many times a second and nearly always get 304, so what a poll
# needs is kept in the shared cache under the claim's id. Every write to a claim row puts the
# fresh state there when it commits (services.refresh_cached_verdict), so the next poll, in any
# web process, sees the change. The timeout bounds what a write could not reach (Redis down)
# and how late an editor's renamed username shows in a body.
VERDICT_CACHE_SECONDS = 60


@dataclass(frozen=True)
class VerdictState:
    """What a verdict GET needs to answer 304 and to name its body."""

    pk: int
    public_id: uuid.UUID
    verdict: str
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class CachedVerdict:
    """A claim's entry in the shared cache: its verdict state, and the body of a verdict GET
    when the poll that stored the entry built one. A write stores the state alone: the body is
    the API's to build (claims.api.views.verdict_body)."""

    state: VerdictState
    body: dict[str, Any] | None = None


def verdict_state(public_id: uuid.UUID) -> VerdictState | None:
    """The claim's verdict, version and last change, or None when no claim has this id."""
    row = (
        Claim.objects.filter(public_id=public_id)
        .values_list("pk", "public_id", "verdict", "version", "updated_at")
        .first()
    )
    return VerdictState(*row) if row else None


def verdict_cache_key(public_id: uuid.UUID) -> str:
    # Not "claims:verdict:", which held another kind of entry: during a deploy the processes
    # of the old code and of the new must not read each other's.
    return f"claims:verdict-state:{public_id}"
