"""Settings come from the environment; they are checked in a fresh interpreter each time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
)


def run_with(env: dict[str, str], code: str = PRINT_SETTINGS) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**base, "DJANGO_SETTINGS_MODULE": "claimtrack.settings", **env},
        timeout=60,
    )


def test_nothing_set_means_debug_off_and_start_up_stops_without_a_secret_key():
    result = run_with({})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_on_alone_means_sqlite_and_eager_tasks():
    result = run_with({"DEBUG": "on"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "filesystem://"]


def test_database_and_redis_urls_switch_to_postgresql_and_a_real_broker():
    result = run_with(
        {
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/claimtrack",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "DEBUG": "on",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "False",
        "redis://127.0.0.1:6379/0",
    ]


def test_debug_off_without_secret_key_stops_with_a_clear_message():
    result = run_with({"DEBUG": "off"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_turns_on_secure_cookies_and_hsts():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = run_with({"DEBUG": "off", "SECRET_KEY": "x" * 50}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


@pytest.mark.postgres
def test_the_suite_itself_runs_on_postgresql_when_asked(db):
    from django.db import connection

    assert connection.vendor == "postgresql"


@pytest.mark.postgres
def test_postgresql_sessions_run_without_jit(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
