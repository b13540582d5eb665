"""The source re-check: fetch through the guard, compare with the last read, record, reschedule.

A check answers one *due check* of one source: the value `Source.next_check_at` had when the
check was claimed (`due_at`). Snapshots are unique per (source, due_at), and a check that finds
its due check already answered, or the source rescheduled since, fetches nothing and writes
nothing. That makes `check_source` safe to run twice for the same due check, which is what a
redelivered Celery task does.

Politeness lives here too: a per-host request budget per minute shared by all workers through
Django's cache (Redis in production), a host pause when a server answers 429/503 with
Retry-After, intervals that double while a source stays unchanged, and a back-off for sources
whose host keeps failing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from .fetching import (
    FetchBlocked,
    FetchError,
    FetchResult,
    FetchTooLarge,
    FetchUnreachable,
    fetch,
)
from .models import Health, Snapshot, Source
from .selectors import conditional_get_validators, last_read_snapshot
from .signals import source_checked, source_health_changed
from .text import read_main_text, short_diff

logger = logging.getLogger(__name__)

GONE_STATUSES = frozenset({404, 410})
# Outcomes that say we could not read the page, as opposed to what the page is.
FAILED_HEALTH = frozenset({Health.UNREACHABLE, Health.BLOCKED})
# A 429 without Retry-After still means "slower": leave the host alone for a minute.
DEFAULT_HOST_PAUSE_SECONDS = 60
MAX_HOST_PAUSE_SECONDS = 24 * 3600
# Names the session advisory locks of re-checks (the second key is the source id).
_CHECK_LOCK_NAMESPACE = 0x52434B  # "RCK"


class HostBusy(Exception):
    """The host's request budget for this minute is spent, or it asked us to wait."""

    def __init__(self, host: str, retry_in: float) -> None:
        super().__init__(f"{host} is busy; try again in {retry_in:.0f} s")
        self.host = host
        self.retry_in = retry_in


@dataclass(frozen=True)
class CheckOutcome:
    source_id: int
    due_at: datetime
    snapshot: Snapshot | None = None
    skipped: str = ""  # why nothing was fetched or written

    @property
    def summary(self) -> str:
        return self.snapshot.health if self.snapshot is not None else f"skipped: {self.skipped}"


@dataclass(frozen=True)
class Observation:
    """What one fetch saw, before it is compared with the last read."""

    health: str
    status_code: int | None = None
    final_url: str = ""
    redirect_chain: list[dict] = field(default_factory=list)
    etag: str = ""
    last_modified: str = ""
    byte_count: int = 0
    text: str | None = None  # the normalised main text of a 2xx answer, None otherwise
    content_hash: str = ""
    not_modified: bool = False
    error: str = ""
    retry_after: int | None = None


# --- The check ---------------------------------------------------------------------------------


def check_source(
    source_id: int, *, due_at: datetime, retry_network_errors: bool = False
) -> CheckOutcome:
    """Run the check of `source_id` claimed for `due_at` and record what it saw.

    Fetches nothing and writes nothing when that due check is already answered, the source was
    rescheduled since (another check answered it) or it has no URL any more. Raises HostBusy,
    writing nothing, when the host's budget is spent; with `retry_network_errors` it raises
    FetchUnreachable for the caller to retry, otherwise that is recorded as `unreachable`.
    """
    with _exclusive_check(source_id):
        source = Source.objects.filter(pk=source_id).first()
        skipped = _why_skip(source, due_at)
        if skipped:
            return CheckOutcome(source_id, due_at, skipped=skipped)
        assert source is not None
        host = host_of(source.url)
        take_host_slot(host)
        etag, last_modified = conditional_get_validators(source)
        started = timezone.now()
        try:
            result = fetch(source.url, etag=etag, last_modified=last_modified)
        except FetchUnreachable as exc:
            if retry_network_errors:
                raise
            observation = Observation(Health.UNREACHABLE, error=str(exc))
        except (FetchBlocked, FetchTooLarge) as exc:
            # Refused by the guard: a forbidden address or redirect hop, or a body over the cap.
            observation = Observation(Health.BLOCKED, error=str(exc))
        except FetchError as exc:
            observation = Observation(Health.UNREACHABLE, error=str(exc))
        else:
            observation = observe(result, sent_etag=etag, sent_last_modified=last_modified)
            _pause_host_if_asked(host, result)
        return record_check(
            source_id,
            due_at=due_at,
            requested_url=source.url,
            fetched_at=started,
            observation=observation,
        )


def record_failure(source_id: int, *, due_at: datetime, error: str) -> CheckOutcome:
    """Record a check that could not finish (e.g. it ran past its time limit) as unreachable."""
    source = Source.objects.filter(pk=source_id).first()
    skipped = _why_skip(source, due_at)
    if skipped:
        return CheckOutcome(source_id, due_at, skipped=skipped)
    assert source is not None
    return record_check(
        source_id,
        due_at=due_at,
        requested_url=source.url,
        fetched_at=timezone.now(),
        observation=Observation(Health.UNREACHABLE, error=error),
    )


def _why_skip(source: Source | None, due_at: datetime) -> str:
    if source is None:
        return "the source no longer exists"
    if not source.url:
        return "the source has no URL"
    if Snapshot.objects.filter(source=source, due_at=due_at).exists():
        return "this due check is already recorded"
    if source.next_check_at != due_at:
        return "the source was rescheduled since this check was queued"
    return ""


@contextmanager
def _exclusive_check(source_id: int) -> Iterator[None]:
    """Run one check of a source at a time across all workers (a PostgreSQL advisory lock).

    A task delivered twice waits here for the check in flight, then finds its due check
    answered and fetches nothing. The lock belongs to the database session, so a worker killed
    in the middle of a fetch releases it as its connection drops. SQLite runs in one process
    (eager tasks, the foreground command), where there is nobody to exclude.
    """
    if connection.vendor != "postgresql":
        yield
        return
    key = [_CHECK_LOCK_NAMESPACE, source_id & 0x7FFFFFFF]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s::int, %s::int)", key)
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s::int, %s::int)", key)
        except DatabaseError:
            # The session is gone, and its locks with it; do not hide the original error.
            logger.warning("could not release the re-check lock of source %s", source_id)


def observe(
    result: FetchResult, *, sent_etag: str = "", sent_last_modified: str = ""
) -> Observation:
    """Judge one fetch result on its own: health by status, main text for a 2xx answer."""
    status = result.status_code
    common = {
        "status_code": status,
        "final_url": result.final_url[:2000],
        "redirect_chain": result.redirect_chain,
        "etag": _fits(result.etag, 500),
        "last_modified": _fits(result.last_modified, 100),
        "byte_count": len(result.body),
    }
    if 200 <= status < 300:
        text, digest = read_main_text(result)
        return Observation(Health.OK, text=text, content_hash=digest, **common)
    if status == 304:
        # Servers may leave the validators out of a 304; the ones we sent still hold.
        common["etag"] = common["etag"] or sent_etag
        common["last_modified"] = common["last_modified"] or sent_last_modified
        return Observation(Health.OK, not_modified=True, **common)
    if status in GONE_STATUSES:
        return Observation(Health.GONE, **common)
    return Observation(
        Health.UNREACHABLE,
        error=f"HTTP {status}",
        retry_after=result.retry_after_seconds,
        **common,
    )


@transaction.atomic
def record_check(
    source_id: int,
    *,
    due_at: datetime,
    requested_url: str,
    fetched_at: datetime,
    observation: Observation,
) -> CheckOutcome:
    """Write the snapshot, health and next check time, and tell other apps, in one transaction.

    Receivers of source_health_changed and source_checked run inside this transaction, so the
    review flags they open commit or roll back with the snapshot.
    """
    source = Source.objects.select_for_update().get(pk=source_id)
    if Snapshot.objects.filter(source=source, due_at=due_at).exists():
        return CheckOutcome(source_id, due_at, skipped="this due check is already recorded")

    health, changed, diff = observation.health, False, ""
    content_hash, text = observation.content_hash, observation.text or ""
    if observation.text is not None or observation.not_modified:
        baseline = last_read_snapshot(source, url=requested_url)
        if observation.not_modified:
            # Nothing was re-read: the page is what the last read found.
            content_hash = baseline.content_hash if baseline else ""
        elif baseline is not None and baseline.content_hash != content_hash:
            health, changed = Health.CHANGED, True
            diff = short_diff(baseline.text, text)

    previous = source.health
    now = timezone.now()
    if health in FAILED_HEALTH:
        source.consecutive_failures += 1
        wait = failure_backoff(source.consecutive_failures)
        if observation.retry_after:
            wait = max(wait, timedelta(seconds=observation.retry_after))
        wait = min(wait, settings.CLAIMTRACK_RECHECK_MAX_INTERVAL)
    else:
        source.consecutive_failures = 0
        went_or_came_back = (health == Health.GONE) != (previous == Health.GONE)
        source.check_interval = next_interval(
            source.check_interval, reset=changed or went_or_came_back
        )
        wait = source.check_interval

    snapshot = Snapshot(
        source=source,
        due_at=due_at,
        fetched_at=fetched_at,
        requested_url=requested_url,
        final_url=observation.final_url,
        redirect_chain=observation.redirect_chain,
        status_code=observation.status_code,
        etag=observation.etag,
        last_modified=observation.last_modified,
        byte_count=observation.byte_count,
        content_hash=content_hash,
        text=text,
        changed=changed,
        diff=diff,
        health=health,
        error=observation.error,
    )
    try:
        with transaction.atomic():
            snapshot.save()
    except IntegrityError:
        # A concurrent delivery of this due check got there first (only possible without the
        # advisory lock, i.e. not on PostgreSQL); its snapshot stands.
        return CheckOutcome(source_id, due_at, skipped="this due check is already recorded")

    source.health = health
    source.last_checked_at = now
    source.next_check_at = now + wait
    source.check_claimed_until = None
    fields = [
        "health",
        "last_checked_at",
        "next_check_at",
        "check_claimed_until",
        "check_interval",
        "consecutive_failures",
    ]
    if health != previous:
        source.health_changed_at = now
        fields.append("health_changed_at")
    source.save(update_fields=fields)

    if health != previous:
        source_health_changed.send(
            sender=Source, source=source, previous=previous, snapshot=snapshot
        )
    source_checked.send(sender=Source, source=source, snapshot=snapshot)
    return CheckOutcome(source_id, due_at, snapshot=snapshot)


def _fits(value: str, max_length: int) -> str:
    # A cut validator would never match again; an absent one merely costs a full GET.
    return value if len(value) <= max_length else ""


# --- Schedule ----------------------------------------------------------------------------------


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


# --- Per-host politeness -----------------------------------------------------------------------


def host_of(url: str) -> str:
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
    if count > settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE:
        raise HostBusy(host, 60 - now % 60)


def pause_host(host: str, seconds: int) -> None:
    seconds = max(1, min(seconds, MAX_HOST_PAUSE_SECONDS))
    cache.set(_pause_key(host), time.time() + seconds, timeout=seconds + 1)


def _pause_host_if_asked(host: str, result: FetchResult) -> None:
    if result.status_code == 429:
        pause_host(host, result.retry_after_seconds or DEFAULT_HOST_PAUSE_SECONDS)
    elif result.status_code == 503 and result.retry_after_seconds:
        pause_host(host, result.retry_after_seconds)


def _pause_key(host: str) -> str:
    return f"recheck:host-pause:{host}"
