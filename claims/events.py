"""The changes log: one ChangeEvent per verdict change, statement, flag and source health change."""

from typing import Any

from django.db import connection

from sources.models import Source

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
