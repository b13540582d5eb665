"""The shared cache (Django's default cache: Redis when REDIS_URL is set)."""

import uuid

from django.core.cache import cache


def cache_answers() -> bool:
    """Whether the shared cache keeps what it is given, now.

    False while Redis is down or hung: the cache ignores Redis's errors then (IGNORE_EXCEPTIONS
    in settings.CACHES), so a delete sent to it did nothing, and said nothing. Callers that
    must know whether a forget reached every process ask this right after it.
    """
    key = f"cache-answers:{uuid.uuid4().hex}"
    cache.set(key, True, timeout=5)
    answered = cache.get(key, False)
    cache.delete(key)
    return bool(answered)
