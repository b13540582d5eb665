"""Request rates per token, per user and per anonymous address, counted in the shared cache."""

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from claims.tokens import issue_token
from tests.api.api_helpers import API, problem
from tests.api.conftest import token_client


def rates(settings, **rates: str) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.mark.django_db
def test_each_token_has_its_own_budget_and_429_says_when_to_retry(settings, editor):
    rates(settings, client="3/min", anon="100/min")
    first = token_client(issue_token(name="first", scope="read", user=editor))
    second = token_client(issue_token(name="second", scope="read", user=editor))
    for _ in range(3):
        assert first.get(f"{API}/topics/").status_code == 200
    refused = first.get(f"{API}/topics/")
    assert problem(refused, 429)["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert second.get(f"{API}/topics/").status_code == 200  # same user, another client system


@pytest.mark.django_db
def test_sessions_are_counted_per_user(settings, analyst, editor):
    rates(settings, client="2/min", anon="100/min")
    one, other = APIClient(), APIClient()
    one.force_login(analyst)
    other.force_login(editor)
    for _ in range(2):
        assert one.get(f"{API}/topics/").status_code == 200
    problem(one.get(f"{API}/topics/"), 429)
    assert other.get(f"{API}/topics/").status_code == 200


@pytest.mark.django_db
def test_anonymous_readers_are_counted_per_address_ignoring_forwarded_for(settings):
    settings.CLAIMTRACK_API_ANONYMOUS_READ = True
    rates(settings, client="100/min", anon="2/min")
    client = APIClient(REMOTE_ADDR="203.0.113.9")
    for spoof in ("198.51.100.1", "198.51.100.2"):
        assert client.get(f"{API}/topics/", HTTP_X_FORWARDED_FOR=spoof).status_code == 200
    problem(client.get(f"{API}/topics/", HTTP_X_FORWARDED_FOR="198.51.100.3"), 429)
    assert APIClient(REMOTE_ADDR="203.0.113.10").get(f"{API}/topics/").status_code == 200


@pytest.mark.redis
@pytest.mark.django_db
def test_counts_live_in_redis_when_redis_is_configured(settings, editor):
    """With REDIS_URL every web process shares one count per client."""
    from django_redis.cache import RedisCache

    rates(settings, client="5/min", anon="100/min")
    issued = issue_token(name="shared", scope="read", user=editor)
    assert isinstance(caches["default"], RedisCache)
    client = token_client(issued)
    client.get(f"{API}/topics/")
    client.get(f"{API}/topics/")
    assert len(caches["default"].get(f"throttle_client_token-{issued.token.pk}")) == 2


@pytest.mark.django_db
def test_the_budget_comes_back_as_requests_leave_the_window(settings, editor, monkeypatch):
    rates(settings, client="2/s", anon="100/min")
    clock = [1_800_000_000.0]  # DRF's throttle clock, moved by hand
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda self: clock[0])
    client = token_client(issue_token(name="windowed", scope="read", user=editor))
    assert [client.get(f"{API}/topics/").status_code for _ in range(3)] == [200, 200, 429]
    clock[0] += 1.01
    assert client.get(f"{API}/topics/").status_code == 200
