"""Scheduling: intervals, back-off, the lease of due checks, one fetch per due check."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sources import recheck, services
from sources.models import Snapshot, Source
from sources.schedule import failure_backoff, next_interval
from sources.tasks import RETRY_BACKOFF_MAX_SECONDS, retry_countdown
from tests.factories import SourceFactory
from tests.sources.recheck_helpers import ARTICLE, page, source_at

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


# --- Arithmetic --------------------------------------------------------------------------------


def test_interval_doubles_from_an_hour_up_to_seven_days():
    intervals, current = [], None
    for _ in range(10):
        current = next_interval(current, reset=False)
        intervals.append(current)

    hours = [1, 2, 4, 8, 16, 32, 64, 128]
    assert intervals == [h * HOUR for h in hours] + [7 * DAY, 7 * DAY]


def test_a_change_resets_the_interval_to_an_hour():
    assert next_interval(7 * DAY, reset=True) == HOUR
    assert next_interval(None, reset=False) == HOUR


def test_intervals_follow_the_settings(settings):
    settings.CLAIMTRACK_RECHECK_FIRST_INTERVAL = timedelta(minutes=30)
    settings.CLAIMTRACK_RECHECK_MAX_INTERVAL = timedelta(hours=3)
    assert next_interval(None, reset=False) == timedelta(minutes=30)
    assert next_interval(timedelta(hours=2), reset=False) == timedelta(hours=3)


def test_failure_backoff_doubles_per_failure_up_to_the_cap():
    waits = [failure_backoff(n) for n in range(1, 11)]
    assert waits == [h * HOUR for h in [1, 2, 4, 8, 16, 32, 64, 128]] + [7 * DAY, 7 * DAY]
    assert failure_backoff(10_000) == 7 * DAY  # no overflow however long a host stays down


def test_network_retry_countdown_is_exponential_with_full_jitter_and_capped(settings):
    settings.CLAIMTRACK_RECHECK_RETRY_BACKOFF_SECONDS = 10
    for retries in range(8):
        ceiling = min(10 * 2**retries, RETRY_BACKOFF_MAX_SECONDS)
        samples = [retry_countdown(retries) for _ in range(200)]
        assert all(0 <= sample <= ceiling for sample in samples)
    # Jitter: workers retrying the same host at once do not come back in step.
    assert len({retry_countdown(3) for _ in range(50)}) > 5


# --- Leases ------------------------------------------------------------------------------------


def due_source(host: str = "example.org", minutes_ago: int = 5, **fields) -> Source:
    return SourceFactory(
        url=f"https://{host}/{uuid.uuid4().hex}",
        next_check_at=timezone.now() - timedelta(minutes=minutes_ago),
        **fields,
    )


@pytest.mark.django_db
def test_a_lease_takes_due_sources_with_a_url_keyed_by_their_due_time():
    now = timezone.now()
    due = [due_source(minutes_ago=m) for m in (3, 9)]
    SourceFactory(url="https://example.org/later", next_check_at=now + HOUR)
    SourceFactory(url="")
    due_source(check_leased_until=now + HOUR)  # queued by someone else

    leased = services.lease_due_sources(now=now)

    assert leased == [
        services.DueCheck(due[1].pk, due[1].next_check_at),  # the longest overdue first
        services.DueCheck(due[0].pk, due[0].next_check_at),
    ]
    for source in due:
        source.refresh_from_db()
        assert source.check_leased_until == now + settings.CLAIMTRACK_RECHECK_LEASE_TIMEOUT


@pytest.mark.django_db
def test_a_source_never_scheduled_is_leased_first_and_keyed_by_the_lease():
    now = timezone.now()
    overdue = due_source(minutes_ago=60)
    imported = due_source()
    Source.objects.filter(pk=imported.pk).update(next_check_at=None)  # as a bulk import leaves it

    leased = services.lease_due_sources(now=now)

    assert leased == [
        services.DueCheck(imported.pk, now),
        services.DueCheck(overdue.pk, overdue.next_check_at),
    ]
    imported.refresh_from_db()
    assert imported.next_check_at == now


@pytest.mark.django_db
def test_a_second_beat_tick_leases_nothing_until_the_lease_runs_out():
    now = timezone.now()
    source = due_source()

    assert len(services.lease_due_sources(now=now)) == 1
    assert services.lease_due_sources(now=now + timedelta(minutes=1)) == []
    # A lease whose task was lost runs out and the same due check is leased again.
    later = now + settings.CLAIMTRACK_RECHECK_LEASE_TIMEOUT + timedelta(seconds=1)
    assert services.lease_due_sources(now=later) == [
        services.DueCheck(source.pk, source.next_check_at)
    ]


@pytest.mark.django_db
def test_a_tick_leases_at_most_the_host_budget_per_host(settings):
    settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE = 2
    now = timezone.now()
    busy = [due_source("busy.example", minutes_ago=m) for m in (4, 3, 2)]
    quiet = due_source("quiet.example")

    first = services.lease_due_sources(now=now)
    second = services.lease_due_sources(now=now)

    assert {c.source_id for c in first} == {busy[0].pk, busy[1].pk, quiet.pk}
    assert [c.source_id for c in second] == [busy[2].pk]


@pytest.mark.django_db
def test_re_check_now_makes_the_source_due_now_and_leases_it():
    source = due_source(minutes_ago=60 * 24)
    now = timezone.now()

    check = services.lease_check_now(source, now=now)

    source.refresh_from_db()
    assert check == services.DueCheck(source.pk, now)
    assert source.next_check_at == now
    assert source.check_leased_until == now + settings.CLAIMTRACK_RECHECK_LEASE_TIMEOUT
    assert services.lease_due_sources(now=now) == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_leases_take_disjoint_sources():
    sources = [due_source(f"host{i}.example") for i in range(6)]
    first_holds, second_done = threading.Event(), threading.Event()
    leased: dict[str, list[services.DueCheck]] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                leased["first"] = services.lease_due_sources(limit=3)
                first_holds.set()
                second_done.wait(10)  # keep the rows locked while the other leases
        finally:
            connection.close()

    def second() -> None:
        try:
            first_holds.wait(10)
            leased["second"] = services.lease_due_sources()
        finally:
            second_done.set()
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    first_ids = {c.source_id for c in leased["first"]}
    second_ids = {c.source_id for c in leased["second"]}
    assert len(first_ids) == len(second_ids) == 3
    assert first_ids | second_ids == {s.pk for s in sources}
    assert services.lease_due_sources() == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("recheck_settings")
def test_two_deliveries_of_one_check_at_once_fetch_the_page_once(httpserver: HTTPServer, url):
    started, release = threading.Event(), threading.Event()

    def slow(request: Request) -> Response:
        started.set()
        release.wait(10)
        return Response(page(*ARTICLE), content_type="text/html")

    httpserver.expect_request("/a").respond_with_handler(slow)
    source = source_at(url("/a"))
    check = services.lease_check_now(source)
    outcomes: list[services.CheckOutcome] = []

    def deliver() -> None:
        try:
            outcomes.append(recheck.check_source(check.source_id, due_at=check.due_at))
        finally:
            connection.close()

    first, second = threading.Thread(target=deliver), threading.Thread(target=deliver)
    try:
        first.start()
        assert started.wait(10)
        second.start()
        assert wait_for(lambda: advisory_lock_waiters() == 1), "second delivery never waited"
    finally:
        release.set()
        first.join(20)
        second.join(20)

    assert sorted(o.skipped for o in outcomes) == ["", "this due check is already recorded"]
    assert len(httpserver.log) == 1
    assert Snapshot.objects.filter(source=source).count() == 1


def advisory_lock_waiters() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0]


def wait_for(condition, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
