"""The production stack: compose file, process definitions, deploy checks, health probes."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from claimtrack.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
REQUIRE_SERVICES = os.environ.get("CLAIMTRACK_REQUIRE_SERVICES") == "1"


def compose_commands() -> dict[str, str]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return {
        name: " ".join(service["command"])
        for name, service in compose["services"].items()
        if name in {"web", "worker", "recheck-worker", "beat", "migrate"}
    }


def makefile_command(target: str) -> str:
    text = (ROOT / "Makefile").read_text()
    recipe = re.search(rf"^{target}:.*\n\t(.+)$", text, re.MULTILINE).group(1)
    return recipe.split(" && ")[-1].replace("$(BIN)/", "")


def procfile_commands() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return {
        name: command.strip().replace(".venv/bin/", "")
        for name, command in (line.split(":", 1) for line in lines if line.strip())
    }


def test_compose_services_run_the_same_commands_as_the_makefile_and_procfile():
    compose = compose_commands()
    assert compose["web"] == makefile_command("serve")
    assert compose["worker"] == makefile_command("worker")
    assert compose["recheck-worker"] == makefile_command("recheck-worker").replace("$$", "$")
    assert compose["beat"] == makefile_command("beat")
    assert compose["migrate"].replace("python ", "") == "manage.py migrate --noinput"
    procfile = procfile_commands()
    assert procfile == {k: compose[k] for k in ("web", "worker", "recheck-worker", "beat")}


def test_recheck_tasks_go_to_a_queue_a_threads_worker_consumes_and_the_rest_stay_default():
    from django.conf import settings

    router = celery_app.amqp.router
    recheck_queue = router.route({}, "sources.tasks.recheck_source")["queue"].name
    assert recheck_queue == settings.CLAIMTRACK_RECHECK_QUEUE == "recheck"
    for task in ("sources.tasks.enqueue_due_rechecks", "webhooks.tasks.dispatch_webhooks"):
        assert router.route({}, task)["queue"].name == settings.CELERY_TASK_DEFAULT_QUEUE
    compose = compose_commands()
    # The default worker names no queue, so it consumes the default one (and only that).
    assert "--queues" not in compose["worker"] and " -Q" not in compose["worker"]
    recheck_worker = compose["recheck-worker"].split()
    assert f"--queues={recheck_queue}" in recheck_worker
    assert "--pool=threads" in recheck_worker
    assert "--concurrency=${CLAIMTRACK_RECHECK_CONCURRENCY:-16}" in recheck_worker


def test_compose_file_validates():
    if not shutil.which("docker-compose"):
        if REQUIRE_SERVICES:
            pytest.fail("docker-compose is not installed (.ci/run installs Debian's package)")
        pytest.skip("docker-compose is not installed")
    result = subprocess.run(
        ["docker-compose", "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SECRET_KEY": "compose-validation"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_start_without_a_secret_key():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "${SECRET_KEY:?" in compose


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DEBUG="off",
        SECRET_KEY="p" * 20 + "-production-like-secret-key-" + "q" * 20,
        ALLOWED_HOSTS="claims.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_dockerfile_runs_as_a_non_root_user_and_bakes_no_secret():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^USER claimtrack$", dockerfile, re.MULTILINE)
    assert "collectstatic" in dockerfile
    assert not re.search(r"^ENV .*SECRET_KEY", dockerfile, re.MULTILINE)


def test_env_example_lists_every_variable_compose_passes():
    example = (ROOT / ".env.example").read_text()
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for name in compose["services"]["web"]["environment"]:
        assert re.search(rf"^{name}=", example, re.MULTILINE), name


def test_healthz_answers_json(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_ok_with_database_and_migrations(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "broker": "ok",
        "static_files": "ok",
    }


@pytest.mark.redis
@pytest.mark.django_db
def test_readyz_reaches_the_real_broker(client):
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = os.environ["REDIS_URL"]
    try:
        assert client.get(reverse("readyz")).json()["checks"]["broker"] == "ok"
    finally:
        celery_app.conf.broker_url = os.environ.get("REDIS_URL") or "memory://"


@pytest.mark.django_db
def test_readyz_is_503_when_the_broker_is_down(client):
    previous = celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get(reverse("readyz"))
    finally:
        celery_app.conf.broker_url = previous
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"].startswith("error")


def test_responses_carry_a_request_id_and_a_content_security_policy(client, db):
    response = client.get(reverse("login"))
    assert response.headers["X-Request-ID"]
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_collectstatic_with_hashed_names_succeeds(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DEBUG="off", SECRET_KEY="collectstatic-test-" + "k" * 40, STATIC_ROOT=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "css/claimtrack.css" in manifest
    assert list(tmp_path.glob("css/claimtrack.*.css"))  # hashed copy for far-future caching


PROBE = """
import django, json
django.setup()
from django.test import Client
client = Client()
def ask(path, host):
    response = client.get(path, HTTP_HOST=host)
    body = response.json() if response["Content-Type"] == "application/json" else None
    return [response.status_code, response.get("Location"), body]
print(json.dumps({
    "healthz": ask("/healthz", "127.0.0.1:8000"),
    "readyz": ask("/readyz", "127.0.0.1:8000"),
    "page_on_the_container_address": ask("/login/", "127.0.0.1:8000"),
    "page_over_plain_http": ask("/login/", "claims.example.org"),
}))
"""


def test_probes_answer_on_the_container_address_over_http_and_readyz_wants_static_files(
    tmp_path,
):
    """The compose health check asks http://127.0.0.1:8000/readyz of a container whose
    ALLOWED_HOSTS names the public host and which redirects plain HTTP to HTTPS."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.pop("REDIS_URL", None)
    env.update(
        DEBUG="off",
        SECRET_KEY="probe-test-" + "s" * 40,
        ALLOWED_HOSTS="claims.example.org",
        SECURE_SSL_REDIRECT="on",
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        LOG_LEVEL="CRITICAL",
    )

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=180
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    run("manage.py", "migrate", "--noinput", "-v0")
    before = json.loads(run("-c", PROBE).splitlines()[-1])
    assert before["healthz"][0] == 200
    status, _, body = before["readyz"]
    assert status == 503 and body["checks"]["static_files"].startswith("error"), body
    assert {k: v for k, v in body["checks"].items() if k != "static_files"} == {
        "database": "ok",
        "migrations": "ok",
        "broker": "ok",
    }
    # Everything else keeps host checking and the HTTPS redirect.
    assert before["page_on_the_container_address"][0] == 400
    assert before["page_over_plain_http"][:2] == [301, "https://claims.example.org/login/"]

    run("manage.py", "collectstatic", "--noinput", "-v0")
    after = json.loads(run("-c", PROBE).splitlines()[-1])
    assert after["readyz"][0] == 200, after["readyz"]
