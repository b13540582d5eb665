"""Shared fixtures, and the rule that a test needing a service fails in CI when it is missing."""

import os

import pytest
import redis
from django.db import connection, transaction

from api import token_memory
from api.throttling import forget_held_counts
from claimtrack.celery import app as celery_app

REQUIRE_SERVICES = os.environ.get("CLAIMTRACK_REQUIRE_SERVICES") == "1"


def _missing(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (CLAIMTRACK_REQUIRE_SERVICES=1: services must be present)")
    pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    """A fast password hasher for the whole suite: Django's PBKDF2 takes about a second a hash
    here, and the demo (three users), every login and every user with a password paid it. The
    production hasher is the settings' own, checked in subprocesses (tests/claimtrack)."""
    from django.conf import settings
    from django.contrib.auth import hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test restores the migrated database (serialized_rollback), and the
    tests of a module that read the demo run last in it.

    A transactional test without it is flushed with post_migrate, which makes the role groups
    anew under new ids; the next serialized test then restores the old groups beside them and
    fails on their unique names. Whether that happened depended on the order tests ran in.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )
    # The demo is loaded once per module and stays until the module ends (demo_once): within a
    # module, the tests that want it run after those that want an empty database.
    module_order = {
        id(getattr(item, "module", None)): i for i, item in reversed(list(enumerate(items)))
    }
    items.sort(
        key=lambda item: (
            module_order[id(getattr(item, "module", None))],
            "demo" in getattr(item, "fixturenames", ()),
        )
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _missing("needs PostgreSQL: set DATABASE_URL=postgres://…")
    if item.get_closest_marker("redis"):
        url = os.environ.get("REDIS_URL")
        if not url:
            _missing("needs Redis: set REDIS_URL=redis://…")
        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError as exc:
            _missing(f"Redis at {url} does not answer: {exc}")


@pytest.fixture(autouse=True)
def fresh_process_memory():
    """Request counts a process has not sent yet (api.throttling) and the tokens it keeps for a
    second (api.token_memory) must not outlive a test."""
    forget_held_counts()
    token_memory.forget_all()


@pytest.fixture(autouse=True)
def estimates_cached_per_test(monkeypatch):
    """Rolled-back rows may come back under the same ids: no test reads another's answers."""
    import uuid

    monkeypatch.setattr("claims.api.estimates.CACHE_GENERATION", uuid.uuid4().hex)


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A German request leaves German active in the thread (LocaleMiddleware activates, nothing
    deactivates); the next test must start in the site's language."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def eager_celery():
    """Run tasks in-process unless a test starts a real worker (those override this)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def redis_not_answering(settings):
    """The shared cache as configured (django-redis: mark the test `redis`), pointed at a port
    where no Redis listens: what every process sees while Redis is down."""
    from tests.integration.processes import free_port

    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }


@pytest.fixture
def editor(db):
    from tests.factories import UserFactory

    return UserFactory(groups=["editor"])


@pytest.fixture
def analyst(db):
    from tests.factories import UserFactory

    return UserFactory(groups=["analyst"])


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The worked example, loaded once per test module inside a transaction that is rolled
    back after the module; each test runs in a savepoint within it, as TestCase tests do.
    Loading it takes seconds, and dozens of modules read it."""
    from devdata.demo import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        summary = load_demo(set_passwords=False)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db):
    """The demo story, as load_demo left it; what a test changes is rolled back after it."""
    return demo_once
