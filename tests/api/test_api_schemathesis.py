"""Schemathesis against the live API: no 5xx, and every response as the schema says.

The server is a live server on 127.0.0.1, as pytest-django's with the test database and the demo
loaded; schemathesis runs as its CLI would in CI, in a subprocess, with a write token acting as
an editor, a fixed seed and a bounded number of examples.

Every check runs. schemathesis_hooks.py drops the failures that are the contract working, each
recognised by what the response says: an id no row has, a cursor the API never issued, an
If-Match naming no current version, 428 without If-Match, a webhook target DNS cannot resolve.
The editor has a webhook subscription to a local receiver, since a generated host name rarely
resolves and subscriptions would otherwise go unchecked.

The longer runs of issue #20 (ten minutes, every phase, the stateful one too, which follows the
links schemathesis infers from responses and would add a quarter to this test's time) go
against a development server, with the rate limit raised (CLAIMTRACK_API_RATE_CLIENT) and a
write token of an editor (manage.py api_token create --user editor --scope write NAME):

    SCHEMATHESIS_HOOKS=tests/api/schemathesis_hooks.py .venv/bin/schemathesis run \\
        http://127.0.0.1:8000/api/v1/schema/ --checks all --max-time 600 --seed 20241022 \\
        --header "Authorization: Token $TOKEN"
"""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

from api.tokens import issue_token
from devdata.demo import load_demo
from webhooks.services import subscribe

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")


class NoDelayServer(ThreadedWSGIServer):
    """The test server without Nagle's algorithm: it writes headers and body separately, and
    each response would otherwise wait ~40 ms for the client's delayed ACK."""

    def get_request(self) -> tuple[socket.socket, object]:
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address


class NoDelayLiveServerThread(LiveServerThread):
    server_class = NoDelayServer


@pytest.fixture
def api_server(transactional_db, settings) -> Iterator[str]:
    """A live server on 127.0.0.1 with the test database, as pytest-django's live_server."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    thread = NoDelayLiveServerThread(
        "127.0.0.1", static_handler=StaticFilesHandler, connections_override=shared, port=0
    )
    thread.daemon = True
    # A server thread serves one keep-alive connection; let it keep its database connection
    # between those requests rather than open one per request.
    database = connections.settings["default"]
    max_age = database["CONN_MAX_AGE"]
    database["CONN_MAX_AGE"] = None
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        database["CONN_MAX_AGE"] = max_age
        for conn in shared.values():
            conn.dec_thread_sharing()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schemathesis_finds_no_server_error_and_no_response_off_the_schema(
    api_server, tmp_path, httpserver, settings
):
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    load_demo(set_passwords=False)
    editor = get_user_model().objects.get(username="editor")
    key = issue_token(name="schemathesis", scope="write", user=editor).key
    subscribe(owner=editor, target_url=httpserver.url_for("/hook"))

    command = [
        str(SCHEMATHESIS),
        "run",
        f"{api_server}/api/v1/schema/",
        "--checks=all",
        f"--header=Authorization: Token {key}",
        "--phases=examples,coverage,fuzzing",  # stateful in the longer runs (docstring)
        "--max-examples=10",
        "--seed=20241022",
        "--workers=1",  # one request at a time: SQLite's in-memory test database is shared
        "--generation-database=none",
        "--request-timeout=30",
        "--no-color",
        "--report=junit",
        f"--report-dir={tmp_path}",
    ]
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS)}
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=600, cwd=tmp_path, env=environment
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-20000:]
    assert "passed" in output
