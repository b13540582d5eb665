"""When a source is checked next: intervals that double while it stays unchanged, and a back-off
for sources whose host keeps failing. The lease that keeps two schedulers from queueing the same
due check is a write, so it is in sources.services (`lease_due_sources`)."""

from datetime import timedelta

from django.conf import settings


def next_interval(current: timedelta | None, *, reset: bool) -> timedelta:
    """The interval after a successful check: the first one after a change, else double."""
    first = settings.CLAIMTRACK_RECHECK_FIRST_INTERVAL
    if reset or current is None:
        return first
    return min(current * 2, settings.CLAIMTRACK_RECHECK_MAX_INTERVAL)


def failure_backoff(consecutive_failures: int) -> timedelta:
    """How long a source waits after its n-th failure in a row: 1 h, 2 h, 4 h … up to the cap."""
    doublings = min(max(consecutive_failures - 1, 0), 20)  # 2**20 hours is far past any cap
    return min(
        settings.CLAIMTRACK_RECHECK_FIRST_INTERVAL * 2**doublings,
        settings.CLAIMTRACK_RECHECK_MAX_INTERVAL,
    )
