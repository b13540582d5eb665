"""/api/v1/webhooks/: write-scoped management, a secret shown once, resume and the log."""

import re
import uuid

import pytest
from rest_framework.test import APIClient

from api.tokens import issue_token
from claims.models import ChangeEvent, Verdict
from claims.services import change_verdict
from tests.api.api_helpers import schema_values, served_schema
from tests.factories import ClaimFactory, UserFactory
from webhooks import services
from webhooks.models import SubscriptionStatus, WebhookSubscription

API = "/api/v1"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def client_for(user, scope: str) -> APIClient:
    issued = issue_token(name=f"{scope}-{uuid.uuid4().hex[:8]}", scope=scope, user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issued.key}")
    return client


@pytest.fixture
def writer(editor) -> APIClient:
    return client_for(editor, "write")


@pytest.fixture
def receiver(httpserver, settings):
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    return httpserver


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


@pytest.mark.django_db
def test_creating_needs_a_write_token(receiver, editor, analyst):
    body = {"target_url": receiver.url_for("/hook")}
    problem(APIClient().post(f"{API}/webhooks/", body, format="json"), 401)
    problem(client_for(analyst, "read").post(f"{API}/webhooks/", body, format="json"), 403)
    problem(client_for(editor, "read").post(f"{API}/webhooks/", body, format="json"), 403)
    problem(client_for(editor, "read").get(f"{API}/webhooks/"), 403)
    assert not WebhookSubscription.objects.exists()


@pytest.mark.django_db
def test_the_secret_is_in_the_create_response_only(receiver, writer, django_assert_max_num_queries):
    claim = ClaimFactory()
    response = writer.post(
        f"{API}/webhooks/",
        {
            "target_url": receiver.url_for("/hook"),
            "event_types": ["verdict.changed"],
            "claim": str(claim.public_id),
            "verdict": "confirmed",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["secret"].startswith("whsec_")
    assert created["event_types"] == ["verdict.changed"]
    assert created["claim"] == str(claim.public_id)
    assert created["status"] == "active"
    assert WebhookSubscription.objects.get().secret == created["secret"]

    services.subscribe(
        owner=WebhookSubscription.objects.get().owner, target_url=created["target_url"]
    )
    with django_assert_max_num_queries(6):
        listed = writer.get(f"{API}/webhooks/")
    assert listed.status_code == 200
    rows = listed.json()["results"]
    assert rows[0]["id"] == created["id"] and len(rows) == 2
    assert all("secret" not in row for row in rows)
    with django_assert_max_num_queries(6):
        detail = writer.get(f"{API}/webhooks/{created['id']}/").json()
    assert "secret" not in detail and created["secret"] not in str(detail)


@pytest.mark.django_db
def test_a_subscription_to_any_verdict_is_served_as_the_schema_says(receiver, writer):
    created = writer.post(
        f"{API}/webhooks/", {"target_url": receiver.url_for("/hook")}, format="json"
    )
    assert created.status_code == 201, created.content
    schema = served_schema(writer)
    components = schema["components"]["schemas"]
    for served, component in (
        (created.json(), "WebhookCreated"),
        (writer.get(f"{API}/webhooks/").json()["results"][0], "WebhookSubscription"),
        (writer.get(f"{API}/webhooks/{created.json()['id']}/").json(), "WebhookSubscription"),
    ):
        assert served["verdict"] == ""
        assert "" in schema_values(schema, components[component]["properties"]["verdict"])


@pytest.mark.django_db
def test_event_types_take_at_least_one_kind_as_the_schema_says(receiver, writer):
    schema = served_schema(writer)
    request = schema["components"]["schemas"]["WebhookCreateRequest"]
    assert request["properties"]["event_types"]["minItems"] == 1
    body = {"target_url": receiver.url_for("/hook"), "event_types": []}
    problem(writer.post(f"{API}/webhooks/", body, format="json"), 400)
    body["event_types"] = ["verdict.changed"]
    assert writer.post(f"{API}/webhooks/", body, format="json").status_code == 201


@pytest.mark.django_db
def test_target_urls_are_documented_as_the_fetch_guard_takes_them(receiver, writer):
    schema = served_schema(writer)
    request = schema["components"]["schemas"]["WebhookCreateRequest"]
    syntax = re.compile(request["properties"]["target_url"]["pattern"])
    for allowed in ("https://hooks.example.org/claimtrack?x=1", "HTTP://93.184.215.14:443/"):
        assert syntax.search(allowed), allowed
    for refused in (
        "ftp://hooks.example.org/",
        "https://user:secret@hooks.example.org/",
        "https://hooks.example.org:8080/",
        "https://0.1/",
        "https://300.1.1.1/",
    ):
        assert not syntax.search(refused), refused
        body = problem(writer.post(f"{API}/webhooks/", {"target_url": refused}, format="json"), 400)
        assert [error["pointer"] for error in body["errors"]] == ["#/target_url"]
    # A host name the schema allows is DNS's to judge, not a URL validator's guesses (a
    # one-letter top-level domain, a name longer than DNS holds).
    for unknown in ("https://0.a", "https://" + ".".join(["a" * 63] * 4)):
        assert syntax.search(unknown)
        body = problem(writer.post(f"{API}/webhooks/", {"target_url": unknown}, format="json"), 400)
        assert "could not resolve" in body["errors"][0]["detail"], body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.5/hook", "http://127.0.0.1/hook", "http://169.254.169.254/latest"],
)
def test_a_receiver_on_a_private_address_is_refused_at_creation(writer, url):
    body = problem(writer.post(f"{API}/webhooks/", {"target_url": url}, format="json"), 400)
    assert [error["pointer"] for error in body["errors"]] == ["#/target_url"]
    assert "cannot be sent there" in body["errors"][0]["detail"]
    assert not WebhookSubscription.objects.exists()


@pytest.mark.django_db
def test_clients_see_only_their_own_subscriptions(receiver, writer):
    other = UserFactory(groups=["editor"])
    theirs = services.subscribe(owner=other, target_url=receiver.url_for("/x")).subscription
    assert writer.get(f"{API}/webhooks/").json()["results"] == []
    problem(writer.get(f"{API}/webhooks/{theirs.public_id}/"), 404)
    problem(writer.delete(f"{API}/webhooks/{theirs.public_id}/"), 404)


@pytest.mark.django_db
def test_resume_replays_and_the_delivery_log_shows_attempts(
    receiver, writer, editor, settings, django_assert_max_num_queries
):
    settings.CLAIMTRACK_WEBHOOK_MAX_CONSECUTIVE_FAILURES = 1
    receiver.expect_request("/hook", method="POST").respond_with_data("nope", 500)
    created = writer.post(
        f"{API}/webhooks/", {"target_url": receiver.url_for("/hook")}, format="json"
    ).json()
    claim = ClaimFactory()
    change_verdict(claim, to=Verdict.DISPUTED, editor=editor, rationale="x", expected_version=1)
    subscription = WebhookSubscription.objects.get()
    services.deliver_pending(subscription.pk)
    assert writer.get(f"{API}/webhooks/{created['id']}/").json()["status"] == "paused"

    with django_assert_max_num_queries(6):
        log = writer.get(f"{API}/webhooks/{created['id']}/deliveries/")
    assert log.status_code == 200, log.content
    [attempt] = log.json()["results"]
    event = ChangeEvent.objects.get()
    assert attempt["event_id"] == event.id and attempt["event_type"] == "verdict.changed"
    assert (attempt["attempt"], attempt["status_code"], attempt["succeeded"]) == (1, 500, False)
    assert attempt["latency_ms"] is not None and "500" in attempt["error"]

    problem(
        writer.post(f"{API}/webhooks/{created['id']}/resume/", {"replay_from": 0}, format="json"),
        400,
    )
    resumed = writer.post(
        f"{API}/webhooks/{created['id']}/resume/", {"replay_from": event.id}, format="json"
    )
    assert resumed.status_code == 200, resumed.content
    assert resumed.json()["status"] == "active"
    assert resumed.json()["last_delivered_event_id"] == event.id - 1
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE


@pytest.mark.django_db
def test_deleting_stops_deliveries(receiver, writer):
    created = writer.post(
        f"{API}/webhooks/", {"target_url": receiver.url_for("/hook")}, format="json"
    ).json()
    assert writer.delete(f"{API}/webhooks/{created['id']}/").status_code == 204
    assert not WebhookSubscription.objects.exists()
