"""Accepted re-checks survive the faults an operator meets: a Redis restart (persistence on, as
in docker-compose.yml) and a worker killed in the middle of a check (the broker hands the task to
the next worker after the visibility timeout). Real processes: redis-server, Celery workers."""

import os
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
import redis
from werkzeug import Response

from tests.integration.processes import BIN, RedisServer, Stack, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

PAGE = (
    "<html><body><article><p>"
    + "North Korea has moved soldiers to Russia, the intelligence service said. " * 5
    + "</p></article></body></html>"
)


@pytest.fixture
def own_redis(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def make_stack(stack_database, own_redis, httpserver, tmp_path, **extra: str) -> Stack:
    queue = f"faults-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_ALLOW")}
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(
        DATABASE_URL=stack_database,
        REDIS_URL=own_redis.url,
        DEBUG="on",
        CLAIMTRACK_FETCH_ALLOW=f"127.0.0.1:{httpserver.port}",
        CELERY_TASK_DEFAULT_QUEUE=queue,
        CLAIMTRACK_RECHECK_QUEUE=f"{queue}-recheck",
        **extra,
    )
    stack = Stack(env, tmp_path)
    stack.manage("migrate", "--noinput", "-v0")
    return stack


def queue_recheck(stack: Stack, url: str) -> None:
    """What "Re-check now" does (the API's 202, the admin action): lease and queue."""
    stack.manage(
        "shell",
        "-c",
        "from django.db import transaction;"
        "from sources.models import Source;"
        "from sources.services import request_rechecks;\n"
        "with transaction.atomic():\n"
        f"    request_rechecks([Source.objects.create(title='Report', kind='news_article',"
        f" url='{url}', next_check_at='2999-01-01T00:00:00Z')])",
    )


def start_recheck_worker(stack: Stack, name: str) -> None:
    stack.start(
        name,
        str(BIN / "celery"),
        "-A",
        "claimtrack",
        "worker",
        f"--queues={stack.env['CLAIMTRACK_RECHECK_QUEUE']}",
        "--pool=threads",
        "--concurrency=2",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
    )


def source_health(stack: Stack) -> str:
    out = stack.manage(
        "shell", "-c", "from sources.models import Source; print(Source.objects.get().health)"
    )
    return out.split()[-1]


def test_a_queued_recheck_survives_a_redis_restart(stack_database, own_redis, httpserver, tmp_path):
    httpserver.expect_request("/report").respond_with_data(PAGE, content_type="text/html")
    stack = make_stack(stack_database, own_redis, httpserver, tmp_path)
    queue_recheck(stack, httpserver.url_for("/report"))
    queue = stack.env["CLAIMTRACK_RECHECK_QUEUE"]
    assert redis.Redis.from_url(own_redis.url).llen(queue) == 1

    own_redis.restart()

    assert redis.Redis.from_url(own_redis.url).llen(queue) == 1
    try:
        start_recheck_worker(stack, "recheck-worker")
        wait_for(lambda: source_health(stack) == "ok", seconds=60, what="the re-check", stack=stack)
    finally:
        stack.stop()


def test_a_check_whose_worker_was_killed_is_done_by_the_next_worker(
    stack_database, own_redis, httpserver, tmp_path
):
    started, first_worker_gone = [], threading.Event()

    def slow_page(request):
        started.append(time.monotonic())
        if len(started) == 1:
            first_worker_gone.wait(30)  # the first worker dies while it waits for this answer
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/report").respond_with_handler(slow_page)
    # A short visibility timeout stands in for the default 15 minutes.
    stack = make_stack(
        stack_database, own_redis, httpserver, tmp_path, CELERY_BROKER_VISIBILITY_TIMEOUT="5"
    )
    queue_recheck(stack, httpserver.url_for("/report"))
    try:
        start_recheck_worker(stack, "first-worker")
        wait_for(lambda: started, seconds=60, what="the first fetch", stack=stack)
        stack.kill("first-worker")
        first_worker_gone.set()
        assert source_health(stack) == "unchecked"

        start_recheck_worker(stack, "second-worker")
        wait_for(
            lambda: source_health(stack) == "ok",
            seconds=90,
            what="the check redone by the next worker",
            stack=stack,
        )
        assert len(started) >= 2
    finally:
        stack.stop()
