"""Per-host politeness: the request budget per host and minute, shared by workers and processes."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from sources import politeness
from sources.models import Snapshot
from tests.sources.recheck_helpers import ARTICLE, check_now, page, source_at

ROOT = Path(__file__).resolve().parents[2]


# --- Per-host budget ---------------------------------------------------------------------------


def wait_for_a_fresh_minute_window(seconds_needed: float = 5) -> None:
    # The budget is per clock minute; start early in one so the test never straddles two.
    while time.time() % 60 > 60 - seconds_needed:
        time.sleep(0.2)


@pytest.mark.django_db
@pytest.mark.usefixtures("recheck_settings")
def test_the_host_budget_stops_requests_beyond_it_in_the_same_minute(settings, httpserver, url):
    settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE = 2
    for path in ("/a", "/b", "/c"):
        httpserver.expect_request(path).respond_with_data(page(*ARTICLE), content_type="text/html")
    sources = [source_at(url(path)) for path in ("/a", "/b", "/c")]
    wait_for_a_fresh_minute_window()

    check_now(sources[0])
    check_now(sources[1])
    with pytest.raises(politeness.HostBusy) as busy:
        check_now(sources[2])

    assert busy.value.host == "127.0.0.1"
    assert 0 < busy.value.retry_in <= 60
    assert len(httpserver.log) == 2
    assert not Snapshot.objects.filter(source=sources[2]).exists()


@pytest.mark.redis
def test_the_host_budget_is_shared_by_processes_through_redis(settings):
    settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE = 3
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "claimtrack",
        }
    }
    host = f"{uuid.uuid4().hex}.example"  # a fresh host: nobody else counts against it
    wait_for_a_fresh_minute_window(seconds_needed=15)
    other_process = (
        "import django; django.setup(); from sources.politeness import take_host_slot; "
        f"take_host_slot({host!r}); take_host_slot({host!r})"
    )
    result = subprocess.run(
        [sys.executable, "-c", other_process],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "claimtrack.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr

    politeness.take_host_slot(host)  # the third request this minute: within the budget
    with pytest.raises(politeness.HostBusy):
        politeness.take_host_slot(host)
