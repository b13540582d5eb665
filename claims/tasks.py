"""Celery tasks of the claims app: ids in, a service call, retries here."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def flag_stale_claims() -> int:
    return services.flag_stale_claims()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def flag_due_projections() -> int:
    return services.estimates.flag_due_projections()
