"""Fixtures for the re-check tests: a local HTTP server the guard admits, and an own cache."""

import uuid
from collections.abc import Callable

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture
def recheck_settings(settings, httpserver: HTTPServer):
    """Admit the test server, give each test its own cache keys, and no slow network retries.

    The per-host budget is large: every test fetches from the one test server, and the budget
    has its own tests.
    """
    settings.CLAIMTRACK_FETCH_ALLOW = [
        f"127.0.0.1:{httpserver.port}",
        f"localhost:{httpserver.port}",
    ]
    settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE = 1000
    settings.CLAIMTRACK_RECHECK_NETWORK_RETRIES = 0
    # A fresh key prefix isolates counters from other tests and runs sharing the Redis cache.
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }
    return settings


@pytest.fixture
def url(httpserver: HTTPServer) -> Callable[[str], str]:
    return lambda path: f"http://127.0.0.1:{httpserver.port}{path}"
