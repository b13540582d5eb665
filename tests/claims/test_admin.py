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


# --- Every admin write shows in the changes feed (issue #20, item 13) ---------------------------


def form_data(form) -> dict:
    """What a browser would post back for this form unchanged."""
    from django.forms import MultiWidget

    data: dict = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, MultiWidget):
            parts = widget.decompress(value)
            for i, (sub, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                data[f"{bound.html_name}_{i}"] = "" if part is None else sub.format_value(part)
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = "" if value is None else widget.format_value(value) or ""
    return data


def change_page_data(client, url: str) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    return data


def feed(client, since: int = 0) -> list[dict]:
    response = client.get(f"/api/v1/changes/?since={since}&limit=500")
    assert response.status_code == 200
    return response.json()["results"]


def last_event_id() -> int:
    from claims.models import ChangeEvent

    return ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_editing_a_statement_in_the_admin_is_in_the_feed_and_flags_a_contradiction(
    client, admin_user
):
    from claims.models import ReviewFlag
    from tests.factories import StatementFactory

    statement = StatementFactory(claim=ClaimFactory(verdict="confirmed"), stance="asserts")
    client.force_login(admin_user)
    since = last_event_id()
    url = reverse("admin:claims_statement_change", args=[statement.pk])
    data = change_page_data(client, url)
    data["stance"] = "denies"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    kinds = [(e["kind"], e["payload"].get("statement")) for e in feed(client, since)]
    assert ("statement.changed", str(statement.public_id)) in kinds
    assert "flag.opened" in [kind for kind, _ in kinds]
    flag = ReviewFlag.objects.get(claim=statement.claim)
    assert (flag.reason, flag.statement_id) == ("new_contradiction", statement.pk)


def test_deleting_a_statement_in_the_admin_is_in_the_feed(client, admin_user):
    from claims.models import Statement
    from tests.factories import StatementFactory

    statement = StatementFactory()
    client.force_login(admin_user)
    since = last_event_id()

    response = client.post(
        reverse("admin:claims_statement_delete", args=[statement.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Statement.objects.filter(pk=statement.pk).exists()
    [event] = feed(client, since)
    assert event["kind"] == "statement.deleted"
    assert event["claim"] == str(statement.claim.public_id)
    assert event["payload"]["statement"] == str(statement.public_id)


def test_deleting_statements_with_the_admin_action_is_in_the_feed(client, admin_user):
    from tests.factories import StatementFactory

    statements = StatementFactory.create_batch(2)
    client.force_login(admin_user)
    since = last_event_id()

    response = client.post(
        reverse("admin:claims_statement_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [s.pk for s in statements],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    deleted = {e["payload"]["statement"] for e in feed(client, since)}
    assert deleted == {str(s.public_id) for s in statements}


def test_editing_and_removing_statements_inline_on_the_claim_page_is_in_the_feed(
    client, admin_user
):
    from tests.factories import StatementFactory

    claim = ClaimFactory()
    kept, removed = StatementFactory(claim=claim), StatementFactory(claim=claim)
    client.force_login(admin_user)
    since = last_event_id()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = change_page_data(client, url)
    data["text"] = "Claim number 1 is true, reworded"
    prefix = "statements"
    for i in range(int(data[f"{prefix}-TOTAL_FORMS"])):
        if data[f"{prefix}-{i}-id"] == str(kept.pk):
            data[f"{prefix}-{i}-quote"] = "A new quote."
        if data[f"{prefix}-{i}-id"] == str(removed.pk):
            data[f"{prefix}-{i}-DELETE"] = "on"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    events = feed(client, since)
    seen = {(e["kind"], e["payload"].get("statement")) for e in events}
    assert ("statement.changed", str(kept.public_id)) in seen
    assert ("statement.deleted", str(removed.public_id)) in seen
    [claim_event] = [e for e in events if e["kind"] == "claim.changed"]
    assert claim_event["claim"] == str(claim.public_id)
    assert "text" in claim_event["payload"]["fields"]
    assert claim_event["payload"]["editor"] == admin_user.username


def test_deleting_a_claim_in_the_admin_is_in_the_feed(client, admin_user):
    claim = ClaimFactory()
    client.force_login(admin_user)
    since = last_event_id()

    response = client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})

    assert response.status_code == 302
    [event] = feed(client, since)
    assert (event["kind"], event["claim"]) == ("claim.deleted", None)
    assert event["payload"]["claim"] == str(claim.public_id)


def test_resolving_flags_in_the_admin_is_in_the_feed_and_flags_are_not_deleted(client, admin_user):
    from claims import services
    from claims.models import ReviewFlag

    flag, _ = services.open_flag(ClaimFactory(), reason="stale")
    client.force_login(admin_user)
    since = last_event_id()
    changelist = reverse("admin:claims_reviewflag_changelist")

    response = client.post(
        changelist, {"action": "resolve_selected", "_selected_action": [flag.pk]}
    )

    assert response.status_code == 302
    [event] = feed(client, since)
    assert event["kind"] == "flag.resolved"
    assert event["payload"]["flag"] == str(flag.public_id)
    client.post(reverse("admin:claims_reviewflag_delete", args=[flag.pk]), {"post": "yes"})
    assert ReviewFlag.objects.filter(pk=flag.pk).exists()


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


def test_the_admin_shows_a_claims_history_with_who_changed_it_and_offers_no_revert(
    client, admin_user
):
    claim = ClaimFactory(text="Troops moved")
    client.force_login(admin_user)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = change_page_data(client, url)
    data["text"] = "Troops moved to Russia"
    assert client.post(url, data).status_code == 302
    history = client.get(reverse("admin:claims_claim_history", args=[claim.pk]))
    assert history.status_code == 200
    versions = list(claim.history.order_by("history_date"))
    assert [(v.history_type, v.text) for v in versions] == [
        ("+", "Troops moved"),
        ("~", "Troops moved to Russia"),
    ]
    assert versions[1].history_user == admin_user  # the admin's save went through the request
    html = history.content.decode()
    assert "chief" in html and "Changed" in html
    old = reverse("admin:claims_claim_simple_history", args=[claim.pk, versions[0].history_id])
    assert "Troops moved" in client.get(old).content.decode()  # a past version can be read
    # ... but not restored: a revert would write past the services, unseen by the feed.
    assert client.post(old, {"text": "Troops moved", "topic": claim.topic_id}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).text == "Troops moved to Russia"


def test_a_bad_figure_in_the_admin_statement_form_is_a_form_error(client, admin_user):
    from claims.models import Measure, Statement
    from tests.factories import StatementFactory

    statement = StatementFactory()
    measure = Measure.objects.create(topic=statement.claim.topic, name="Troops", unit="soldiers")
    client.force_login(admin_user)
    url = reverse("admin:claims_statement_change", args=[statement.pk])
    data = change_page_data(client, url)
    data.update(
        estimate_measure=measure.pk,
        estimate_value="1500",
        estimate_unit="euros",
        estimate_qualifier="exact",
        estimate_kind="projection",
    )

    response = client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "counts soldiers; this figure counts euros" in str(errors)
    assert Statement.objects.get(pk=statement.pk).estimate is None

    data.update(estimate_unit="soldiers", estimate_refers_to="2024-12-31")
    data.update(estimate_refers_to_precision="month")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    estimate = Statement.objects.get(pk=statement.pk).estimate
    assert estimate is not None and (estimate.kind, estimate.measure_id) == (
        "projection",
        measure.pk,
    )


def test_resolving_selected_flags_in_the_admin_leaves_due_projections_to_the_queue(
    client, admin_user
):
    from datetime import date

    from claims.estimates import Estimate
    from claims.models import ReviewFlag
    from tests.factories import ActorFactory, SourceFactory

    statement = services.record_statement(
        claim=ClaimFactory(),
        actor=ActorFactory(),
        source=SourceFactory(),
        stance="asserts",
        recorded_by=admin_user,
        estimate=Estimate(
            unit="soldiers", value=10, kind="projection", refers_to=date(2024, 12, 1)
        ),
    )
    services.estimates.flag_due_projections()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:claims_reviewflag_changelist"),
        {"action": "resolve_selected", "_selected_action": [ReviewFlag.objects.get().pk]},
        follow=True,
    )
    assert "left open: record what became of each" in response.content.decode()
    assert ReviewFlag.objects.get(statement=statement).status == "open"
