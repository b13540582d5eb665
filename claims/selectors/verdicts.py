"""The verdict state polling clients ask for (cached by claims.api.views.cached_verdict)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from ..models import Claim


@dataclass(frozen=True)
class VerdictState:
    """What a verdict GET needs to answer 304 and to name its body."""

    pk: int
    public_id: uuid.UUID
    verdict: str
    version: int
    updated_at: datetime


def verdict_state(public_id: uuid.UUID) -> VerdictState | None:
    """The claim's verdict, version and last change, or None when no claim has this id."""
    row = (
        Claim.objects.filter(public_id=public_id)
        .values_list("pk", "public_id", "verdict", "version", "updated_at")
        .first()
    )
    return VerdictState(*row) if row else None


def verdict_cache_key(public_id: uuid.UUID) -> str:
    """Where the API keeps a claim's verdict for polling clients (claims.api.views.
    cached_verdict). The claims services delete it when a change to the claim commits."""
    return f"claims:verdict:{public_id}"
