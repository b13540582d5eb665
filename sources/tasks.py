"""Celery tasks of the sources app: ids in, a service call, retries and time limits here.

Both tasks are acknowledged only after they finish (acks_late) and handed back to the broker
when their worker process dies (reject_on_worker_lost), so a killed worker's check runs again
elsewhere; `recheck.check_source` makes that second run write nothing twice.
"""

from datetime import datetime

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings

from . import recheck, services
from .fetching import FetchUnreachable
from .politeness import HostBusy

# Network retries wait up to 10 s, 20 s, 40 s … (CLAIMTRACK_RECHECK_RETRY_BACKOFF_SECONDS doubled
# per retry, full jitter), never more than 5 minutes, so that many workers retrying one flaky
# host do not come back in step.
RETRY_BACKOFF_MAX_SECONDS = 300


def retry_countdown(retries: int) -> int:
    """Seconds before network retry number `retries + 1`: random in [0, base * 2**retries]."""
    return get_exponential_backoff_interval(
        factor=settings.CLAIMTRACK_RECHECK_RETRY_BACKOFF_SECONDS,
        retries=retries,
        maximum=RETRY_BACKOFF_MAX_SECONDS,
        full_jitter=True,
    )


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=60,
    time_limit=90,
)
def enqueue_due_rechecks() -> int:
    """Beat runs this every minute: lease the due sources and queue one re-check each."""
    return services.enqueue_due_rechecks()


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=settings.CLAIMTRACK_RECHECK_SOFT_TIME_LIMIT,
    time_limit=settings.CLAIMTRACK_RECHECK_TIME_LIMIT,
)
def recheck_source(self: Task, source_id: int, due_at: str) -> str:
    """Check one source for the due check `due_at` (ISO 8601, the leased next_check_at)."""
    due = datetime.fromisoformat(due_at)
    max_retries = settings.CLAIMTRACK_RECHECK_NETWORK_RETRIES
    # Run eagerly (no broker), a retry would block the caller, and with eager propagation it
    # surfaces as an exception in, say, the admin: record the failure at once instead.
    retry = not self.request.is_eager and self.request.retries < max_retries
    try:
        outcome = recheck.check_source(source_id, due_at=due, retry_network_errors=retry)
    except FetchUnreachable as exc:
        raise self.retry(
            exc=exc, countdown=retry_countdown(self.request.retries), max_retries=max_retries
        ) from exc
    except HostBusy:
        # The host's budget is spent: leave the check due for the next beat tick rather than
        # holding a countdown message in a worker's memory.
        services.release_lease(services.DueCheck(source_id, due))
        return "deferred: host busy"
    except SoftTimeLimitExceeded:
        limit = settings.CLAIMTRACK_RECHECK_SOFT_TIME_LIMIT
        outcome = services.record_failure(
            source_id=source_id, due_at=due, error=f"the check ran past its time limit of {limit} s"
        )
    return outcome.summary
