"""Source re-checks run by real `celery worker` processes against Redis and PostgreSQL.

Each test starts its workers as subprocesses on the pytest-django test database (the rows the
test commits are what the worker sees), with queues of its own (a default queue and a re-check
queue, as CELERY_TASK_DEFAULT_QUEUE and CLAIMTRACK_RECHECK_QUEUE) on a Redis database of its own
(CLAIMTRACK_TEST_WORKER_REDIS_DB, 15 unless set), so leftovers of other runs never reach them.
A worker consumes both queues with one prefork process unless the test says otherwise. The
workers are killed at the end of each test, also when it fails.
"""

import os
import re
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.db import connection
from django.utils import timezone
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from claimtrack.celery import app as celery_app
from claimtrack.celery import forget_queue
from sources.models import Health, Snapshot, Source
from sources.tasks import enqueue_due_rechecks
from sources.text import content_hash
from tests.factories import SourceFactory
from tests.sources.recheck_helpers import hanging_up_tcp_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
CELERY = ROOT / ".venv" / "bin" / "celery"
ARTICLE = (
    "<html><body><article><h1>Nordkorea schickt Soldaten</h1>"
    "<p>Seoul (dpa) – Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes 1.500 "
    "Soldaten nach Russland geschickt.</p></article></body></html>"
)


def worker_broker_url() -> str:
    parts = urlsplit(os.environ["REDIS_URL"])
    db = os.environ.get("CLAIMTRACK_TEST_WORKER_REDIS_DB", "15")
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", "", ""))


def worker_database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once: no warm shutdown, no ack."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@dataclass
class WorkerQueue:
    name: str  # the default queue
    recheck_name: str  # where sources.tasks.recheck_source is routed
    broker_url: str
    start: Callable[..., Worker]

    def send(self, task, *args) -> None:
        with celery_app.connection_for_write(self.broker_url) as broker:
            task.apply_async(args=args, queue=self.name, connection=broker)


@pytest.fixture
def worker_queue(transactional_db, eager_celery, tmp_path) -> Iterator[WorkerQueue]:
    """Start workers on fresh queues; stop every one of them when the test ends."""
    celery_app.conf.task_always_eager = False  # this test talks to real workers
    name = f"claimtrack-test-{uuid.uuid4().hex[:12]}"
    recheck_name = f"{name}-recheck"
    broker_url = worker_broker_url()
    workers: list[Worker] = []

    def start(
        *,
        queues: str = f"{name},{recheck_name}",
        pool: str = "prefork",
        concurrency: int = 1,
        **env: str,
    ) -> Worker:
        log = tmp_path / f"worker-{len(workers)}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": name,
            "CLAIMTRACK_RECHECK_QUEUE": recheck_name,
            "CELERY_TASK_ALWAYS_EAGER": "off",
            "CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE": "1000",
            **env,
        }
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    str(CELERY),
                    "-A",
                    "claimtrack",
                    "worker",
                    f"--pool={pool}",
                    f"--concurrency={concurrency}",
                    "-Q",
                    queues,
                    "-n",
                    f"{name}-{len(workers)}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel=INFO",
                ],
                cwd=ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so a kill takes the pool too
            )
        worker = Worker(process, log)
        workers.append(worker)
        if not wait_for(lambda: " ready." in worker.output() or process.poll() is not None, 60):
            pytest.fail(f"worker did not start:\n{worker.output()[-3000:]}")
        if process.poll() is not None:
            pytest.fail(f"worker exited with {process.returncode}:\n{worker.output()[-3000:]}")
        return worker

    try:
        yield WorkerQueue(name, recheck_name, broker_url, start)
    finally:
        for worker in workers:
            worker.kill()  # before the test database is flushed; nothing of theirs is needed
        forget_queue(broker_url, name)
        forget_queue(broker_url, recheck_name)


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def hanging_up_server() -> Iterator[tuple[int, list[int]]]:
    with hanging_up_tcp_server() as server:
        yield server


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def snapshots_of(*sources: Source) -> int:
    return Snapshot.objects.filter(source__in=sources).count()


def test_a_worker_rechecks_due_sources_queued_by_the_beat_task(
    worker_queue: WorkerQueue, threaded_server: HTTPServer, hanging_up_server
):
    hang_up_port, hang_ups = hanging_up_server
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(20)
        return Response(ARTICLE, content_type="text/html")

    threaded_server.expect_request("/article").respond_with_data(ARTICLE, content_type="text/html")
    threaded_server.expect_request("/slow").respond_with_handler(slow)
    base = f"http://127.0.0.1:{threaded_server.port}"
    article = SourceFactory(url=f"{base}/article")
    slow_source = SourceFactory(url=f"{base}/slow")
    flaky = SourceFactory(url=f"http://127.0.0.1:{hang_up_port}/article")
    due_at = article.next_check_at
    worker = worker_queue.start(
        CLAIMTRACK_FETCH_ALLOW=f"127.0.0.1:{threaded_server.port},127.0.0.1:{hang_up_port}",
        CLAIMTRACK_RECHECK_SOFT_TIME_LIMIT="3",
        CLAIMTRACK_RECHECK_TIME_LIMIT="10",
        CLAIMTRACK_RECHECK_NETWORK_RETRIES="2",
        CLAIMTRACK_RECHECK_RETRY_BACKOFF_SECONDS="1",
    )

    try:
        worker_queue.send(enqueue_due_rechecks)
        done = wait_for(lambda: snapshots_of(article, slow_source, flaky) == 3, 60)
    finally:
        release.set()
    assert done, worker.output()[-5000:]

    ok = Snapshot.objects.get(source=article)
    article.refresh_from_db()
    assert (ok.health, ok.status_code, ok.due_at) == (Health.OK, 200, due_at)
    assert "1.500 Soldaten nach Russland" in ok.text
    assert article.health == Health.OK and article.check_leased_until is None
    # Past the soft time limit the check is recorded rather than lost or retried forever.
    timed_out = Snapshot.objects.get(source=slow_source)
    assert timed_out.health == Health.UNREACHABLE
    assert timed_out.error == "the check ran past its time limit of 3 s"
    # A network error is retried (twice here) before it is recorded.
    failed = Snapshot.objects.get(source=flaky)
    assert failed.health == Health.UNREACHABLE
    assert len(hang_ups) == 3


def test_a_check_killed_mid_fetch_is_redelivered_and_recorded_once(
    worker_queue: WorkerQueue, threaded_server: HTTPServer
):
    first_request, release = threading.Event(), threading.Event()
    requests: list[float] = []

    def slow_first_time(request: Request) -> Response:
        requests.append(time.monotonic())
        if len(requests) == 1:
            first_request.set()
            release.wait(30)  # the worker that asked is killed meanwhile
        return Response(ARTICLE, content_type="text/html")

    threaded_server.expect_request("/article").respond_with_handler(slow_first_time)
    source = SourceFactory(url=f"http://127.0.0.1:{threaded_server.port}/article")
    due_at = source.next_check_at
    visibility_timeout = 2
    settings = {
        "CLAIMTRACK_FETCH_ALLOW": f"127.0.0.1:{threaded_server.port}",
        # Redis hands a task nobody acknowledged to another worker after this many seconds.
        "CELERY_BROKER_VISIBILITY_TIMEOUT": str(visibility_timeout),
    }

    try:
        first = worker_queue.start(**settings)
        worker_queue.send(enqueue_due_rechecks)
        assert first_request.wait(30), first.output()[-5000:]
        first.kill()
        assert snapshots_of(source) == 0
        # A starting worker sweeps for such tasks once at start-up (then every 100 s): start
        # it once the task has been unacknowledged for longer than the visibility timeout.
        time.sleep(max(0.0, requests[0] + visibility_timeout + 0.5 - time.monotonic()))

        second = worker_queue.start(**settings)
        recorded = wait_for(lambda: snapshots_of(source) == 1, 150)
    finally:
        release.set()
    assert recorded, second.output()[-5000:]

    snapshot = Snapshot.objects.get(source=source)
    assert snapshot.due_at == due_at
    assert snapshot.health == Health.OK
    assert len(requests) == 2  # fetched by the killed worker, then again after redelivery
    assert "Task sources.tasks.recheck_source" in second.output()


def test_a_verdict_change_reaches_a_webhook_receiver_through_a_real_worker(
    worker_queue: WorkerQueue, httpserver: HTTPServer, settings
) -> None:
    from claims import services as claim_services
    from tests.factories import ClaimFactory, UserFactory
    from webhooks import services as webhook_services
    from webhooks.tasks import dispatch_webhooks

    allow = f"127.0.0.1:{httpserver.port}"
    settings.CLAIMTRACK_FETCH_ALLOW = [allow]
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    editor = UserFactory(is_superuser=True)
    issued = webhook_services.subscribe(
        owner=editor, target_url=httpserver.url_for("/hook"), event_types=["verdict.changed"]
    )
    claim = ClaimFactory()
    claim_services.change_verdict(
        claim, to="confirmed", editor=editor, rationale="Two sources.", expected_version=1
    )

    worker = worker_queue.start(CLAIMTRACK_FETCH_ALLOW=allow)
    worker_queue.send(dispatch_webhooks)
    assert wait_for(lambda: len(httpserver.log) >= 1, 60), worker.output()[-3000:]
    request, _ = httpserver.log[0]
    assert request.headers["X-ClaimTrack-Event-Type"] == "verdict.changed"
    expected = webhook_services.sign(
        issued.secret,
        timestamp=int(request.headers["X-ClaimTrack-Timestamp"]),
        body=request.get_data(),
    )
    assert request.headers["X-ClaimTrack-Signature"] == expected
    assert request.get_json()["payload"]["to"] == "confirmed"


def test_a_webhook_whose_owner_lost_access_is_paused_by_a_real_worker_and_sends_nothing(
    worker_queue: WorkerQueue, httpserver: HTTPServer, settings
) -> None:
    from claims import services as claim_services
    from tests.factories import ClaimFactory, UserFactory
    from webhooks import services as webhook_services
    from webhooks.models import SubscriptionStatus
    from webhooks.tasks import dispatch_webhooks

    allow = f"127.0.0.1:{httpserver.port}"
    settings.CLAIMTRACK_FETCH_ALLOW = [allow]
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    owner = UserFactory(groups=["editor"])
    subscription = webhook_services.subscribe(
        owner=owner, target_url=httpserver.url_for("/hook"), event_types=["flag.opened"]
    ).subscription
    owner.groups.clear()  # no longer an editor: review flags are not theirs to see
    claim_services.open_flag(ClaimFactory(), reason="stale")

    worker = worker_queue.start(CLAIMTRACK_FETCH_ALLOW=allow)
    worker_queue.send(dispatch_webhooks)

    def paused() -> bool:
        subscription.refresh_from_db()
        return subscription.status == SubscriptionStatus.PAUSED

    assert wait_for(paused, 60), worker.output()[-3000:]
    assert "may no longer receive flag.opened" in subscription.paused_reason
    assert httpserver.log == []


def test_a_threads_worker_on_the_recheck_queue_checks_sources_at_once(
    worker_queue: WorkerQueue, threaded_server: HTTPServer
):
    """The stack's split: beat's task on the default prefork worker, the checks on a threads one.

    Eight sources on a server that answers after 0.5 s take 4 s one after the other; the threads
    worker runs them side by side, each thread with its own database connection, and records the
    304 of an unchanged page and the change of a changed one as the prefork worker would.
    """
    delay, count, etag = 0.5, 8, '"v1"'
    lock = threading.Lock()
    in_flight, most_in_flight, spans = 0, 0, []

    def slow(request: Request) -> Response:
        nonlocal in_flight, most_in_flight
        started = time.monotonic()
        with lock:
            in_flight += 1
            most_in_flight = max(most_in_flight, in_flight)
        time.sleep(delay)
        with lock:
            in_flight -= 1
            spans.append((started, time.monotonic()))
        if request.path.startswith("/unchanged") and request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(ARTICLE, content_type="text/html", headers={"ETag": etag})

    threaded_server.expect_request(re.compile("/.*")).respond_with_handler(slow)
    base = f"http://127.0.0.1:{threaded_server.port}"
    earlier = timezone.now() - timedelta(days=1)
    sources = []
    for i in range(count):
        kind = "unchanged" if i % 2 else "changed"
        source = SourceFactory(url=f"{base}/{kind}/{i}")
        # The last read: same ETag for both kinds; the changed page's text was different then.
        text = "Nordkorea schickt Soldaten" if kind == "unchanged" else "Eine ältere Fassung."
        Snapshot.objects.create(
            source=source,
            due_at=earlier,
            fetched_at=earlier,
            requested_url=source.url,
            status_code=200,
            etag=etag if kind == "unchanged" else "",
            health=Health.OK,
            text=text,
            content_hash=content_hash(text),
        )
        sources.append(source)
    allow = {"CLAIMTRACK_FETCH_ALLOW": f"127.0.0.1:{threaded_server.port}"}
    default = worker_queue.start(queues=worker_queue.name, **allow)
    threads = worker_queue.start(
        queues=worker_queue.recheck_name, pool="threads", concurrency=count, **allow
    )

    worker_queue.send(enqueue_due_rechecks)
    done = wait_for(lambda: snapshots_of(*sources) == 2 * count, 30)
    assert done, threads.output()[-5000:]

    first_request = min(start for start, _ in spans)
    last_answer = max(end for _, end in spans)
    assert len(spans) == count
    assert most_in_flight >= count // 2, (most_in_flight, spans)
    assert last_answer - first_request < count * delay / 2, spans  # sequential: 4 s
    for source in sources:
        source.refresh_from_db()
        latest = Snapshot.objects.filter(source=source).latest()
        if "/unchanged/" in source.url:
            assert (latest.status_code, latest.health, latest.changed) == (304, Health.OK, False)
            assert latest.etag == etag
            assert source.health == Health.OK
        else:
            assert (latest.status_code, latest.health, latest.changed) == (
                200,
                Health.CHANGED,
                True,
            )
            assert "1.500 Soldaten nach Russland" in latest.text
            assert source.health == Health.CHANGED
        assert source.check_leased_until is None and source.consecutive_failures == 0
    # Beat's task ran on the default worker, every check on the threads worker, no errors.
    assert "Task sources.tasks.enqueue_due_rechecks[" in default.output()
    assert "Task sources.tasks.recheck_source[" not in default.output()
    assert threads.output().count("Task sources.tasks.recheck_source[") >= count
    assert "Traceback" not in threads.output() and "ERROR" not in threads.output()
