"""Settings the re-check job relies on, read in a fresh interpreter from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'cache': s.CACHES['default'], "
    "'transport': s.CELERY_BROKER_TRANSPORT_OPTIONS, 'queue': s.CELERY_TASK_DEFAULT_QUEUE, "
    "'longest': s.CLAIMTRACK_RECHECK_LONGEST_SECONDS, "
    "'lease': s.CLAIMTRACK_RECHECK_LEASE_TIMEOUT.total_seconds()}))"
)


def settings_with(env: dict[str, str]) -> dict:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_URL", "CELERY_"))}
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**base, "DJANGO_SETTINGS_MODULE": "claimtrack.settings", **env},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_redis_each_process_caches_in_memory():
    assert settings_with({})["cache"]["BACKEND"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_with_redis_the_cache_is_shared_through_it():
    cache = settings_with({"REDIS_URL": "redis://127.0.0.1:6379/3"})["cache"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_the_broker_visibility_timeout_and_queue_come_from_the_environment():
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/3"}
    defaults = settings_with(redis)
    # Every try of a re-check at the fetch's 20 s cap, and the back-off between them.
    assert defaults["longest"] == 20 * 4 + 10 + 20 + 40
    # Above the longest task (webhook deliveries may run 660 s), and the lease above both.
    assert defaults["transport"]["visibility_timeout"] == 900
    assert defaults["lease"] == 900 + 2 * defaults["longest"]
    assert defaults["queue"] == "celery"
    tuned = settings_with(
        {**redis, "CELERY_BROKER_VISIBILITY_TIMEOUT": "5", "CELERY_TASK_DEFAULT_QUEUE": "rechecks"}
    )
    assert tuned["transport"]["visibility_timeout"] == 5
    assert tuned["queue"] == "rechecks"


def test_without_redis_the_broker_is_a_folder():
    transport = settings_with({"CLAIMTRACK_BROKER_DIR": "/var/lib/claimtrack/broker"})["transport"]
    assert transport["data_folder_in"] == transport["data_folder_out"]
    assert transport["data_folder_in"].startswith("/var/lib/claimtrack/broker/")
