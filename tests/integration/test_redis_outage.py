"""Redis down (issue #20, item 4): the API, the pages, the admin and the commands keep working
without the shared cache, and what needs the broker says so instead of answering 500.

Real processes: gunicorn (two workers) on PostgreSQL and a redis-server of the tests' own,
killed while the server runs (no persistence: a restart starts empty, as after a crash)."""

import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from common.roles import ADMIN, EDITOR
from devdata.demo import DEMO_USERS
from tests.integration.processes import BIN, ROOT, RedisServer, Stack, free_port, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

API = "/api/v1"


@dataclass
class Outage:
    stack: Stack
    redis: RedisServer
    base_url: str
    claim: str  # public id
    source: str  # public id
    source_pk: str

    def redis_down(self) -> None:
        self.redis.kill()

    def redis_up(self) -> None:
        if not self.redis.running:
            self.redis.start()

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Token {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    def login(self, username: str) -> httpx.Client:
        """A browser's session: logged in through the login page, CSRF token at hand."""
        client = self.client()
        client.get("/login/")
        answer = client.post(
            "/login/",
            data={
                "username": username,
                "password": DEMO_USERS[username][0],
                "csrfmiddlewaretoken": client.cookies["csrftoken"],
            },
        )
        assert answer.status_code == 302, answer.text[-2000:]
        return client

    def issue_token(self, name: str) -> str:
        out = self.stack.manage("api_token", "create", name, "--scope", "write", "--user", EDITOR)
        return out.strip().splitlines()[-1]

    def shell(self, code: str) -> str:
        return self.stack.manage("shell", "-c", code).strip().splitlines()[-1]

    def source_lease(self) -> str:
        return self.shell(
            "from sources.models import Source;"
            f"print(Source.objects.get(public_id='{self.source}').check_leased_until)"
        )


@pytest.fixture(scope="module")
def outage(module_stack_database, tmp_path_factory) -> Iterator[Outage]:
    folder = tmp_path_factory.mktemp("redis-outage")
    redis_server = RedisServer(folder, persist=False)
    redis_server.start()
    port = free_port()
    queue = f"outage-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_ALLOW")}
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(
        DATABASE_URL=module_stack_database,
        REDIS_URL=redis_server.url,
        DEBUG="on",
        LOG_FORMAT="text",
        PORT=str(port),
        GUNICORN_WORKERS="2",
        CELERY_TASK_DEFAULT_QUEUE=queue,
        CLAIMTRACK_RECHECK_QUEUE=f"{queue}-recheck",
    )
    stack = Stack(env, folder)
    stack.manage("migrate", "--noinput", "-v0")
    stack.manage("load_demo")
    ids = stack.manage(
        "shell",
        "-c",
        "from claims.models import Claim; from sources.models import Source;"
        "source = Source.objects.create(title='Outage report', kind='news_article',"
        " url='https://example.org/report', next_check_at='2999-01-01T00:00:00Z');"
        "print(Claim.objects.order_by('pk').first().public_id, source.public_id, source.pk)",
    )
    claim, source, source_pk = ids.strip().splitlines()[-1].split()
    outage = Outage(stack, redis_server, f"http://127.0.0.1:{port}", claim, source, source_pk)
    try:
        stack.start(
            "web",
            str(BIN / "gunicorn"),
            "claimtrack.wsgi",
            "--config",
            "python:claimtrack.gunicorn_conf",
        )

        def serving() -> bool:
            try:
                return outage.client().get("/healthz").status_code == 200
            except httpx.TransportError:
                return False

        wait_for(serving, seconds=60, what="gunicorn", stack=stack)
        yield outage
    finally:
        stack.stop()
        redis_server.stop()


def test_token_clients_keep_reading_while_redis_is_down(outage):
    """Tokens and verdicts are read from the database when the cache does not answer."""
    token = outage.issue_token(f"reader-{uuid.uuid4().hex[:6]}")
    outage.redis_down()
    client = outage.client(token)
    paths = [
        f"{API}/claims/",
        f"{API}/claims/{outage.claim}/",
        f"{API}/claims/{outage.claim}/verdict/",
        f"{API}/topics/",
        f"{API}/sources/",
        f"{API}/actors/",
        f"{API}/changes/?since=0",
    ]
    answers = [client.get(path) for _ in range(5) for path in paths]
    assert [answer.status_code for answer in answers] == [200] * len(answers), (
        answers[0].text[-1000:] + outage.stack.log_tail()
    )
    verdict = client.get(f"{API}/claims/{outage.claim}/verdict/")
    again = client.get(
        f"{API}/claims/{outage.claim}/verdict/", headers={"If-None-Match": verdict.headers["ETag"]}
    )
    assert again.status_code == 304


def test_session_clients_keep_using_the_api_and_the_pages_while_redis_is_down(outage):
    outage.redis_up()
    browser = outage.login(EDITOR)
    outage.redis_down()
    reads = [
        browser.get(path)
        for _ in range(10)
        for path in (f"{API}/claims/", f"{API}/claims/{outage.claim}/verdict/", "/claims/")
    ]
    assert [answer.status_code for answer in reads] == [200] * len(reads), outage.stack.log_tail()
    # A verdict change needs no broker: its webhook deliveries wait in the changes log.
    current = browser.get(f"{API}/claims/{outage.claim}/verdict/")
    to = "disputed" if current.json()["verdict"] != "disputed" else "confirmed"
    changed = browser.post(
        f"{API}/claims/{outage.claim}/verdict/",
        json={"to": to, "rationale": "Decided while Redis was down."},
        headers={"If-Match": current.headers["ETag"], "X-CSRFToken": browser.cookies["csrftoken"]},
    )
    assert changed.status_code == 201, changed.text
    seen = browser.get(f"{API}/claims/{outage.claim}/verdict/")
    assert seen.json()["verdict"] == to
    assert seen.headers["ETag"] == changed.headers["ETag"]


def test_the_rate_limit_fails_open_and_says_so_in_the_log(outage):
    token = outage.issue_token(f"counted-{uuid.uuid4().hex[:6]}")
    outage.redis_down()
    client = outage.client(token)
    # 600 a minute: every sixth request adds the process's count to Redis, which is down.
    answers = [client.get(f"{API}/topics/") for _ in range(30)]
    assert [answer.status_code for answer in answers] == [200] * 30, outage.stack.log_tail()
    log = (outage.stack.logs / "web.log").read_text()
    assert "API request rates are counted per process" in log, outage.stack.log_tail()


def test_admin_recheck_now_says_the_queue_is_down_and_releases_the_lease(outage):
    outage.redis_up()
    admin = outage.login(ADMIN)
    outage.redis_down()
    changelist = admin.get("/admin/sources/source/")
    assert changelist.status_code == 200
    answer = admin.post(
        "/admin/sources/source/",
        data={
            "action": "recheck_now",
            "_selected_action": outage.source_pk,
            "index": "0",
            "csrfmiddlewaretoken": admin.cookies["csrftoken"],
        },
        follow_redirects=True,
    )
    assert answer.status_code == 200, answer.text[-3000:] + outage.stack.log_tail()
    assert "could not be queued" in answer.text
    assert outage.source_lease() == "None"


def test_api_recheck_answers_503_with_retry_after_and_releases_the_lease(outage):
    token = outage.issue_token(f"rechecker-{uuid.uuid4().hex[:6]}")
    outage.redis_down()
    answer = outage.client(token).post(f"{API}/sources/{outage.source}/recheck/")
    assert answer.status_code == 503, answer.text + outage.stack.log_tail()
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert int(answer.headers["Retry-After"]) > 0
    assert answer.json()["code"] == "queue_unavailable"
    assert outage.source_lease() == "None"


def api_token(outage: Outage, *args: str, redis_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "api_token", *args],
        cwd=ROOT,
        env={**outage.stack.env, "REDIS_URL": redis_url},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_api_token_revoke_without_redis_says_so_and_a_second_revoke_drops_the_cached_token(
    outage,
):
    """The revocation is written whatever Redis does. A copy of the token cached before stays
    usable until it expires (a minute at most) unless a revoke that reaches Redis drops it."""
    outage.redis_up()
    name = f"leaked-{uuid.uuid4().hex[:6]}"
    token = outage.issue_token(name)
    client = outage.client(token)
    assert client.get(f"{API}/topics/").status_code == 200  # now cached in Redis

    # The command's host cannot reach Redis (nothing listens on that port); the web's can.
    unreachable = f"redis://127.0.0.1:{free_port()}/0"
    first = api_token(outage, "revoke", name, redis_url=unreachable)
    assert "Traceback" not in first.stderr, first.stderr
    assert first.returncode == 1, first.stdout + first.stderr
    assert f"Revoked {name}" in first.stdout
    assert "Redis did not answer" in first.stderr
    assert "run `api_token revoke" in first.stderr
    listed = api_token(outage, "list", "--all", redis_url=unreachable)
    assert re.search(rf"^{name}\t.*\trevoked\t", listed.stdout, re.MULTILINE), listed.stdout

    second = api_token(outage, "revoke", name, redis_url=outage.redis.url)
    assert second.returncode == 0, second.stderr
    assert "already revoked" in second.stdout
    time.sleep(1.1)  # each web process keeps a token it read for a second (api/token_memory.py)
    assert client.get(f"{API}/topics/").status_code == 401
