"""The shared cache: a faster Redis backend, and rows kept in it until they change.

Django's Redis cache backend, with two changes for the API's hot path.

Every API request reads its token from the cache and counts itself against the client's rate,
so each cache call is paid hundreds of times a second:

- Django's client builds a new `redis.Redis` object around the connection pool on every call;
  this one keeps one per pool (they are thread-safe, and the pool reconnects after a fork).
- Django's `incr` asks EXISTS and then INCR: two round trips, and a key that expires between
  them comes back as a counter without an expiry. Here it is one atomic Lua script.
"""

import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import transaction

T = TypeVar("T")

# Increment KEYS[1] by ARGV[1] only if it exists; nil otherwise (Django's incr raises then).
INCREMENT_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return nil
"""


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}
        self._increment_existing: Any = None

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]  # Django's, private
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # Django's, private
            client = self._clients[index] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client

    def incr(self, key: Any, delta: int) -> int:
        client = self.get_client(key, write=True)
        if self._increment_existing is None:
            self._increment_existing = client.register_script(INCREMENT_EXISTING)
        value = self._increment_existing(keys=[key], args=[delta], client=client)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


# --- Rows kept in the cache, forgotten when they change ---------------------------------------

# What forget() leaves behind, and for how long: longer than any request that read the old row
# can take to try to cache it.
FORGOTTEN = "claimtrack:forgotten"
FORGOTTEN_SECONDS = 60
# Without Redis every process has a cache of its own, which forget() in another process cannot
# reach: rows are then kept only this long, the most a change can take to show.
UNSHARED_CACHE_SECONDS = 2


# Rows read several times a second by the same process (a polling client's token, the state
# of the verdict it polls) are also kept in the process itself, this briefly: each of those reads
# then costs no round trip to Redis. A change made in another process shows here within that time;
# one made in this process, at once (forget).
_local: dict[str, tuple[float, Any]] = {}
LOCAL_MAX_ENTRIES = 10_000


def remember(
    key: str, load: Callable[[], T | None], timeout: int, *, local_seconds: float = 0
) -> T | None:
    """`load()`'s value (None: nothing to keep), from the shared cache when it is there, and
    from this process's memory for `local_seconds`.

    A value is cached with `add`, never `set`, and not at all while `forget` has left its mark:
    a request that loaded a row just before it changed cannot put the old row back.
    """
    if local_seconds:
        kept = _local.get(key)
        if kept is not None and kept[0] > time.monotonic():
            return kept[1]
    cached = cache.get(key)
    if cached is not None and cached != FORGOTTEN:
        value = cached
    else:
        value = load()
        if value is not None and cached is None:
            cache.add(key, value, timeout if settings.REDIS_URL else UNSHARED_CACHE_SECONDS)
    if local_seconds and value is not None:
        if len(_local) >= LOCAL_MAX_ENTRIES:
            _local.clear()
        _local[key] = (time.monotonic() + local_seconds, value)
    return value


def forget_local() -> None:
    """Empty this process's memory of rows (tests do, between tests)."""
    _local.clear()


def forget(keys: Iterable[str]) -> None:
    """Drop these keys' values and keep them from being cached again for a while: now, so that
    no request caches the row while the change commits, and again on commit, so that the mark
    outlives a request that read the row just before the commit."""
    marks = dict.fromkeys(keys, FORGOTTEN)
    for key in marks:
        _local.pop(key, None)
    if marks:
        cache.set_many(marks, FORGOTTEN_SECONDS)
        transaction.on_commit(lambda: cache.set_many(marks, FORGOTTEN_SECONDS))
