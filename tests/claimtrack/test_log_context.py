"""What the logs say: the cache's ignored errors in brief, a refused or missing page in one line."""

import logging
import sys

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


@pytest.mark.django_db
def test_a_refused_or_missing_page_is_logged_in_one_line_and_a_server_error_keeps_its_traceback(
    client, django_user_model, caplog
):
    analyst = django_user_model.objects.create_user("reader")
    client.force_login(analyst)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/review/").status_code == 403  # editors only
        assert client.get("/claims/00000000-0000-0000-0000-000000000000/").status_code == 404
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in records] == [
        "Forbidden (Permission denied): /review/",
        "Not Found: /claims/00000000-0000-0000-0000-000000000000/",
    ]
    assert all(r.exc_info is None and not r.exc_text for r in records)

    # The filter leaves a 500's traceback alone.
    try:
        raise RuntimeError("broken")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, "", 0, "x", None, sys.exc_info()
        )
    record.status_code = 500
    [one_line] = [f for f in logging.getLogger("django.request").filters]
    assert one_line.filter(record) and record.exc_info is not None
