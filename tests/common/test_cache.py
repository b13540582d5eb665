"""common.cache: the Redis backend against a real Redis, and rows kept until forgotten."""

import time
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache

from common.cache import RedisCache, forget, remember


@pytest.fixture
def redis_cache() -> RedisCache:
    return RedisCache(settings.REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})


@pytest.mark.redis
def test_incr_counts_an_existing_key_and_keeps_its_expiry(redis_cache):
    redis_cache.add("hits", 1, 30)
    assert redis_cache.incr("hits") == 2
    assert redis_cache.incr("hits", 5) == 7
    assert redis_cache.get("hits") == 7
    ttl = redis_cache._cache.get_client().ttl(redis_cache.make_and_validate_key("hits"))
    assert 0 < ttl <= 30


@pytest.mark.redis
def test_incr_of_a_missing_key_raises_and_creates_nothing(redis_cache):
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("missing")
    assert redis_cache.get("missing") is None


@pytest.mark.redis
def test_one_client_object_serves_every_call(redis_cache):
    redis_cache.set("a", 1, 30)
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)
    assert redis_cache.get_many(["a", "b"]) == {"a": 1}


class Loads:
    def __init__(self, value: object) -> None:
        self.value, self.count = value, 0

    def __call__(self) -> object:
        self.count += 1
        return self.value


@pytest.fixture
def key() -> str:
    return f"test:{uuid.uuid4().hex}"


def test_a_remembered_row_is_loaded_once(key):
    load = Loads({"version": 3})
    assert remember(key, load, 60) == remember(key, load, 60) == {"version": 3}
    assert load.count == 1


def test_nothing_is_remembered_of_a_missing_row(key):
    load = Loads(None)
    assert remember(key, load, 60) is None and remember(key, load, 60) is None
    assert load.count == 2


@pytest.mark.django_db  # forget() acts again when the transaction commits
def test_a_forgotten_row_is_loaded_afresh_and_not_cached_again_for_a_while(key):
    remember(key, Loads("old"), 60)
    forget([key])
    load = Loads("new")
    assert remember(key, load, 60) == remember(key, load, 60) == "new"
    assert load.count == 2  # the mark keeps a request that read the old row from caching it
    assert cache.get(key) == "claimtrack:forgotten"


def test_without_redis_rows_are_kept_two_seconds_at_most(settings, key):
    settings.REDIS_URL = ""
    load = Loads("row")
    remember(key, load, 600)
    time.sleep(2.1)
    remember(key, load, 600)
    assert load.count == 2


def test_a_row_kept_in_the_process_skips_the_shared_cache_until_its_time_is_up(key):
    load = Loads("row")
    remember(key, load, 60, local_seconds=0.5)
    cache.set(key, "changed elsewhere", 60)  # as another process's change would leave it
    assert remember(key, load, 60, local_seconds=0.5) == "row"
    time.sleep(0.6)
    assert remember(key, load, 60, local_seconds=0.5) == "changed elsewhere"
    assert load.count == 1


@pytest.mark.django_db
def test_forget_reaches_the_process_memory_at_once(key):
    remember(key, Loads("old"), 60, local_seconds=60)
    forget([key])
    assert remember(key, Loads("new"), 60, local_seconds=60) == "new"
