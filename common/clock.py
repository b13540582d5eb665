"""The knowledge clock: the moment ClaimTrack records a write at.

Every row's `recorded_at`, every history record and every change event take their time from
`now()`. It is the wall clock, except inside `recording_at(moment)`, which importers of a past
story (the demo loader, tests replaying a sequence of writes) use so that what they write reads,
to an `as_of` question, as if it had been entered at that moment.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_recording_at: ContextVar[datetime | None] = ContextVar("recording_at", default=None)


def now() -> datetime:
    """The moment a write happening now is recorded at."""
    return _recording_at.get() or timezone.now()


@contextmanager
def recording_at(moment: datetime) -> Iterator[datetime]:
    """Record every write inside this block at `moment` (an aware date-time)."""
    if timezone.is_naive(moment):
        raise ValueError("recording_at needs an aware date-time.")
    token = _recording_at.set(moment)
    try:
        yield moment
    finally:
        _recording_at.reset(token)
