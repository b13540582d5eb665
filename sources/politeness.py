"""Per-host politeness of the re-check: a request budget per host and minute shared by all
workers through Django's cache (Redis in production), and a pause of a host that answered
429/503 with Retry-After."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

if TYPE_CHECKING:
    from .fetching import FetchResult

# A 429 without Retry-After still means "slower": leave the host alone for a minute.
DEFAULT_HOST_PAUSE_SECONDS = 60
MAX_HOST_PAUSE_SECONDS = 24 * 3600


class HostBusy(Exception):
    """The host's request budget for this minute is spent, or it asked us to wait."""

    def __init__(self, host: str, retry_in: float) -> None:
        super().__init__(f"{host} is busy; try again in {retry_in:.0f} s")
        self.host = host
        self.retry_in = retry_in


def host_of(url: str) -> str:
    """The host the budget of `url` is counted against ("" for a URL that does not parse)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


def take_host_slot(host: str) -> None:
    """Count one request to `host` against this minute's budget, shared by all workers.

    Raises HostBusy when the budget is spent or the host asked us to wait (Retry-After).
    Counting happens in the default cache (Redis when configured): `add` creates the minute's
    counter once, `incr` is atomic, and the key expires after the minute is over.
    """
    now = time.time()
    paused_until = cache.get(_pause_key(host))
    if paused_until is not None and paused_until > now:
        raise HostBusy(host, paused_until - now)
    key = f"recheck:host:{host}:{int(now // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this minute is over anyway
        cache.add(key, 1, timeout=120)
        count = 1
    if count is None:  # Redis did not answer (the cache ignores its errors): not counted
        return
    if count > settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE:
        raise HostBusy(host, 60 - now % 60)


def pause_host(host: str, seconds: int) -> None:
    """Refuse slots for `host` for `seconds` (at least 1, at most a day), across all workers."""
    seconds = max(1, min(seconds, MAX_HOST_PAUSE_SECONDS))
    cache.set(_pause_key(host), time.time() + seconds, timeout=seconds + 1)


def pause_host_if_asked(host: str, result: FetchResult) -> None:
    """Pause `host` when its answer asked us to slow down: any 429, a 503 with Retry-After."""
    if result.status_code == 429:
        pause_host(host, result.retry_after_seconds or DEFAULT_HOST_PAUSE_SECONDS)
    elif result.status_code == 503 and result.retry_after_seconds:
        pause_host(host, result.retry_after_seconds)


def _pause_key(host: str) -> str:
    return f"recheck:host-pause:{host}"
