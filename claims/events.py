"""The changes log: one ChangeEvent per verdict change, statement, flag and source health change."""

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import connection

from sources.models import Source

from .estimates import Estimate
from .models import ChangeEvent, Claim

# Any constant shared by all writers of the log; it names the advisory lock below.
_EVENT_LOG_LOCK = 0x436C_6169_6D54  # "ClaimT"


def record_event(
    kind: str, *, claim: Claim | None = None, source: Source | None = None, payload: dict[str, Any]
) -> ChangeEvent:
    """Append an event inside the caller's transaction.

    On PostgreSQL a transaction-level advisory lock makes event writers take their ids one
    transaction at a time, so ids become visible in increasing order: a reader that has seen id N
    can never later find a newly committed id below N. SQLite serialises writers by itself.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_EVENT_LOG_LOCK])
    return ChangeEvent.objects.create(kind=kind, claim=claim, source=source, payload=payload)


# The payloads, built from values so that writers without model instances (devdata's synthetic
# generator) log exactly what the services log.


def statement_recorded_payload(
    *,
    statement: UUID | str,
    claim: UUID | str,
    actor: UUID | str,
    source: UUID | str,
    stance: str,
    estimate: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """statement.recorded, .changed and .deleted; `estimate` is estimate_payload's or None."""
    return {
        "statement": str(statement),
        "claim": str(claim),
        "actor": str(actor),
        "source": str(source),
        "stance": str(stance),
        "estimate": estimate,
    }


def estimate_payload(
    estimate: Estimate | None, *, measure: UUID | str | None
) -> dict[str, Any] | None:
    """The figure a statement carries, as the changes feed and webhooks give it."""
    if estimate is None:
        return None

    def number(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return {
        "measure": str(measure) if measure is not None else None,
        "value": number(estimate.value),
        "low": number(estimate.low),
        "high": number(estimate.high),
        "unit": estimate.unit,
        "qualifier": estimate.qualifier,
        "kind": estimate.kind,
        "refers_to": estimate.refers_to.isoformat() if estimate.refers_to else None,
        "refers_to_precision": estimate.refers_to_precision if estimate.refers_to else None,
    }


def projection_decided_payload(
    *, statement: UUID | str, claim: UUID | str, actor: UUID | str, outcome: str, editor: str
) -> dict[str, Any]:
    """projection.decided: an editor recorded what became of a projection."""
    return {
        "statement": str(statement),
        "claim": str(claim),
        "actor": str(actor),
        "outcome": str(outcome),
        "editor": editor,
    }


def verdict_changed_payload(
    *,
    claim: UUID | str,
    verdict_change: UUID | str,
    from_verdict: str,
    to_verdict: str,
    version: int,
    editor: str,
) -> dict[str, Any]:
    return {
        "claim": str(claim),
        "verdict_change": str(verdict_change),
        "from": str(from_verdict),
        "to": str(to_verdict),
        "version": version,
        "editor": editor,
    }


def flag_opened_payload(
    *, flag: UUID | str, claim: UUID | str, reason: str, source: UUID | str | None
) -> dict[str, Any]:
    return {
        "flag": str(flag),
        "claim": str(claim),
        "reason": str(reason),
        "source": str(source) if source is not None else None,
    }


def flag_resolved_payload(*, flag: UUID | str, claim: UUID | str, editor: str) -> dict[str, Any]:
    return {"flag": str(flag), "claim": str(claim), "editor": editor}


def claim_payload(*, claim: UUID | str, editor: str, fields: list[str]) -> dict[str, Any]:
    """claim.changed and claim.deleted: which claim, who, and (changed) which fields."""
    return {"claim": str(claim), "editor": editor, "fields": fields}


def stance_changed_payload(
    *,
    statement: UUID | str,
    claim: UUID | str,
    actor: UUID | str,
    from_stance: str,
    to_stance: str,
) -> dict[str, Any]:
    """stance.changed: the actor's position on the claim moved (`statement` moved it)."""
    return {
        "statement": str(statement),
        "claim": str(claim),
        "actor": str(actor),
        "from": str(from_stance),
        "to": str(to_stance),
    }
