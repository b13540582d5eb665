"""Fixtures for the API tests: clients holding tokens, and caches no other test shares."""

import uuid

import pytest
from rest_framework.test import APIClient

from api.tokens import IssuedToken, issue_token

API = "/api/v1"


@pytest.fixture(autouse=True)
def api_settings(settings):
    """Each test counts requests under its own cache keys, with limits no test reaches unless
    it lowers them; throttling has its own tests."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"client": "100000/min", "anon": "100000/min"},
    }
    # The users the fixtures make need no strong hash, and PBKDF2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


def token_client(issued: IssuedToken) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issued.key}")
    return client


@pytest.fixture
def read_token(analyst) -> IssuedToken:
    return issue_token(name=f"reader-{uuid.uuid4().hex[:8]}", scope="read", user=analyst)


@pytest.fixture
def write_token(editor) -> IssuedToken:
    return issue_token(name=f"writer-{uuid.uuid4().hex[:8]}", scope="write", user=editor)


@pytest.fixture
def reader(read_token) -> APIClient:
    """A partner system with a read token."""
    return token_client(read_token)


@pytest.fixture
def writer(write_token) -> APIClient:
    """A newsroom system with a write token acting as an editor."""
    return token_client(write_token)


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()
