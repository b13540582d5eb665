"""The Celery tasks, run in-process (eager): beat's enqueue, retries, deferral, options."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from claimtrack.celery import app as celery_app
from sources import politeness, services
from sources.models import Health, Snapshot
from sources.tasks import enqueue_due_rechecks, recheck_source
from tests.factories import SourceFactory
from tests.sources.recheck_helpers import ARTICLE, hanging_up_tcp_server, page, source_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("recheck_settings")]


def test_beat_task_queues_the_due_checks_and_each_writes_its_snapshot(
    httpserver, url, django_capture_on_commit_callbacks
):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type="text/html")
    httpserver.expect_request("/b").respond_with_data("gone", status=404)
    due = [source_at(url("/a")), source_at(url("/b"))]
    later = SourceFactory(url=url("/c"), next_check_at=timezone.now() + timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert enqueue_due_rechecks.delay().get() == 2

    assert len(queued) == 1  # one callback queues them all once the lease commits
    for source, health in zip(due, [Health.OK, Health.GONE], strict=True):
        snapshot = Snapshot.objects.get(source=source)
        assert snapshot.due_at == source.next_check_at  # the leased due time is the key
        assert snapshot.health == health
    assert not Snapshot.objects.filter(source=later).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_due_rechecks.delay().get() == 0


def test_the_same_task_delivered_twice_writes_one_snapshot(httpserver, url):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type="text/html")
    check = services.lease_check_now(source_at(url("/a")))
    args = (check.source_id, check.due_at.isoformat())

    assert recheck_source.apply(args=args).get() == Health.OK
    assert recheck_source.apply(args=args).get() == "skipped: this due check is already recorded"
    assert Snapshot.objects.filter(source_id=check.source_id).count() == 1
    assert len(httpserver.log) == 1


@pytest.fixture
def hanging_up_server(settings) -> Iterator[tuple[str, list[int]]]:
    with hanging_up_tcp_server() as (port, accepted):
        settings.CLAIMTRACK_FETCH_ALLOW = [*settings.CLAIMTRACK_FETCH_ALLOW, f"127.0.0.1:{port}"]
        yield f"http://127.0.0.1:{port}/article", accepted


def test_run_eagerly_a_network_error_is_recorded_at_once(settings, hanging_up_server):
    # Retries need a worker (see tests/integration); in-process they would block the caller.
    settings.CLAIMTRACK_RECHECK_NETWORK_RETRIES = 2
    address, accepted = hanging_up_server
    check = services.lease_check_now(source_at(address))

    result = recheck_source.apply(args=(check.source_id, check.due_at.isoformat()))

    assert result.get() == Health.UNREACHABLE
    assert len(accepted) == 1
    snapshot = Snapshot.objects.get(source_id=check.source_id)
    assert snapshot.health == Health.UNREACHABLE
    assert snapshot.error.startswith("connection to 127.0.0.1:")
    assert snapshot.due_at == check.due_at


def test_a_busy_host_leaves_the_check_due_for_the_next_tick(settings, httpserver, url):
    settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE = 1
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type="text/html")
    politeness.pause_host("127.0.0.1", 60)  # e.g. after a 429
    source = source_at(url("/a"))
    check = services.lease_check_now(source)

    assert recheck_source.apply(args=(source.pk, check.due_at.isoformat())).get() == (
        "deferred: host busy"
    )

    source.refresh_from_db()
    assert source.check_leased_until is None
    assert source.next_check_at == check.due_at
    assert services.lease_due_sources() == [check]
    assert not httpserver.log


def test_a_check_that_ran_past_its_time_limit_is_recorded_as_unreachable(url):
    check = services.lease_check_now(source_at(url("/a")))

    outcome = services.record_failure(
        source_id=check.source_id,
        due_at=check.due_at,
        error="the check ran past its time limit of 90 s",
    )

    assert outcome.snapshot.health == Health.UNREACHABLE
    assert outcome.snapshot.source.consecutive_failures == 1


def test_tasks_are_acknowledged_late_and_time_limited(settings):
    for task in (recheck_source, enqueue_due_rechecks):
        assert task.acks_late and task.reject_on_worker_lost
        assert 0 < task.soft_time_limit < task.time_limit
    assert recheck_source.soft_time_limit == settings.CLAIMTRACK_RECHECK_SOFT_TIME_LIMIT
    assert recheck_source.time_limit == settings.CLAIMTRACK_RECHECK_TIME_LIMIT
    # Longer than one guarded fetch, so the fetch's own deadline fires first.
    assert recheck_source.soft_time_limit > settings.CLAIMTRACK_FETCH_TIMEOUT_SECONDS


def test_beat_enqueues_due_rechecks_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["enqueue-due-rechecks"]
    assert entry == {"task": enqueue_due_rechecks.name, "schedule": 60.0}
    assert entry["task"] in celery_app.tasks
