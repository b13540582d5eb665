"""Guessing passwords on either login page locks the username from that address (django-axes)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's
LOGIN_PAGES = ["/login/", "/admin/login/"]


def attempt(client: Client, url: str, password: str, username: str = "ana") -> int:
    return client.post(url, {"username": username, "password": password}).status_code


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_tenth_wrong_password_locks_and_then_even_the_right_one_is_refused(client, url):
    UserFactory(username="ana", groups=["editor"], is_staff=True)
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 10
    answers = [attempt(client, url, f"guess-{i}") for i in range(limit - 1)]
    assert answers == [200] * (limit - 1)  # the login form again, with its error
    locked = client.post(url, {"username": "ana", "password": "guess-last"})
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed logins" in page
    assert "Try again in 15 minutes" in page
    assert attempt(client, url, PASSWORD) == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_on_both_login_pages_alike(client):
    UserFactory(username="ana", groups=["editor"], is_staff=True)
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "/login/", f"guess-{i}")
    assert attempt(client, "/admin/login/", PASSWORD) == 429


def test_other_usernames_and_other_addresses_still_log_in(client):
    UserFactory(username="ana")
    UserFactory(username="ben")
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "/login/", f"guess-{i}")
    assert attempt(client, "/login/", PASSWORD, username="ben") == 302
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert attempt(elsewhere, "/login/", PASSWORD) == 302


def test_a_forwarded_address_is_trusted_only_through_the_configured_proxies(client):
    UserFactory(username="ana")
    for i in range(settings.AXES_FAILURE_LIMIT):
        spoofed = Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
        attempt(spoofed, "/login/", f"guess-{i}")
    assert attempt(client, "/login/", PASSWORD) == 429


def test_a_success_before_the_limit_forgets_the_failures(client):
    UserFactory(username="ana")
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "/login/", f"guess-{i}")
    assert attempt(client, "/login/", PASSWORD) == 302
    assert not AccessAttempt.objects.exists()


@override_settings(AXES_COOLOFF_TIME=None)
def test_an_administrator_lifts_the_lock_by_deleting_the_attempt(client):
    UserFactory(username="ana")
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "/login/", f"guess-{i}")
    assert attempt(client, "/login/", PASSWORD) == 429
    AccessAttempt.objects.filter(username="ana").delete()
    assert attempt(client, "/login/", PASSWORD) == 302


def test_lockout_page_speaks_the_readers_language(client):
    UserFactory(username="ana")
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "/login/", f"guess-{i}")
    page = client.post(
        "/login/", {"username": "ana", "password": "x"}, HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "Zu viele fehlgeschlagene Anmeldungen" in page
    assert "nach 10 fehlgeschlagenen Anmeldungen" in page and "in 15 Minuten" in page
