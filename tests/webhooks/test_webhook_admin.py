"""Webhook subscriptions in the admin: create with the secret shown once, resume, replay."""

import pytest
from django.urls import reverse

from claims.models import ChangeEvent, Verdict
from claims.services import change_verdict
from tests.factories import ClaimFactory, UserFactory
from webhooks import services
from webhooks.models import SubscriptionStatus, WebhookSubscription


@pytest.fixture
def target(httpserver, settings) -> str:
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    return f"http://127.0.0.1:{httpserver.port}/hook"


@pytest.mark.django_db
def test_admin_creates_a_subscription_and_shows_the_secret_once(admin_client, admin_user, target):
    url = reverse("admin:webhooks_webhooksubscription_add")
    response = admin_client.post(
        url,
        {"owner": admin_user.pk, "target_url": target, "event_types": ["verdict.changed"]},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain == []  # the page itself, not a redirect with a message
    subscription = WebhookSubscription.objects.get()
    assert subscription.event_types == ["verdict.changed"]
    assert subscription.secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # Not in a message: the messages cookie is signed, not encrypted, and readable by anyone
    # who holds it.
    assert all(subscription.secret not in str(message) for message in response.context["messages"])
    assert all(subscription.secret not in cookie.value for cookie in response.cookies.values())
    assert all(subscription.secret not in cookie.value for cookie in admin_client.cookies.values())
    later = admin_client.get(reverse("admin:webhooks_webhooksubscription_changelist"))
    assert subscription.secret not in later.content.decode()
    change = admin_client.get(
        reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk])
    )
    assert change.status_code == 200 and subscription.secret not in change.content.decode()


@pytest.mark.django_db
def test_admin_refuses_a_private_target(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:webhooks_webhooksubscription_add"),
        {"owner": admin_user.pk, "target_url": "http://10.1.2.3/hook"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "cannot be sent there" in response.content.decode()
    assert not WebhookSubscription.objects.exists()


@pytest.mark.django_db
def test_admin_resumes_and_replays(admin_client, admin_user, editor, target):
    subscription = services.subscribe(owner=admin_user, target_url=target).subscription
    claim = ClaimFactory()
    change_verdict(claim, to=Verdict.DISPUTED, editor=editor, rationale="x", expected_version=1)
    event = ChangeEvent.objects.get()
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        status=SubscriptionStatus.PAUSED, cursor=event.id, consecutive_failures=10
    )
    changelist = reverse("admin:webhooks_webhooksubscription_changelist")
    admin_client.post(
        changelist, {"action": "resume_selected", "_selected_action": [subscription.pk]}
    )
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.consecutive_failures == 0

    response = admin_client.post(
        reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk]),
        {
            "owner": admin_user.pk,
            "target_url": target,
            "event_types": ["verdict.changed"],
            "replay_from": event.id,
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
            "deliveries-MIN_NUM_FORMS": "0",
            "deliveries-MAX_NUM_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    subscription.refresh_from_db()
    assert subscription.cursor == event.id - 1
    assert subscription.event_types == ["verdict.changed"]


@pytest.mark.django_db
def test_admin_refuses_review_flag_events_for_an_analyst_owner(admin_client, analyst, target):
    response = admin_client.post(
        reverse("admin:webhooks_webhooksubscription_add"),
        {"owner": analyst.pk, "target_url": target, "event_types": ["flag.opened"]},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "editors only" in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def paused_subscription(owner, target: str) -> WebhookSubscription:
    subscription = services.subscribe(owner=owner, target_url=target).subscription
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        status=SubscriptionStatus.PAUSED, paused_reason="10 failures"
    )
    return subscription


@pytest.mark.django_db
def test_editor_lists_only_their_own_subscriptions_and_deliveries(client, target):
    desk = UserFactory(username="desk", groups=["editor"], is_staff=True)
    other = UserFactory(username="other", groups=["editor"])
    mine = services.subscribe(owner=desk, target_url=f"{target}/mine").subscription
    theirs = services.subscribe(owner=other, target_url=f"{target}/theirs").subscription
    client.force_login(desk)
    page = client.get(reverse("admin:webhooks_webhooksubscription_changelist"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{target}/mine" in html and f"{target}/theirs" not in html
    change = reverse("admin:webhooks_webhooksubscription_change", args=[theirs.pk])
    assert client.get(change).status_code == 302  # "doesn't exist", back to the list
    own = reverse("admin:webhooks_webhooksubscription_change", args=[mine.pk])
    assert client.get(own).status_code == 200
    deliveries = client.get(reverse("admin:webhooks_webhookdelivery_changelist"))
    assert deliveries.status_code == 200
    assert list(deliveries.context["cl"].queryset) == []


@pytest.mark.django_db
def test_editor_resumes_their_own_paused_subscription_but_not_someone_elses(client, target):
    desk = UserFactory(username="desk", groups=["editor"], is_staff=True)
    mine = paused_subscription(desk, f"{target}/mine")
    theirs = paused_subscription(UserFactory(groups=["editor"]), f"{target}/theirs")
    client.force_login(desk)
    client.post(
        reverse("admin:webhooks_webhooksubscription_changelist"),
        {"action": "resume_selected", "_selected_action": [mine.pk, theirs.pk]},
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == SubscriptionStatus.ACTIVE
    assert theirs.status == SubscriptionStatus.PAUSED and theirs.paused_reason == "10 failures"


@pytest.mark.django_db
def test_resume_action_is_not_offered_to_an_analyst_and_refused_if_posted(client, target):
    reader = UserFactory(username="reader", groups=["analyst"], is_staff=True)
    own = paused_subscription(reader, f"{target}/reader")  # left from when they were an editor
    client.force_login(reader)
    changelist = reverse("admin:webhooks_webhooksubscription_changelist")
    page = client.get(changelist)
    assert page.status_code == 200
    assert "resume_selected" not in page.content.decode()
    client.post(changelist, {"action": "resume_selected", "_selected_action": [own.pk]})
    own.refresh_from_db()
    assert own.status == SubscriptionStatus.PAUSED


@pytest.mark.django_db
def test_admin_role_sees_and_resumes_every_subscription(client, target):
    boss = UserFactory(username="boss", groups=["admin"], is_staff=True)
    theirs = paused_subscription(UserFactory(groups=["editor"]), f"{target}/theirs")
    client.force_login(boss)
    changelist = reverse("admin:webhooks_webhooksubscription_changelist")
    assert f"{target}/theirs" in client.get(changelist).content.decode()
    client.post(changelist, {"action": "resume_selected", "_selected_action": [theirs.pk]})
    theirs.refresh_from_db()
    assert theirs.status == SubscriptionStatus.ACTIVE
