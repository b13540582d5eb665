"""Celery tasks of webhooks: beat dispatches every few seconds, one task per due subscription.

Retries are not Celery retries: a failed delivery sets the subscription's next_attempt_at (see
services.retry_delay) and the dispatcher picks it up when that time comes, so no countdown
message waits in a worker's memory for up to an hour.
"""

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=30, time_limit=60)
def dispatch_webhooks() -> int:
    """Beat runs this every few seconds: queue a delivery run per subscription with work."""
    due = services.subscriptions_due()
    for subscription_id in due:
        deliver_webhooks.delay(subscription_id)
    return len(due)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=600,
    time_limit=660,
)
def deliver_webhooks(subscription_id: int) -> str:
    run = services.deliver_pending(subscription_id)
    return f"delivered {run.delivered}, skipped {run.skipped}, failed {run.failed}"
