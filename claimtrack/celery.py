"""The Celery app. Configuration lives in Django settings under the CELERY_ prefix."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")

app = Celery("claimtrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def make_broker_folders(sender: Celery, **kwargs: object) -> None:
    """The filesystem broker (no REDIS_URL) reads and writes folders it does not create."""
    if sender.conf.broker_url.startswith("filesystem://"):
        options = sender.conf.broker_transport_options
        for key in ("data_folder_in", "data_folder_out", "control_folder"):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


def forget_queue(broker_url: str, name: str) -> None:
    """Remove a queue from a Redis broker with what kombu keeps about it and its workers'
    control queues: for throwaway queues (the test suite's, the re-check benchmark's)."""
    import redis

    client = redis.Redis.from_url(broker_url)
    try:
        client.delete(name, f"_kombu.binding.{name}", f"_kombu.binding_permanent.{name}")
        pidbox = "_kombu.binding.celery.pidbox"
        ours = [member for member in client.smembers(pidbox) if name.encode() in member]
        if ours:
            client.srem(pidbox, *ours)
    finally:
        client.close()
