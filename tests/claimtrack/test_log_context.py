"""What the logs say: the cache's ignored errors in brief."""

import logging

import pytest
from django.core.cache import cache

from claimtrack.log_context import IgnoredCacheErrors


@pytest.mark.redis
def test_the_errors_the_cache_ignores_are_logged_in_one_line_a_minute(
    redis_not_answering, monkeypatch, caplog
):
    logger = logging.getLogger("django_redis.cache")
    assert any(isinstance(f, IgnoredCacheErrors) for f in logger.filters)  # as configured
    monkeypatch.setattr(logger, "filters", [IgnoredCacheErrors()])  # one that showed nothing yet
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert cache.get("anything") is None
    [record] = [r for r in caplog.records if r.name == "django_redis.cache"]
    assert record.levelname == "WARNING"
    assert record.exc_info is None and not record.exc_text  # no traceback
    assert "The cache did not answer" in record.getMessage()
    assert "Connection refused" in record.getMessage()
