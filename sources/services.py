"""Writes of the sources app: the lease of due checks, queueing re-checks, and recording what a
check saw. The check itself (fetch and judge) is in sources.recheck."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common import roles

from .errors import RecheckNotQueued
from .models import Citation, Health, Reliance, Snapshot, Source
from .origins import Tracing, links
from .politeness import host_of
from .schedule import failure_backoff, next_interval
from .selectors import (
    due_sources,
    last_read_snapshot,
    sources_relying_on,
    trace_from,
    why_skip_check,
)
from .signals import origins_changed, source_checked, source_health_changed
from .text import short_diff

# Outcomes that say we could not read the page, as opposed to what the page is.
FAILED_HEALTH = frozenset({Health.UNREACHABLE, Health.BLOCKED})


@dataclass(frozen=True)
class DueCheck:
    """One leased check: the source and the due time it answers (the snapshot's `due_at`)."""

    source_id: int
    due_at: datetime


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


@dataclass(frozen=True)
class CheckOutcome:
    source_id: int
    due_at: datetime
    snapshot: Snapshot | None = None
    skipped: str = ""  # why nothing was fetched or written

    @property
    def summary(self) -> str:
        return self.snapshot.health if self.snapshot is not None else f"skipped: {self.skipped}"


# --- The lease of due checks -------------------------------------------------------------------


@transaction.atomic
def lease_due_sources(
    *,
    now: datetime | None = None,
    limit: int | None = None,
    source_ids: Iterable[int] | None = None,
) -> list[DueCheck]:
    """Lease the due checks of sources with a URL, oldest first, so nobody else queues them.

    Rows are locked with SKIP LOCKED, so two beat ticks, two workers or the foreground command
    running at once lease disjoint sets; a lease then holds for CLAIMTRACK_RECHECK_LEASE_TIMEOUT
    (or until the check is recorded), which lets a check whose task was lost be leased again.
    `next_check_at` stays as it was: it is the key of the due check. At most the per-host
    budget is leased per host, leaving the rest due for the next tick. `source_ids` narrows
    the lease to those sources (the foreground command leases one at a time).
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
    leased: list[DueCheck] = []
    never_scheduled: list[int] = []
    for source in candidates:
        host = host_of(source.url)
        if per_host[host] >= per_host_budget:
            continue
        per_host[host] += 1
        if source.next_check_at is None:
            never_scheduled.append(source.pk)  # its due check is keyed by this lease's time
        leased.append(DueCheck(source.pk, source.next_check_at or now))
    Source.objects.filter(pk__in=never_scheduled).update(next_check_at=now)
    Source.objects.filter(pk__in=[check.source_id for check in leased]).update(
        check_leased_until=now + settings.CLAIMTRACK_RECHECK_LEASE_TIMEOUT
    )
    return leased


@transaction.atomic
def lease_check_now(source: Source, *, now: datetime | None = None) -> DueCheck:
    """Make `source` due now and lease that check ("re-check now", the foreground command).

    A check queued earlier for an older due time then finds the source rescheduled and skips.
    """
    now = now or timezone.now()
    Source.objects.filter(pk=source.pk).update(
        next_check_at=now, check_leased_until=now + settings.CLAIMTRACK_RECHECK_LEASE_TIMEOUT
    )
    return DueCheck(source.pk, now)


def release_lease(check: DueCheck) -> None:
    """Leave a leased check due for the next beat tick (its host was busy, or the broker did
    not take it)."""
    Source.objects.filter(pk=check.source_id, next_check_at=check.due_at).update(
        check_leased_until=None
    )


@transaction.atomic
def enqueue_due_rechecks(*, now: datetime | None = None) -> int:
    """Lease the due checks and queue a re-check task for each once the lease is committed.

    Raises RecheckNotQueued, after the commit, when the broker does not take them (see _queue).
    """
    checks = lease_due_sources(now=now)
    transaction.on_commit(partial(_queue, checks))
    return len(checks)


@transaction.atomic
def request_rechecks(sources: Iterable[Source]) -> int:
    """Queue a re-check now of each source with a URL (the admin's "re-check now").

    Raises RecheckNotQueued, after the commit, when the broker does not take them (see _queue).
    """
    checks = [lease_check_now(source) for source in sources if source.url]
    transaction.on_commit(partial(_queue, checks))
    return len(checks)


def _queue(checks: list[DueCheck]) -> None:
    """Queue the leased checks; when the broker does not answer, release the leases of those it
    did not take (they stay due, and beat queues them once it answers) and raise
    RecheckNotQueued. Without the release a source stayed leased, so nobody queued it, for the
    lease's 20 minutes."""
    from .tasks import recheck_source  # the tasks module imports this one

    for queued, check in enumerate(checks):
        try:
            recheck_source.delay(check.source_id, check.due_at.isoformat())
        except recheck_source.OperationalError as error:  # Celery's name for kombu's
            # The broker is down: each further try would wait out Celery's publish retries.
            for left in checks[queued:]:
                release_lease(left)
            raise RecheckNotQueued(not_queued=len(checks) - queued, queued=queued) from error


# --- Recording a check -------------------------------------------------------------------------


@transaction.atomic
def record_check(
    *,
    source_id: int,
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
        wait = next_interval(source.check_interval, reset=changed or went_or_came_back)
        source.check_interval = wait

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
    source.check_leased_until = None
    fields = [
        "health",
        "last_checked_at",
        "next_check_at",
        "check_leased_until",
        "check_interval",
        "consecutive_failures",
    ]
    if health != previous:
        source.health_changed_at = now
        fields.append("health_changed_at")
    # Only fields the source's history leaves out (its snapshots are that history): a check
    # adds no version of the source.
    source.skip_history_when_saving = True  # type: ignore[attr-defined]
    source.save(update_fields=fields)

    if health != previous:
        source_health_changed.send(
            sender=Source, source=source, previous=previous, snapshot=snapshot
        )
    source_checked.send(sender=Source, source=source, snapshot=snapshot)
    return CheckOutcome(source_id, due_at, snapshot=snapshot)


@transaction.atomic
def record_failure(*, source_id: int, due_at: datetime, error: str) -> CheckOutcome:
    """Record a check that could not finish (e.g. it ran past its time limit) as unreachable."""
    source = Source.objects.filter(pk=source_id).first()
    skipped = why_skip_check(source, due_at=due_at)
    if skipped:
        return CheckOutcome(source_id, due_at, skipped=skipped)
    assert source is not None
    return record_check(
        source_id=source_id,
        due_at=due_at,
        requested_url=source.url,
        fetched_at=timezone.now(),
        observation=Observation(Health.UNREACHABLE, error=error),
    )


# --- Citations and origins ---------------------------------------------------------------------


def _require_recorder(editor: User | None) -> None:
    # None only for system imports (the demo loader, intake's own writes after its checks).
    if editor is not None and not roles.can_record(editor):
        raise PermissionDenied(_("Only editors and admins may record citations."))


@transaction.atomic
def cite_source(*, citing: Source, cited: Source, note: str = "", editor: User | None) -> Citation:
    """Record that `citing` relies on `cited`, and retrace the origins of every source whose
    chain passes through `citing`. A ring it closes is allowed (circular reporting happens) and
    reported to the claims, which flag it for review."""
    _require_recorder(editor)
    if citing.pk == cited.pk:
        raise ValidationError({"cited": _("A source cannot cite itself.")})
    if Citation.objects.filter(citing=citing, cited=cited).exists():
        raise ValidationError(
            {
                "cited": _("“%(citing)s” already cites “%(cited)s”.")
                % {"citing": citing.title, "cited": cited.title}
            }
        )
    citation = Citation(citing=citing, cited=cited, note=note.strip())
    citation.full_clean()
    citation.save()
    retrace_origins({citing.pk})
    return citation


@transaction.atomic
def remove_citation(citation: Citation, *, editor: User | None) -> None:
    """Remove a citation (recorded in its history) and retrace the origins that went through it."""
    _require_recorder(editor)
    citing_id = citation.citing_id
    citation.delete()
    retrace_origins({citing_id})


@transaction.atomic
def source_edited(source: Source, *, changed: Iterable[str]) -> None:
    """Tell the claims that a source's publisher or kind changed: whose words it holds first-hand
    and whose origins are whose depend on them."""
    if {"publisher", "kind"} & set(changed):
        relying = sources_relying_on({source.pk})
        origins_changed.send(sender=Source, source_ids=relying, cycles=[], cycle_sources={})


@transaction.atomic
def source_delete(source: Source, *, editor: User | None) -> None:
    """Delete a source with its citations and snapshots, and retrace the chains that ran through
    it (a source that records statements cannot be deleted: they protect it)."""
    _require_recorder(editor)
    relying = sources_relying_on({source.pk}) - {source.pk}
    source.delete()
    if relying:
        retrace_origins(relying)


@transaction.atomic
def retrace_origins(source_ids: Iterable[int]) -> Tracing:
    """Bring Reliance up to date for these sources and every source whose chain passes through
    them, after their citations changed; then send origins_changed for those whose chains did
    change, with the rings of citation through the given sources."""
    given = set(source_ids)
    affected = sources_relying_on(given)
    tracing = trace_from(affected)
    kept: dict[int, set[tuple[int, bool, bool]]] = {}
    for source_id, *link in Reliance.objects.filter(source_id__in=affected).values_list(
        "source_id", "relies_on_id", "is_origin", "circular"
    ):
        kept.setdefault(source_id, set()).add(tuple(link))  # type: ignore[arg-type]
    changed: set[int] = set()
    stale: dict[int, set[int]] = {}
    fresh: list[Reliance] = []
    for source_id in affected:
        wanted = links(source_id, tracing)
        before = kept.get(source_id, set())
        if wanted == before:
            continue
        changed.add(source_id)
        if before - wanted:
            stale[source_id] = {relies_on for relies_on, *_ in before - wanted}
        fresh.extend(
            Reliance(source_id=source_id, relies_on_id=relies_on, is_origin=origin, circular=ring)
            for relies_on, origin, ring in wanted - before
        )
    if stale:  # one DELETE, however many sources lost links
        gone = Q()
        for source_id, relies_on_ids in stale.items():
            gone |= Q(source_id=source_id, relies_on_id__in=relies_on_ids)
        Reliance.objects.filter(gone).delete()
    Reliance.objects.bulk_create(fresh)
    rings = {
        index
        for source_id in given
        for index in tracing.through_cycles.get(source_id, ())
        if source_id in tracing.cycles[index]
    }
    if changed or rings:
        origins_changed.send(
            sender=Source,
            source_ids=changed,
            cycles=[tracing.cycles[index] for index in sorted(rings)],
            cycle_sources={
                source_id: frozenset(i for i in indexes if i in rings)
                for source_id, indexes in tracing.through_cycles.items()
                if indexes & rings
            },
        )
    return tracing


def retrace_all_origins(*, batch: int = 5000) -> int:
    """Rebuild Reliance for every source that cites another (after a bulk load); returns the
    number of sources traced. Sends no signal: the caller refreshes what depends on chains."""
    citing_ids = sorted(set(Citation.objects.values_list("citing_id", flat=True)))
    tracing = trace_from(citing_ids)
    with transaction.atomic():
        Reliance.objects.all().delete()
        Reliance.objects.bulk_create(
            [
                Reliance(
                    source_id=source_id, relies_on_id=relies_on, is_origin=origin, circular=ring
                )
                for source_id in citing_ids
                for relies_on, origin, ring in links(source_id, tracing)
            ],
            batch_size=batch,
        )
    return len(citing_ids)
