"""The source re-check: fetch through the guard, judge the answer, hand it to `record_check`.

A check answers one *due check* of one source: the value `Source.next_check_at` had when the
check was leased (`due_at`). Snapshots are unique per (source, due_at), and a check that finds
its due check already answered, or the source rescheduled since, fetches nothing and writes
nothing. That makes `check_source` safe to run twice for the same due check, which is what a
redelivered Celery task does.

The rest of the job lives beside it: the schedule in sources.schedule, the per-host budget in
sources.politeness, reading the page in sources.text, and every write in sources.services.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.db import DatabaseError, connection
from django.utils import timezone

from .fetching import (
    FetchBlocked,
    FetchError,
    FetchResult,
    FetchTooLarge,
    FetchUnreachable,
    fetch,
)
from .models import Health, Source
from .politeness import host_of, pause_host_if_asked, take_host_slot
from .selectors import conditional_get_validators, why_skip_check
from .services import CheckOutcome, Observation, record_check
from .text import read_main_text

logger = logging.getLogger(__name__)

GONE_STATUSES = frozenset({404, 410})
# Names the session advisory locks of re-checks (the second key is the source id).
_CHECK_LOCK_NAMESPACE = 0x52434B  # "RCK"


def check_source(
    source_id: int, *, due_at: datetime, retry_network_errors: bool = False
) -> CheckOutcome:
    """Run the check of `source_id` leased for `due_at` and record what it saw.

    Fetches nothing and writes nothing when that due check is already answered, the source was
    rescheduled since (another check answered it) or it has no URL any more. Raises HostBusy,
    writing nothing, when the host's budget is spent; with `retry_network_errors` it raises
    FetchUnreachable for the caller to retry, otherwise that is recorded as `unreachable`.
    """
    with _exclusive_check(source_id):
        source = Source.objects.filter(pk=source_id).first()
        skipped = why_skip_check(source, due_at=due_at)
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
            pause_host_if_asked(host, result)
        return record_check(
            source_id=source_id,
            due_at=due_at,
            requested_url=source.url,
            fetched_at=started,
            observation=observation,
        )


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
    common: dict[str, Any] = {
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


def _fits(value: str, max_length: int) -> str:
    # A cut validator would never match again; an absent one merely costs a full GET.
    return value if len(value) <= max_length else ""
