"""The verdict state polling clients ask for, kept in the cache between changes."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from common.cache import remember

from ..models import Claim


@dataclass(frozen=True)
class VerdictState:
    """What a verdict GET needs to answer 304, or to find its body in the cache."""

    pk: int
    public_id: uuid.UUID
    verdict: str
    version: int
    updated_at: datetime


# Polling clients ask for verdicts many times a second, and most answers are 304: the state is
# kept in the shared cache and forgotten whenever the claim row changes (services.change_verdict,
# and claims.receivers for saves and deletes).
VERDICT_STATE_SECONDS = 10 * 60
# ...and in each web process for a second: a verdict changed through one process shows in the
# others within that second (at once in the one that changed it).
VERDICT_STATE_LOCAL_SECONDS = 1


def verdict_state_cache_key(public_id: uuid.UUID) -> str:
    return f"claims:verdict-state:{public_id}"


def verdict_state(public_id: uuid.UUID) -> VerdictState | None:
    """The claim's verdict, version and last change, or None when no claim has this id."""

    def load() -> VerdictState | None:
        row = (
            Claim.objects.filter(public_id=public_id)
            .values_list("pk", "public_id", "verdict", "version", "updated_at")
            .first()
        )
        return VerdictState(*row) if row else None

    return remember(
        verdict_state_cache_key(public_id),
        load,
        VERDICT_STATE_SECONDS,
        local_seconds=VERDICT_STATE_LOCAL_SECONDS,
    )
