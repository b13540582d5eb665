"""Writes of the sources app that schedule re-checks. The check itself is in sources.recheck."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Source
from .recheck import host_of
from .selectors import due_sources


@dataclass(frozen=True)
class DueCheck:
    """One claimed check: the source and the due time it answers (the snapshot's `due_at`)."""

    source_id: int
    due_at: datetime


@transaction.atomic
def claim_due_sources(
    *,
    now: datetime | None = None,
    limit: int | None = None,
    source_ids: Iterable[int] | None = None,
) -> list[DueCheck]:
    """Claim the due checks of sources with a URL, oldest first, so nobody else queues them.

    Rows are locked with SKIP LOCKED, so two beat ticks, two workers or the foreground command
    running at once claim disjoint sets; a claim then holds for CLAIMTRACK_RECHECK_CLAIM_TIMEOUT
    (or until the check is recorded), which lets a check whose task was lost be claimed again.
    `next_check_at` stays as it was: it is the key of the due check. At most the per-host
    budget is claimed per host, leaving the rest due for the next tick. `source_ids` narrows
    the claim to those sources (the foreground command claims one at a time).
    """
    now = now or timezone.now()
    limit = settings.CLAIMTRACK_RECHECK_BATCH_SIZE if limit is None else limit
    per_host_budget = settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE
    due = due_sources(now=now)
    if source_ids is not None:
        due = due.filter(pk__in=list(source_ids))
    candidates = (
        due.select_for_update(skip_locked=True)
        .only("id", "url", "next_check_at")
        .order_by(F("next_check_at").asc(nulls_first=True), "id")[:limit]
    )
    per_host: Counter[str] = Counter()
    claimed: list[DueCheck] = []
    never_scheduled: list[int] = []
    for source in candidates:
        host = host_of(source.url)
        if per_host[host] >= per_host_budget:
            continue
        per_host[host] += 1
        if source.next_check_at is None:
            never_scheduled.append(source.pk)  # its due check is keyed by this claim's time
        claimed.append(DueCheck(source.pk, source.next_check_at or now))
    Source.objects.filter(pk__in=never_scheduled).update(next_check_at=now)
    Source.objects.filter(pk__in=[check.source_id for check in claimed]).update(
        check_claimed_until=now + settings.CLAIMTRACK_RECHECK_CLAIM_TIMEOUT
    )
    return claimed


@transaction.atomic
def claim_check_now(source: Source, *, now: datetime | None = None) -> DueCheck:
    """Make `source` due now and claim that check ("re-check now", the foreground command).

    A check queued earlier for an older due time then finds the source rescheduled and skips.
    """
    now = now or timezone.now()
    Source.objects.filter(pk=source.pk).update(
        next_check_at=now, check_claimed_until=now + settings.CLAIMTRACK_RECHECK_CLAIM_TIMEOUT
    )
    return DueCheck(source.pk, now)


def release_claim(check: DueCheck) -> None:
    """Leave a claimed check due for the next beat tick (its host was busy)."""
    Source.objects.filter(pk=check.source_id, next_check_at=check.due_at).update(
        check_claimed_until=None
    )


@transaction.atomic
def enqueue_due_rechecks(*, now: datetime | None = None) -> int:
    """Claim the due checks and queue a re-check task for each once the claim is committed."""
    checks = claim_due_sources(now=now)
    for check in checks:
        transaction.on_commit(lambda check=check: _queue(check))
    return len(checks)


@transaction.atomic
def request_rechecks(sources: Iterable[Source]) -> int:
    """Queue a re-check now of each source with a URL (the admin's "re-check now")."""
    queued = 0
    for source in sources:
        if not source.url:
            continue
        check = claim_check_now(source)
        transaction.on_commit(lambda check=check: _queue(check))
        queued += 1
    return queued


def _queue(check: DueCheck) -> None:
    from .tasks import recheck_source  # the tasks module imports this one

    recheck_source.delay(check.source_id, check.due_at.isoformat())
