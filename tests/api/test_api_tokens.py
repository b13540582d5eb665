"""Admins issue and revoke API tokens with `manage.py api_token` and in the admin."""

import hashlib
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from django.urls import reverse

from api.models import ApiToken
from tests.api.api_helpers import API, problem
from tests.api.conftest import token_client
from tests.factories import UserFactory

KEY = re.compile(r"^ct_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$", re.M)


def run(*args: str) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out, stderr=out)
    return out.getvalue()


class Client:
    """A client system using a key printed by the command."""

    def __init__(self, key: str) -> None:
        from rest_framework.test import APIClient

        self.http = APIClient()
        self.http.credentials(HTTP_AUTHORIZATION=f"Token {key}")


@pytest.mark.django_db
def test_create_prints_the_key_once_and_stores_its_hash(editor):
    output = run("create", "partner-site", "--scope", "read")
    key = KEY.search(output).group(0)
    token = ApiToken.objects.get(name="partner-site")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    # Without --user the client system gets an account of its own that may only read.
    assert token.user.username == "api-partner-site"
    assert not token.user.has_usable_password()
    assert list(token.user.groups.values_list("name", flat=True)) == ["analyst"]
    assert Client(key).http.get(f"{API}/claims/").status_code == 200
    assert key not in run("list")


@pytest.mark.django_db
def test_create_a_write_token_for_an_editor_with_an_expiry(editor):
    output = run(
        "create", "cms", "--scope", "write", "--user", editor.username, "--expires", "2099-12-31"
    )
    token = ApiToken.objects.get(name="cms")
    assert (token.scope, token.user, token.expires_at.date().isoformat()) == (
        "write",
        editor,
        "2099-12-31",
    )
    assert KEY.search(output)


@pytest.mark.django_db
def test_write_token_for_a_non_editor_warns(analyst):
    output = run("create", "odd", "--scope", "write", "--user", analyst.username)
    assert "not an editor" in output


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    output = run("create", "maybe", "--scope", "read", "--dry-run")
    assert "Would issue" in output and not KEY.search(output)
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "x", "--scope", "read", "--user", "nobody"), "No user"),
        (("create", "x", "--scope", "read", "--expires", "soon"), "--expires"),
        (("create", "x", "--scope", "read", "--expires", "2001-01-01"), "future"),
        (("revoke", "unknown"), "No token"),
    ],
)
def test_bad_arguments_stop_with_a_message(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


@pytest.mark.django_db
def test_names_are_unique():
    run("create", "twice", "--scope", "read")
    with pytest.raises(CommandError, match="exists already"):
        run("create", "twice", "--scope", "read")


@pytest.mark.django_db
def test_list_and_revoke_by_name_or_prefix(editor):
    key = KEY.search(run("create", "legacy", "--scope", "read")).group(0)
    run("create", "current", "--scope", "read")
    listing = run("list")
    assert "legacy" in listing and "current" in listing and "2 token(s)" in listing

    prefix = ApiToken.objects.get(name="legacy").prefix
    assert "Would revoke" in run("revoke", prefix, "--dry-run")
    assert "Revoked legacy" in run("revoke", prefix)
    problem(Client(key).http.get(f"{API}/claims/"), 401)
    assert "legacy" not in run("list")
    assert "revoked" in run("list", "--all")
    assert "already revoked" in run("revoke", "legacy")


@pytest.mark.redis
@pytest.mark.django_db
def test_revoke_while_redis_is_down_is_written_and_says_what_is_left(editor, redis_not_answering):
    key = KEY.search(run("create", "leaked", "--scope", "read")).group(0)
    with pytest.raises(CommandError, match="Redis did not answer") as refused:
        run("revoke", "leaked")
    assert "at the latest" in str(refused.value)
    assert "run `api_token revoke leaked` again once Redis answers" in str(refused.value)
    assert ApiToken.objects.get(name="leaked").revoked_at is not None
    problem(Client(key).http.get(f"{API}/claims/"), 401)  # read from the database meanwhile


@pytest.mark.django_db
def test_admin_issues_a_token_and_shows_it_once(admin_client, editor):
    response = admin_client.post(
        reverse("admin:api_apitoken_add"),
        {
            "name": "from-admin",
            "scope": "write",
            "user": editor.pk,
            "expires_at_0": "",
            "expires_at_1": "",
        },
    )
    assert response.status_code == 200, response.content[:500]
    html = response.content.decode()
    key = KEY.search(html.replace('"', "\n")).group(0)
    assert "no-store" in response["Cache-Control"]
    # Selected on click by a script file: the CSP refuses inline handlers (onclick=...).
    assert not re.search(r"\son[a-z]+=", html)
    assert 'src="/static/js/select-on-focus.js"' in html and "data-select-on-focus" in html
    assert "data-select-on-focus" in Path(finders.find("js/select-on-focus.js")).read_text()
    token = ApiToken.objects.get(name="from-admin")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.created_by.is_superuser
    assert token_client_for(key).get(f"{API}/flags/").status_code == 200

    change_page = admin_client.get(reverse("admin:api_apitoken_change", args=[token.pk]))
    assert key not in change_page.content.decode()
    assert f"ct_{token.prefix}_" in change_page.content.decode()


@pytest.mark.django_db
def test_admin_revokes_tokens(admin_client):
    owner = UserFactory()
    run("create", "to-revoke", "--scope", "read", "--user", owner.username)
    token = ApiToken.objects.get(name="to-revoke")
    response = admin_client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke_selected", "_selected_action": [token.pk]},
        follow=True,
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_revoking_in_the_admin_needs_the_change_permission_not_just_view(client):
    from django.contrib.auth.models import Permission

    auditor = UserFactory(username="auditor", is_staff=True)
    auditor.user_permissions.add(Permission.objects.get(codename="view_apitoken"))
    run("create", "kept", "--scope", "read", "--user", UserFactory().username)
    token = ApiToken.objects.get(name="kept")
    client.force_login(auditor)
    changelist = reverse("admin:api_apitoken_changelist")
    assert "revoke_selected" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "revoke_selected", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is None


def token_client_for(key: str):
    from api.tokens import IssuedToken

    return token_client(IssuedToken(token=ApiToken.objects.get(prefix=key.split("_")[1]), key=key))


@pytest.mark.django_db
def test_the_token_cache_holds_plain_values_and_no_password_hash(editor):
    import pickle

    from django.core.cache import cache
    from django.db.models import Model

    from api.tokens import authenticate_key, issue_token, token_cache_key

    editor.set_password("correct horse battery staple")
    editor.email = "editor@example.org"
    editor.save()
    issued = issue_token(name="partner-site", scope="write", user=editor)

    token = authenticate_key(issued.key)

    cached = cache.get(token_cache_key(issued.token.key_hash))
    flat = pickle.dumps(cached)
    assert editor.password.encode() not in flat
    assert b"editor@example.org" not in flat
    assert not any(isinstance(value, Model) for part in cached.values() for value in part.values())
    assert cached["user"] == {
        "id": editor.pk,
        "username": editor.username,
        "is_active": True,
        "is_staff": False,
        "is_superuser": False,
    }
    # What authentication returns acts as the owner: roles are read on demand.
    assert token == issued.token and token.user == editor and token.can_write
    assert list(token.user.groups.values_list("name", flat=True)) == ["editor"]
    # The password was never cached: read from the database when asked for, and a save through
    # this user leaves it as it was.
    token.user.first_name = "Ed"
    token.user.save()
    editor.refresh_from_db()
    assert editor.check_password("correct horse battery staple")
    assert token.user.check_password("correct horse battery staple")
