"""Request rates per token, per user and per anonymous address, counted in the shared cache."""

import logging

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from api import throttling
from api.tokens import issue_token
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
def test_counts_live_in_redis_when_redis_is_configured(settings, editor, monkeypatch):
    """With REDIS_URL every web process shares one count per client."""
    from django_redis.cache import RedisCache

    rates(settings, client="5/min", anon="100/min")
    issued = issue_token(name="shared", scope="read", user=editor)
    assert isinstance(caches["default"], RedisCache)
    client = token_client(issued)
    monkeypatch.setattr(throttling._FixedWindow, "timer", staticmethod(lambda: 1_800_000_000.0))
    client.get(f"{API}/topics/")
    client.get(f"{API}/topics/")
    window = 1_800_000_000 // 60
    assert caches["default"].get(f"throttle_client_token-{issued.token.pk}-{window}") == 2


@pytest.mark.django_db
def test_a_new_window_brings_a_new_budget(settings, editor, monkeypatch):
    rates(settings, client="2/s", anon="100/min")
    clock = [1_800_000_000.25]  # the throttle's clock, moved by hand
    monkeypatch.setattr(throttling._FixedWindow, "timer", staticmethod(lambda: clock[0]))
    client = token_client(issue_token(name="windowed", scope="read", user=editor))
    assert [client.get(f"{API}/topics/").status_code for _ in range(3)] == [200, 200, 429]
    clock[0] = 1_800_000_001.0
    assert client.get(f"{API}/topics/").status_code == 200


@pytest.mark.django_db
def test_a_busy_client_is_counted_in_batches_of_a_hundredth_of_its_budget_ten_at_most(
    settings, editor, monkeypatch
):
    rates(settings, client="1000/s", anon="100/min")
    now = 1_800_000_000.25  # the throttle's clock, held inside one window
    monkeypatch.setattr(throttling._FixedWindow, "timer", staticmethod(lambda: now))
    issued = issue_token(name="batched", scope="read", user=editor)
    client = token_client(issued)
    key = f"throttle_client_token-{issued.token.pk}-{int(now)}"
    for _ in range(9):
        client.get(f"{API}/topics/")
    unsent = caches["default"].get(key)
    client.get(f"{API}/topics/")
    assert (unsent, caches["default"].get(key)) == (None, 10)


@pytest.mark.django_db
def test_counting_in_batches_still_refuses_past_the_budget(settings, editor, monkeypatch):
    rates(settings, client="300/min", anon="100/min")  # batches of 3
    monkeypatch.setattr(throttling._FixedWindow, "timer", staticmethod(lambda: 1_800_000_000.0))
    client = token_client(issue_token(name="batched-limit", scope="read", user=editor))
    statuses = [client.get(f"{API}/topics/").status_code for _ in range(301)]
    assert statuses[:300] == [200] * 300 and statuses[300] == 429


@pytest.mark.redis
@pytest.mark.django_db
def test_while_redis_is_down_the_limit_fails_open_to_a_count_per_process_and_says_so(
    settings, editor, monkeypatch, redis_not_answering, caplog
):
    rates(settings, client="3/min", anon="100/min")
    monkeypatch.setattr(throttling._FixedWindow, "timer", staticmethod(lambda: 1_800_000_000.0))
    client = token_client(issue_token(name="uncounted", scope="read", user=editor))
    with caplog.at_level(logging.WARNING, logger="api.throttling"):
        answers = [client.get(f"{API}/topics/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]  # this process's own count still holds
    warnings = [r for r in caplog.records if r.name == "api.throttling"]
    assert len(warnings) == 1  # once a minute, not once a request
    assert "counted per process" in warnings[0].getMessage()
