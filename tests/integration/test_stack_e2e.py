"""End to end: gunicorn, the two Celery workers (default queue; re-checks in threads) and Celery
beat as real processes on PostgreSQL and Redis, started as the Procfile starts them; a re-check
asked for through the API is carried out by the re-check worker and seen through the API."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def stack_database() -> Iterator[str]:
    """A database of its own for the stack: the processes must not share pytest's."""
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"claimtrack_e2e_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Stack:
    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs, self.processes = env, logs, []

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def start(self, name: str, *command: str) -> None:
        log = (self.logs / f"{name}.log").open("w")
        self.processes.append(
            (
                name,
                subprocess.Popen(
                    command,
                    cwd=ROOT,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                ),
            )
        )

    def stop(self) -> None:
        for _, process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _, process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def log_tail(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text()[-2000:]}" for path in self.logs.glob("*.log")
        )


def wait_for(check, *, seconds: float, what: str, stack: Stack):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    pytest.fail(f"gave up waiting for {what}\n{stack.log_tail()}")


def test_recheck_through_the_api_runs_on_a_real_worker(stack_database, httpserver, tmp_path):
    httpserver.expect_request("/report").respond_with_data(
        "<html><body><article><h1>Troops</h1><p>"
        + "North Korea has moved soldiers to Russia, the intelligence service said. " * 5
        + "</p></article></body></html>",
        content_type="text/html",
    )
    port = free_port()
    queue = f"e2e-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": stack_database,
        "REDIS_URL": os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/13",
        "DEBUG": "off",
        "SECRET_KEY": "end-to-end-test-secret-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "off",
        "CLAIMTRACK_FETCH_ALLOW": f"127.0.0.1:{httpserver.port}",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CLAIMTRACK_RECHECK_QUEUE": f"{queue}-recheck",
        "PORT": str(port),
        "GUNICORN_WORKERS": "2",
        "LOG_FORMAT": "json",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    stack = Stack(env, tmp_path)
    stack.manage("migrate", "--noinput")
    try:
        stack.start(
            "web",
            str(BIN / "gunicorn"),
            "claimtrack.wsgi",
            "--config",
            "python:claimtrack.gunicorn_conf",
        )
        stack.start(
            "worker",
            str(BIN / "celery"),
            "-A",
            "claimtrack",
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
        )
        stack.start(
            "recheck-worker",
            str(BIN / "celery"),
            "-A",
            "claimtrack",
            "worker",
            f"--queues={queue}-recheck",
            "--pool=threads",
            "--concurrency=4",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        )
        stack.start(
            "beat",
            str(BIN / "celery"),
            "-A",
            "claimtrack",
            "beat",
            "--loglevel=INFO",
            "--schedule",
            str(tmp_path / "beat-schedule"),
        )
        api = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)

        def ready():
            try:
                return api.get("/readyz").status_code == 200
            except httpx.TransportError:
                return False

        wait_for(ready, seconds=60, what="/readyz", stack=stack)
        stack.manage("load_demo")
        token = (
            stack.manage("api_token", "create", "e2e", "--scope", "write", "--user", "editor")
            .strip()
            .splitlines()[-1]
        )
        source_id = (
            stack.manage(
                "shell",
                "-c",
                "from sources.models import Source;"
                f"s = Source.objects.create(title='E2E report', kind='news_article',"
                f" url='{httpserver.url_for('/report')}'); print(s.public_id)",
            )
            .strip()
            .splitlines()[-1]
        )
        api.headers["Authorization"] = f"Token {token}"

        queued = api.post(f"/api/v1/sources/{source_id}/recheck/")
        assert queued.status_code == 202, queued.text

        def checked():
            source = api.get(f"/api/v1/sources/{source_id}/").json()
            return source if source["health"] == "ok" else None

        source = wait_for(checked, seconds=90, what="the worker's re-check", stack=stack)
        assert source["last_checked_at"]
        snapshots = api.get(f"/api/v1/sources/{source_id}/snapshots/").json()["results"]
        assert len(snapshots) >= 1
        assert snapshots[0]["status_code"] == 200
        assert len(httpserver.log) >= 1
        for name, process in stack.processes:
            assert process.poll() is None, f"{name} died\n{stack.log_tail()}"
        # The check ran on the re-check worker; the default worker never saw it.
        assert "Task sources.tasks.recheck_source[" in (tmp_path / "recheck-worker.log").read_text()
        assert "Task sources.tasks.recheck_source[" not in (tmp_path / "worker.log").read_text()
    finally:
        stack.stop()
    for name, process in stack.processes:
        assert process.returncode is not None, f"{name} still running"
