"""How claims react to events of the sources app (connected in ClaimsConfig.ready)."""

from typing import Any

from django.dispatch import receiver

from sources.models import Health, Snapshot, Source
from sources.selectors import read_new_text
from sources.signals import origins_changed, source_checked, source_health_changed
from sources.text import quote_is_present

from .events import record_event
from .models import Claim, EventKind, FlagReason, Statement
from .services import (
    claims_recorded_in,
    flag_circular_citations,
    open_flag,
    refresh_corroboration,
)

QUOTE_IN_DETAIL_CHARS = 200


@receiver(source_health_changed, dispatch_uid="claims.log_source_health_change")
def log_source_health_change(
    sender: Any, *, source: Source, previous: str, snapshot: Snapshot | None, **kwargs: Any
) -> None:
    record_event(
        EventKind.SOURCE_HEALTH_CHANGED,
        source=source,
        payload={
            "source": str(source.public_id),
            "from": previous,
            "to": source.health,
            "checked_at": snapshot.fetched_at.isoformat() if snapshot else None,
        },
    )


@receiver(source_health_changed, dispatch_uid="claims.flag_claims_citing_gone_source")
def flag_claims_citing_gone_source(
    sender: Any, *, source: Source, previous: str, snapshot: Snapshot | None, **kwargs: Any
) -> None:
    """A source that went away leaves every claim citing it to an editor."""
    if source.health != Health.GONE:
        return
    status = f"HTTP {snapshot.status_code}" if snapshot and snapshot.status_code else "gone"
    when = f" on {snapshot.fetched_at:%Y-%m-%d %H:%M}" if snapshot else ""
    for claim in _claims_citing(source):
        open_flag(
            claim,
            reason=FlagReason.SOURCE_GONE,
            source=source,
            detail=f"“{source}” answered {status} when re-checked{when}.",
        )


@receiver(source_checked, dispatch_uid="claims.flag_claims_citing_changed_source")
def flag_claims_citing_changed_source(
    sender: Any, *, source: Source, snapshot: Snapshot, **kwargs: Any
) -> None:
    """A source whose text changed leaves every claim citing it to an editor."""
    if not snapshot.changed:
        return
    for claim in _claims_citing(source):
        open_flag(
            claim,
            reason=FlagReason.SOURCE_CHANGED,
            source=source,
            detail=(
                f"The text of “{source}” changed (re-check on "
                f"{snapshot.fetched_at:%Y-%m-%d %H:%M}); the diff is on the snapshot."
            ),
        )


@receiver(source_checked, dispatch_uid="claims.flag_missing_quotes")
def flag_missing_quotes(sender: Any, *, source: Source, snapshot: Snapshot, **kwargs: Any) -> None:
    """Flag claims whose recorded quotes are no longer in the source's text.

    Only new text is searched (changed, or the first read of the URL): searching unchanged text
    again would reopen flags an editor has already resolved.
    """
    if not read_new_text(snapshot):
        return
    missing: dict[int, list[Statement]] = {}
    statements = (
        Statement.objects.filter(source=source)
        .exclude(quote="")
        .select_related("claim", "actor")
        .order_by("claim_id", "id")
    )
    for statement in statements:
        if not quote_is_present(statement.quote, snapshot.text):
            missing.setdefault(statement.claim_id, []).append(statement)
    for claim_statements in missing.values():
        # One open flag per claim and source; it names the first statement and every quote.
        first = claim_statements[0]
        quotes = "; ".join(
            f"{statement.actor}: “{_shorten(statement.quote)}”" for statement in claim_statements
        )
        open_flag(
            first.claim,
            reason=FlagReason.QUOTE_MISSING,
            source=source,
            statement=first,
            detail=f"No longer found in “{source}”: {quotes}",
        )


def _claims_citing(source: Source) -> list[Claim]:
    return list(Claim.objects.filter(statements__source=source).distinct().order_by("id"))


def _shorten(quote: str) -> str:
    quote = " ".join(quote.split())
    if len(quote) <= QUOTE_IN_DETAIL_CHARS:
        return quote
    return quote[: QUOTE_IN_DETAIL_CHARS - 1] + "…"


@receiver(origins_changed, dispatch_uid="claims.recount_origins")
def recount_origins(
    sender: Any,
    *,
    source_ids: set[int],
    cycles: list[tuple[int, ...]],
    cycle_sources: dict[int, frozenset[int]],
    **kwargs: Any,
) -> None:
    """Citations changed where some sources' words come from: recount the claims they record,
    and leave a ring of citation to the editors of each claim it reaches."""
    refresh_corroboration(claims_recorded_in(source_ids))
    if cycles:
        flag_circular_citations(cycles, cycle_sources)
