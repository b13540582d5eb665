"""Webhook delivery from the changes log: only committed changes, signed, in order, retried."""

import hashlib
import hmac
import json
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from werkzeug import Response

from claims import services as claim_services
from claims.events import record_event
from claims.models import ChangeEvent, Verdict
from tests.factories import ActorFactory, ClaimFactory, SourceFactory, UserFactory
from webhooks import services, tasks
from webhooks.models import SubscriptionStatus, WebhookDelivery, WebhookSubscription


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def receiver(httpserver, settings):
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    return httpserver


def hook_url(httpserver, path: str = "/hook") -> str:
    # The address, not "localhost": no name to resolve on every delivery.
    return f"http://127.0.0.1:{httpserver.port}{path}"


def subscribe(owner, httpserver, **filters) -> services.IssuedSubscription:
    return services.subscribe(owner=owner, target_url=hook_url(httpserver), **filters)


def verify(secret: str, request) -> bool:
    """What the README tells receivers to do."""
    timestamp = request.headers["X-ClaimTrack-Timestamp"]
    body = request.get_data()
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    signature = request.headers["X-ClaimTrack-Signature"]
    return hmac.compare_digest(signature, f"sha256={expected.hexdigest()}")


def decide(claim, editor, to: str) -> None:
    claim.refresh_from_db()
    claim_services.change_verdict(
        claim, to=to, editor=editor, rationale="Two sources agree.", expected_version=claim.version
    )


@pytest.mark.django_db
def test_a_rolled_back_verdict_change_sends_nothing(receiver, editor):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    claim = ClaimFactory()
    subscribe(editor, receiver)

    with transaction.atomic():
        decide(claim, editor, Verdict.CONFIRMED)
        transaction.set_rollback(True)

    tasks.dispatch_webhooks()  # eager in tests: queues and runs the delivery tasks
    assert receiver.log == []
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_a_committed_verdict_change_is_delivered_once_and_signed(receiver, editor):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    claim = ClaimFactory()
    issued = subscribe(editor, receiver)

    decide(claim, editor, Verdict.CONFIRMED)
    tasks.dispatch_webhooks()
    tasks.dispatch_webhooks()  # nothing new: nothing sent again

    assert len(receiver.log) == 1
    request, response = receiver.log[0]
    assert response.status_code == 200
    event = ChangeEvent.objects.get()
    assert request.headers["X-ClaimTrack-Event-Id"] == str(event.id)
    assert verify(issued.secret, request)
    assert not verify("whsec_someone-else", request)
    body = json.loads(request.get_data())
    assert body["id"] == event.id
    assert body["type"] == "verdict.changed"
    assert body["payload"]["to"] == "confirmed"
    assert body["claim"]["id"] == str(claim.public_id)
    assert body["claim"]["verdict"] == "confirmed"
    issued.subscription.refresh_from_db()
    assert issued.subscription.cursor == event.id
    delivery = WebhookDelivery.objects.get()
    assert (delivery.succeeded, delivery.status_code, delivery.attempt) == (True, 200, 1)


@pytest.mark.django_db
def test_a_failing_receiver_gets_the_event_again_after_growing_delays(receiver, editor):
    for status in (500, 503, 200):
        receiver.expect_ordered_request("/hook", method="POST").respond_with_data("", status)
    claim = ClaimFactory()
    subscription = subscribe(editor, receiver).subscription
    decide(claim, editor, Verdict.DISPUTED)

    clock = [datetime(2026, 11, 24, 12, tzinfo=UTC)]
    for _ in range(3):
        run = services.deliver_pending(subscription.pk, now=lambda: clock[0])
        subscription.refresh_from_db()
        # Asking before the retry is due sends nothing.
        if subscription.next_attempt_at:
            early = subscription.next_attempt_at - timedelta(seconds=1)
            assert (
                services.deliver_pending(subscription.pk, now=lambda early=early: early).delivered
                == 0
            )
            clock[0] = subscription.next_attempt_at
    assert run.delivered == 1

    ids = {request.headers["X-ClaimTrack-Event-Id"] for request, _ in receiver.log}
    assert len(receiver.log) == 3 and ids == {str(ChangeEvent.objects.get().id)}
    attempts = list(WebhookDelivery.objects.order_by("attempted_at"))
    assert [(a.attempt, a.status_code, a.succeeded) for a in attempts] == [
        (1, 500, False),
        (2, 503, False),
        (3, 200, True),
    ]
    delays = [a.next_attempt_at - a.attempted_at for a in attempts[:2]]
    assert timedelta(0) < delays[0] < delays[1]
    assert subscription.consecutive_failures == 0 and subscription.next_attempt_at is None


def test_backoff_grows_with_jitter_up_to_the_cap(settings):
    settings.CLAIMTRACK_WEBHOOK_BACKOFF_SECONDS = 30
    settings.CLAIMTRACK_WEBHOOK_BACKOFF_MAX_SECONDS = 3600
    low = [services.retry_delay(n, rng=lambda: 0.0).total_seconds() for n in range(1, 10)]
    high = [services.retry_delay(n, rng=lambda: 0.999).total_seconds() for n in range(1, 10)]
    assert low[:4] == [15, 30, 60, 120]
    assert all(h < next_low for h, next_low in zip(high[:6], low[1:7], strict=True))
    assert max(high) < 3600


@pytest.mark.django_db
def test_a_subscription_pauses_after_n_failures_and_resumes_with_replay(receiver, editor, settings):
    settings.CLAIMTRACK_WEBHOOK_MAX_CONSECUTIVE_FAILURES = 2
    receiver.expect_request("/hook", method="POST").respond_with_data("down", 502)
    claim = ClaimFactory()
    subscription = subscribe(editor, receiver).subscription
    decide(claim, editor, Verdict.DISPUTED)
    first = ChangeEvent.objects.get()

    clock = [datetime(2026, 11, 24, 12, tzinfo=UTC)]
    services.deliver_pending(subscription.pk, now=lambda: clock[0])
    subscription.refresh_from_db()
    clock[0] = subscription.next_attempt_at
    run = services.deliver_pending(subscription.pk, now=lambda: clock[0])
    subscription.refresh_from_db()
    assert run.paused and subscription.status == SubscriptionStatus.PAUSED
    assert "2 consecutive failed deliveries" in subscription.paused_reason
    assert services.deliver_pending(subscription.pk).delivered == 0  # paused: nothing is sent

    receiver.clear()
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    services.resume(subscription)
    assert services.deliver_pending(subscription.pk).delivered == 1
    # Replay: set the cursor back and the same event goes out again.
    services.resume(subscription, replay_from=first.id)
    assert services.deliver_pending(subscription.pk).delivered == 1
    sent = [request.headers["X-ClaimTrack-Event-Id"] for request, _ in receiver.log]
    assert sent == [str(first.id), str(first.id)]


@pytest.mark.django_db
def test_retries_stop_after_the_retry_window(receiver, editor):
    receiver.expect_request("/hook", method="POST").respond_with_data("", 500)
    subscription = subscribe(editor, receiver).subscription
    decide(ClaimFactory(), editor, Verdict.DENIED)
    start = datetime(2026, 11, 24, 12, tzinfo=UTC)
    services.deliver_pending(subscription.pk, now=lambda: start)
    services.deliver_pending(subscription.pk, now=lambda: start + timedelta(hours=24))
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PAUSED
    assert subscription.consecutive_failures == 2


@pytest.mark.django_db
def test_filters_select_events_and_the_cursor_passes_the_others(receiver, editor):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    watched, other = ClaimFactory(), ClaimFactory()
    subscription = subscribe(
        editor, receiver, event_types=["verdict.changed"], claim=watched, verdict="confirmed"
    ).subscription
    decide(other, editor, Verdict.CONFIRMED)
    decide(watched, editor, Verdict.DISPUTED)
    decide(watched, editor, Verdict.CONFIRMED)
    claim_services.record_statement(
        claim=watched,
        actor=ActorFactory(),
        source=SourceFactory(),
        stance="asserts",
        recorded_by=editor,
    )
    run = services.deliver_pending(subscription.pk)
    assert (run.delivered, run.skipped) == (1, 3)
    (request, _), *_ = receiver.log
    assert json.loads(request.get_data())["payload"]["to"] == "confirmed"
    subscription.refresh_from_db()
    assert subscription.cursor == ChangeEvent.objects.latest("id").id


@pytest.mark.django_db
def test_a_target_that_turned_private_is_refused_at_delivery(editor, settings, httpserver):
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    subscription = subscribe(editor, httpserver).subscription
    settings.CLAIMTRACK_FETCH_ALLOW = []  # the allowance is withdrawn after creation
    decide(ClaimFactory(), editor, Verdict.DISPUTED)
    run = services.deliver_pending(subscription.pk)
    assert run.failed and httpserver.log == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status_code is None and delivery.error.startswith("refused")


# --- Concurrency (PostgreSQL) ------------------------------------------------------------------

WRITERS, CHANGES_PER_WRITER = 8, 25


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_changes_arrive_complete_and_in_order_per_subscription(receiver):
    received: dict[str, list[int]] = {"a": [], "b": []}
    lock = threading.Lock()

    def handler_for(name: str):
        def handler(request):
            with lock:
                received[name].append(int(request.headers["X-ClaimTrack-Event-Id"]))
            return Response("ok")

        return handler

    receiver.expect_request("/a", method="POST").respond_with_handler(handler_for("a"))
    receiver.expect_request("/b", method="POST").respond_with_handler(handler_for("b"))
    editor = UserFactory(groups=["editor"])
    claims = [ClaimFactory() for _ in range(WRITERS)]
    actor, source = ActorFactory(), SourceFactory()
    subscriptions = {
        name: services.subscribe(
            owner=editor, target_url=hook_url(receiver, f"/{name}")
        ).subscription.pk
        for name in received
    }
    writers_done = threading.Event()
    errors: list[BaseException] = []

    def write(claim) -> None:
        try:
            for _ in range(CHANGES_PER_WRITER):
                claim_services.record_statement(
                    claim=claim, actor=actor, source=source, stance="asserts", recorded_by=editor
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    def caught_up(subscription_id: int) -> bool:
        latest = ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first()
        return WebhookSubscription.objects.get(pk=subscription_id).cursor == latest

    def deliver(subscription_id: int) -> None:
        # Two workers per subscription race for it while the writers write.
        try:
            while True:
                finished = writers_done.is_set()
                run = services.deliver_pending(subscription_id)
                # The other worker may hold the subscription: stop only once it is caught up.
                if finished and caught_up(subscription_id):
                    return
                if not run.delivered:
                    time.sleep(0.005)  # nothing for us now: give the others the CPU
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    writers = [threading.Thread(target=write, args=(claim,)) for claim in claims]
    deliverers = [
        threading.Thread(target=deliver, args=(pk,)) for pk in subscriptions.values() for _ in "xy"
    ]
    for thread in writers + deliverers:
        thread.start()
    for thread in writers:
        thread.join()
    writers_done.set()
    for thread in deliverers:
        thread.join()

    assert errors == []
    events = list(ChangeEvent.objects.order_by("id").values_list("id", flat=True))
    assert len(events) == WRITERS * CHANGES_PER_WRITER
    for name in received:
        assert received[name] == events, name  # complete, once each, in order


@pytest.mark.django_db
def test_statement_and_source_events_carry_the_resource_as_the_api_shows_it(receiver, editor):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    subscription = subscribe(editor, receiver).subscription
    source = SourceFactory()
    statement = claim_services.record_statement(
        claim=ClaimFactory(),
        actor=ActorFactory(),
        source=source,
        stance="asserts",
        recorded_by=editor,
    )
    with transaction.atomic():
        record_event(
            "source.health_changed",
            source=source,
            payload={"source": str(source.public_id), "from": "ok", "to": "gone"},
        )
    assert services.deliver_pending(subscription.pk).delivered == 2
    bodies = [json.loads(request.get_data()) for request, _ in receiver.log]
    assert [body["type"] for body in bodies] == ["statement.recorded", "source.health_changed"]
    assert bodies[0]["statement"]["id"] == str(statement.public_id)
    assert bodies[1]["source"]["id"] == str(source.public_id)


@pytest.mark.django_db
def test_a_redirect_is_a_failed_delivery(receiver, editor):
    receiver.expect_request("/hook", method="POST").respond_with_data(
        "", 302, headers={"Location": hook_url(receiver, "/elsewhere")}
    )
    receiver.expect_request("/elsewhere").respond_with_data("ok")
    subscription = subscribe(editor, receiver).subscription
    decide(ClaimFactory(), editor, Verdict.DISPUTED)
    assert services.deliver_pending(subscription.pk).failed
    delivery = WebhookDelivery.objects.get()
    assert delivery.status_code == 302 and "redirected" in delivery.error


@pytest.mark.django_db
@pytest.mark.parametrize("status", [307, 308, 301])
def test_a_redirect_is_not_followed_and_the_signed_body_goes_nowhere_else(receiver, editor, status):
    receiver.expect_request("/hook", method="POST").respond_with_data(
        "", status, headers={"Location": hook_url(receiver, "/elsewhere")}
    )
    subscription = subscribe(editor, receiver).subscription
    decide(ClaimFactory(), editor, Verdict.DISPUTED)

    assert services.deliver_pending(subscription.pk).failed

    assert [request.path for request, _ in receiver.log] == ["/hook"]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status_code == status
    assert "redirects are not followed" in delivery.error
    subscription.refresh_from_db()
    assert subscription.cursor == 0 and subscription.consecutive_failures == 1


def open_flag() -> None:
    claim_services.open_flag(ClaimFactory(), reason="stale")


@pytest.mark.django_db
def test_an_owner_removed_from_the_editors_is_paused_with_a_reason_and_sent_nothing(
    receiver, editor, django_capture_on_commit_callbacks
):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    subscription = subscribe(editor, receiver, event_types=["flag.opened"]).subscription
    editor.groups.clear()

    with django_capture_on_commit_callbacks(execute=True):
        open_flag()
        tasks.dispatch_webhooks()

    assert receiver.log == []
    assert not WebhookDelivery.objects.exists()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PAUSED
    assert "may no longer receive flag.opened" in subscription.paused_reason
    assert subscription.paused_at is not None and subscription.cursor == 0


@pytest.mark.django_db
def test_a_deactivated_owner_is_paused_with_a_reason_and_sent_nothing(receiver, editor):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    subscription = subscribe(editor, receiver).subscription
    decide(ClaimFactory(), editor, Verdict.DISPUTED)
    editor.is_active = False
    editor.save()

    run = services.deliver_pending(subscription.pk)

    assert run.paused and run.delivered == 0
    assert receiver.log == []
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PAUSED
    assert "deactivated" in subscription.paused_reason


@pytest.mark.django_db
def test_an_analyst_may_not_subscribe_to_review_flags_and_gets_the_public_kinds(receiver, analyst):
    with pytest.raises(ValidationError) as refused:
        subscribe(analyst, receiver, event_types=["flag.opened"])
    assert "event_types" in refused.value.message_dict
    subscription = subscribe(analyst, receiver).subscription
    assert "flag.opened" not in subscription.event_types
    assert "verdict.changed" in subscription.event_types
