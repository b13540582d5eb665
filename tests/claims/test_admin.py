"""The admin changes verdicts only through the service."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, FlagReason, FlagStatus, VerdictChange
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(username="chief", is_staff=True, groups=["admin"])


def test_verdict_is_not_an_editable_field_in_the_claim_form(client, admin_user):
    claim = ClaimFactory()
    client.force_login(admin_user)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert page.status_code == 200
    assert 'name="verdict"' not in page.content.decode()
    assert "Change verdict" in page.content.decode()


def test_verdict_change_in_the_admin_is_recorded_with_the_admin_as_editor(client, admin_user):
    claim = ClaimFactory()
    client.force_login(admin_user)
    url = reverse("admin:claims_claim_change_verdict", args=[claim.pk])
    response = client.post(
        url, {"to": "confirmed", "rationale": "Two independent sources.", "expected_version": 1}
    )
    assert response.status_code == 302
    change = VerdictChange.objects.get(claim=claim)
    assert (change.editor, change.to_verdict) == (admin_user, "confirmed")
    assert Claim.objects.get(pk=claim.pk).verdict == "confirmed"


def test_stale_admin_form_shows_the_conflict_and_keeps_the_text(client, admin_user):
    claim = ClaimFactory()
    client.force_login(admin_user)
    url = reverse("admin:claims_claim_change_verdict", args=[claim.pk])
    client.post(url, {"to": "disputed", "rationale": "First.", "expected_version": 1})
    response = client.post(
        url, {"to": "confirmed", "rationale": "My careful text.", "expected_version": 1}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "changed meanwhile" in page and "My careful text." in page
    assert VerdictChange.objects.filter(claim=claim).count() == 1


def test_blank_rationale_is_a_form_error(client, admin_user):
    claim = ClaimFactory()
    client.force_login(admin_user)
    url = reverse("admin:claims_claim_change_verdict", args=[claim.pk])
    response = client.post(url, {"to": "confirmed", "rationale": "   ", "expected_version": 1})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not VerdictChange.objects.exists()


def test_analyst_cannot_open_the_change_verdict_page(client):
    analyst = UserFactory(is_staff=True, groups=["analyst"])
    client.force_login(analyst)
    response = client.get(reverse("admin:claims_claim_change_verdict", args=[ClaimFactory().pk]))
    assert response.status_code == 403


def test_login_and_logout_pages(client):
    UserFactory(username="ana", groups=["analyst"])
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "Password" in page.content.decode()
    response = client.post(
        reverse("login"), {"username": "ana", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].username == "ana"
    assert client.post(reverse("logout")).status_code == 302
    after = client.get(reverse("home"))
    assert after.status_code == 302 and after.url.startswith(reverse("login"))


def test_wrong_password_is_a_form_error(client):
    response = client.post(reverse("login"), {"username": "nobody", "password": "x"})
    assert response.status_code == 200
    assert "errors" in response.content.decode()


def test_review_flags_in_the_admin_are_for_editors_as_in_the_api(client):
    flag, _ = services.open_flag(ClaimFactory(), reason=FlagReason.STALE, detail="Desk note")
    changelist = reverse("admin:claims_reviewflag_changelist")
    resolve = {"action": "resolve_selected", "_selected_action": [flag.pk]}
    client.force_login(UserFactory(username="reader", is_staff=True, groups=["analyst"]))
    assert client.get(changelist).status_code == 403
    assert client.post(changelist, resolve).status_code == 403
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN

    client.force_login(UserFactory(username="desk", is_staff=True, groups=["editor"]))
    page = client.get(changelist)
    assert page.status_code == 200 and "resolve_selected" in page.content.decode()
    client.post(changelist, resolve)
    flag.refresh_from_db()
    assert flag.status == FlagStatus.RESOLVED
