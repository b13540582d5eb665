"""End to end: gunicorn, the two Celery workers (default queue; re-checks in threads) and Celery
beat as real processes on PostgreSQL and Redis, started as the Procfile starts them; a re-check
asked for through the API is carried out by the re-check worker and seen through the API."""

import os
import uuid

import httpx
import pytest

from tests.integration.processes import BIN, Stack, free_port, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


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
        "STATIC_ROOT": str(tmp_path / "static"),
        # As in production behind a TLS proxy: the public host name only, HTTPS enforced.
        "ALLOWED_HOSTS": "claims.example.org",
        "SECURE_SSL_REDIRECT": "on",
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
    stack.manage("collectstatic", "--noinput", "-v0")  # as make stack does: /readyz wants them
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
        # The container's health check: its own address, plain HTTP, no forwarded headers.
        probe = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
        # Clients come through the proxy, which names the public host and the scheme.
        api = httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            headers={"Host": "claims.example.org", "X-Forwarded-Proto": "https"},
            timeout=10,
        )

        def ready():
            try:
                return probe.get("/readyz").status_code == 200
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
        # Everything but the probes keeps host checking and the HTTPS redirect.
        assert probe.get("/api/v1/claims/").status_code == 400
        assert probe.get("/healthz").status_code == 200

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
