"""Who may call the API: tokens per client system, sessions with CSRF, 401 without either."""

import hashlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from api.tokens import edit_token, issue_token, revoke_token
from tests.api.api_helpers import API, claim, problem
from tests.api.conftest import token_client
from tests.factories import UserFactory

READ_ENDPOINTS = [
    "/topics/",
    "/claims/",
    "/statements/",
    "/actors/",
    "/sources/",
    "/changes/",
    "/flags/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", READ_ENDPOINTS)
def test_without_credentials_every_endpoint_answers_401_with_the_token_challenge(anonymous, path):
    response = anonymous.get(f"{API}{path}")
    body = problem(response, 401)
    assert body["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == 'Token realm="ClaimTrack API"'


@pytest.mark.django_db
def test_schema_and_docs_are_public_and_serve_their_assets_locally(anonymous):
    schema = anonymous.get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "ClaimTrack API"
    pages = {page: anonymous.get(f"{API}/{page}/").content.decode() for page in ("docs", "redoc")}
    for html in pages.values():
        assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
        assert "None" not in html
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing from elsewhere
    assert "/static/drf_spectacular_sidecar/" in pages["docs"]
    # Redoc is our copy, which asks no CDN for its logo (static/vendor/README.md).
    assert 'src="/static/vendor/redoc/redoc.standalone.js"' in pages["redoc"]
    redoc = finders.find("vendor/redoc/redoc.standalone.js")
    assert redoc and "Redocly" in Path(redoc).read_text()
    bundle = Path(redoc).read_text()
    assert "cdn.redoc.ly" not in bundle
    assert not re.search(r"(?m)^//# sourceMappingURL=", bundle)  # no map that collectstatic wants
    assert "/api/v1/schema/" in pages["redoc"]
    # Swagger UI's set-up script comes from our origin too (no inline script under the CSP).
    script = anonymous.get(f"{API}/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()
    assert 'src="/api/v1/docs/?script="' in pages["docs"]
    # Their widgets style themselves inline: allowed on these pages, and no others.
    for page in ("docs", "redoc"):
        policy = anonymous.get(f"{API}/{page}/")["Content-Security-Policy"]
        assert "style-src 'self' 'unsafe-inline'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in anonymous.get(f"{API}/claims/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_docs_still_load_with_a_bad_token_in_the_browser(anonymous):
    anonymous.credentials(HTTP_AUTHORIZATION="Token nonsense")
    assert anonymous.get(f"{API}/schema/").status_code == 200
    assert anonymous.get(f"{API}/docs/").status_code == 200


@pytest.mark.django_db
def test_token_is_stored_only_as_a_hash_with_a_short_public_prefix(editor):
    issued = issue_token(name="partner-site", scope="read", user=editor)
    row = ApiToken.objects.get(name="partner-site")
    assert row.key_hash == hashlib.sha256(issued.key.encode()).hexdigest()
    assert issued.key.startswith(f"ct_{row.prefix}_") and len(row.prefix) == 8
    assert issued.key not in {getattr(row, f.attname) for f in ApiToken._meta.concrete_fields}


@pytest.mark.django_db
def test_a_token_reads_on_behalf_of_its_owner_and_records_when_it_was_used(read_token):
    client = token_client(read_token)
    assert client.get(f"{API}/claims/").status_code == 200
    read_token.token.refresh_from_db()
    assert read_token.token.last_used_at is not None


@pytest.mark.django_db
def test_bearer_works_like_token(read_token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {read_token.key}")
    assert client.get(f"{API}/claims/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        "Token ct_00000000_unknownsecret",
        "Token not-a-token-at-all",
        "Token two parts",
        "Token",
        "Bearer ct_\u00e9",
    ],
)
def test_unknown_or_malformed_tokens_get_401(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(f"{API}/claims/")
    problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.django_db
def test_expired_and_revoked_tokens_stop_working(editor):
    expiring = issue_token(
        name="short-lived", scope="read", user=editor, expires_at=timezone.now() + timedelta(1)
    )
    revoked = issue_token(name="revoked", scope="read", user=editor)
    ApiToken.objects.filter(pk=expiring.token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    revoke_token(revoked.token)
    for issued in (expiring, revoked):
        problem(token_client(issued).get(f"{API}/claims/"), 401)


@pytest.mark.django_db
def test_token_of_a_deactivated_user_gets_401(editor):
    issued = issue_token(name="old-system", scope="read", user=editor)
    editor.is_active = False
    editor.save()
    problem(token_client(issued).get(f"{API}/claims/"), 401)


@pytest.mark.django_db
def test_read_token_cannot_write_even_for_an_editor(demo, editor):
    issued = issue_token(name="editor-reads", scope="read", user=editor)
    c1 = claim("C1")
    response = token_client(issued).post(
        f"{API}/claims/{c1.public_id}/verdict/",
        {"to": "confirmed", "rationale": "Seen."},
        format="json",
        HTTP_IF_MATCH=f'"{c1.version}"',
    )
    assert "write-scoped" in problem(response, 403)["detail"]


@pytest.mark.django_db
def test_write_token_acting_as_an_analyst_may_not_decide(demo, analyst):
    issued = issue_token(name="analyst-writes", scope="write", user=analyst)
    c1 = claim("C1")
    response = token_client(issued).post(
        f"{API}/claims/{c1.public_id}/verdict/",
        {"to": "confirmed", "rationale": "Seen."},
        format="json",
        HTTP_IF_MATCH=f'"{c1.version}"',
    )
    assert "editors" in problem(response, 403)["detail"]


@pytest.mark.django_db
def test_anonymous_writes_get_401(demo, anonymous):
    c1 = claim("C1")
    response = anonymous.post(
        f"{API}/claims/{c1.public_id}/verdict/",
        {"to": "confirmed", "rationale": "x"},
        format="json",
    )
    problem(response, 401)


@pytest.mark.django_db
def test_a_dashboard_session_reads_and_writes_with_its_csrf_token(demo, editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(f"{API}/claims/").status_code == 200

    c1 = claim("C1")
    url = f"{API}/claims/{c1.public_id}/verdict/"
    body = {"to": "confirmed", "rationale": "Confirmed by the US."}
    refused = client.post(url, body, format="json", HTTP_IF_MATCH=f'"{c1.version}"')
    assert "CSRF" in problem(refused, 403)["detail"]

    client.get("/login/")  # the dashboards get their CSRF cookie from any page
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(
        url, body, format="json", HTTP_IF_MATCH=f'"{c1.version}"', HTTP_X_CSRFTOKEN=csrf
    )
    assert accepted.status_code == 201, accepted.content


@pytest.mark.django_db
def test_anonymous_read_setting_opens_reads_but_not_writes_nor_the_review_queue(
    demo, anonymous, settings
):
    settings.CLAIMTRACK_API_ANONYMOUS_READ = True
    assert anonymous.get(f"{API}/claims/").status_code == 200
    assert anonymous.get(f"{API}/changes/").status_code == 200
    problem(anonymous.get(f"{API}/flags/"), 401)
    c1 = claim("C1")
    problem(
        anonymous.post(
            f"{API}/claims/{c1.public_id}/verdict/",
            {"to": "confirmed", "rationale": "x"},
            format="json",
        ),
        401,
    )


@pytest.mark.django_db
def test_an_editor_session_and_a_token_act_as_their_users():
    writer = UserFactory(groups=["editor"])
    issued = issue_token(name="as-writer", scope="write", user=writer)
    response = token_client(issued).get(f"{API}/flags/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_busy_client_token_is_read_from_the_cache_not_the_database(editor):
    issued = issue_token(name="poller", scope="read", user=editor)
    client = token_client(issued)
    assert client.get(f"{API}/topics/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{API}/topics/").status_code == 200
    assert not [q for q in queries.captured_queries if "api_apitoken" in q["sql"]]


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["revoke", "deactivate", "expire"])
def test_a_cached_token_stops_working_as_soon_as_it_changes(
    editor, change, django_capture_on_commit_callbacks
):
    issued = issue_token(name="cached", scope="read", user=editor)
    client = token_client(issued)
    assert client.get(f"{API}/topics/").status_code == 200  # now in the cache
    with django_capture_on_commit_callbacks(execute=True):  # the change commits
        if change == "revoke":
            revoke_token(issued.token)
        elif change == "deactivate":
            editor.is_active = False
            editor.save()
        else:
            edit_token(
                issued.token, name="cached", expires_at=timezone.now() - timedelta(seconds=1)
            )
    problem(client.get(f"{API}/topics/"), 401)
