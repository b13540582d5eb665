"""A client sees its own verdict change whichever web process answers next (issue #20, item 10).

Real processes: gunicorn with four sync workers (each request on a new connection, so any worker
may answer it) on PostgreSQL and a redis-server of the test's own, while other clients poll the
same claim's verdict as fast as they can: the polls that refill the shared cache are what could
put an old verdict back in it just after a change."""

import os
import threading
import uuid
from collections import Counter

import httpx
import pytest

from common.roles import ANALYST, EDITOR
from tests.integration.processes import BIN, RedisServer, Stack, free_port, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

ROUNDS = 150
POLLERS = 3


def test_post_get_post_never_sees_an_older_verdict_than_its_own(stack_database, tmp_path):
    redis_server = RedisServer(tmp_path, persist=False)
    redis_server.start()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_ALLOW")}
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(
        DATABASE_URL=stack_database,
        REDIS_URL=redis_server.url,
        DEBUG="on",
        PORT=str(port),
        GUNICORN_WORKERS="4",
        CLAIMTRACK_API_RATE_CLIENT="1000000/min",
        LOG_LEVEL="WARNING",
    )
    stack = Stack(env, tmp_path)
    stack.manage("migrate", "--noinput", "-v0")
    stack.manage("load_demo")

    def token(user: str, scope: str) -> str:
        name = f"{user}-{uuid.uuid4().hex[:6]}"
        out = stack.manage("api_token", "create", name, "--scope", scope, "--user", user)
        return out.strip().splitlines()[-1]

    writer_token, reader_token = token(EDITOR, "write"), token(ANALYST, "read")
    claim = (
        stack.manage(
            "shell",
            "-c",
            "from claims.models import Claim;print(Claim.objects.order_by('pk').first().public_id)",
        )
        .strip()
        .splitlines()[-1]
    )
    base = f"http://127.0.0.1:{port}"
    verdict_url = f"/api/v1/claims/{claim}/verdict/"
    stop = threading.Event()
    polls: Counter[int] = Counter()

    def poll() -> None:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Token {reader_token}"}, timeout=30
        ) as reader:
            while not stop.is_set():
                polls[reader.get(verdict_url).status_code] += 1

    pollers: list[threading.Thread] = []
    try:
        stack.start(
            "web",
            str(BIN / "gunicorn"),
            "claimtrack.wsgi",
            "--config",
            "python:claimtrack.gunicorn_conf",
        )
        writer = httpx.Client(
            base_url=base, headers={"Authorization": f"Token {writer_token}"}, timeout=30
        )

        def serving() -> bool:
            try:
                return writer.get("/healthz").status_code == 200
            except httpx.TransportError:
                return False

        wait_for(serving, seconds=60, what="gunicorn", stack=stack)
        pollers += [threading.Thread(target=poll, daemon=True) for _ in range(POLLERS)]
        for poller in pollers:
            poller.start()

        current = writer.get(verdict_url)
        etag, verdict = current.headers["ETag"], current.json()["verdict"]
        refused, stale = [], []
        for round_ in range(ROUNDS):
            to = "disputed" if verdict != "disputed" else "partly_confirmed"
            changed = writer.post(
                verdict_url,
                json={"to": to, "rationale": f"Round {round_}."},
                headers={"If-Match": etag},
            )
            if changed.status_code != 201:
                refused.append((round_, changed.status_code, changed.text[:300]))
                current = writer.get(verdict_url)
                etag, verdict = current.headers["ETag"], current.json()["verdict"]
                continue
            seen = writer.get(verdict_url)
            if seen.headers["ETag"] != changed.headers["ETag"] or seen.json()["verdict"] != to:
                stale.append((round_, changed.headers["ETag"], seen.headers["ETag"]))
            etag, verdict = seen.headers["ETag"], seen.json()["verdict"]
    finally:
        stop.set()
        for poller in pollers:  # their last poll answered before the server goes
            poller.join(timeout=35)
        stack.stop()
        redis_server.stop()

    assert polls[200] > ROUNDS, polls  # the pollers raced every round
    assert set(polls) == {200}, polls
    assert (stale, refused) == ([], []), (
        f"{len(stale)} of {ROUNDS} GETs after a POST showed an older verdict: {stale[:3]}; "
        f"{len(refused)} POSTs refused: {refused[:3]}"
    )
