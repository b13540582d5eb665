"""How claims react to events of the sources app (connected in ClaimsConfig.ready)."""

from typing import Any

from django.dispatch import receiver

from sources.models import Snapshot, Source
from sources.signals import source_health_changed

from .events import record_event
from .models import EventKind


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
