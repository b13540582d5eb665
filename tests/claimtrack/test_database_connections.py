"""A kept database connection that PostgreSQL dropped is replaced, not served as a 500.

The requests go through Django's WSGI handler as a server calls it, so the connection
bookkeeping a server triggers at the start of each request runs (the test client skips it).
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def serve(path: str, cookie: str) -> int:
    """One GET request the way gunicorn hands it to Django; returns the status code."""
    statuses: list[str] = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
    }
    body = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    body.close()  # what the server does after sending: request_finished
    return int(statuses[0].split()[0])


@contextmanager
def kept_connection(*, health_checks: bool) -> Iterator[None]:
    """The default connection as production keeps it: CONN_MAX_AGE=60, as docker-compose sets."""
    saved = {k: connection.settings_dict[k] for k in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    connection.close()
    connection.settings_dict.update({"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": health_checks})
    try:
        connection.ensure_connection()
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def terminate_backend_of_default_connection() -> None:
    """What a database restart or an administrator does to a pooled connection."""
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.fixture
def analyst_cookie() -> str:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL) to terminate a backend")
    client = Client()
    client.force_login(UserFactory(username="reader", groups=["analyst"]))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_default_database_checks_kept_connections():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_request_after_the_database_dropped_a_kept_connection_is_answered(analyst_cookie):
    with kept_connection(health_checks=True):
        assert serve("/claims/", analyst_cookie) == 200
        terminate_backend_of_default_connection()
        assert serve("/claims/", analyst_cookie) == 200


def test_without_health_checks_the_same_drop_is_a_server_error(analyst_cookie):
    """The failure the setting prevents, so the test above is known to exercise it."""
    with kept_connection(health_checks=False):
        assert serve("/claims/", analyst_cookie) == 200
        terminate_backend_of_default_connection()
        assert serve("/claims/", analyst_cookie) == 500
