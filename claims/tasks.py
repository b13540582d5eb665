"""Celery tasks of the claims app: ids in, a service call, retries here."""

from celery import shared_task

from . import services
from .webhooks import tasks as webhook_tasks  # noqa: F401  (registers the webhook tasks)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def flag_stale_claims() -> int:
    return services.flag_stale_claims()
