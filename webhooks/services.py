"""Every write of webhooks: subscribe, unsubscribe, resume/replay, and deliver.

Delivery reads the changes log (ChangeEvent, written by the claims services in the same
transaction as each change) after the subscription's cursor, so a rolled-back change never
notifies and a committed one always does. Each event is delivered inside a transaction that
holds the subscription's row lock, from reading the cursor to moving it on: deliveries of one
subscription never overlap, so they arrive in event-id order. Delivery is at least once: a
worker that dies after the POST but before its commit sends that event again, with the same
X-ClaimTrack-Event-Id, which receivers use to drop duplicates.
"""

import hashlib
import hmac
import json
import random
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from claims.models import ChangeEvent, Claim, EventKind, Topic, Verdict
from claims.selectors import event_kinds_visible_to
from sources.fetching import FetchError, check_url, fetch

from .models import SubscriptionStatus, WebhookDelivery, WebhookSubscription

SIGNATURE_SCHEME = "sha256"


@dataclass(frozen=True)
class IssuedSubscription:
    subscription: WebhookSubscription
    secret: str  # shown to the client once, in the create response


def sign(secret: str, *, timestamp: int, body: bytes) -> str:
    """The X-ClaimTrack-Signature value: HMAC-SHA256 of "<timestamp>.<body>" with the secret."""
    message = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"{SIGNATURE_SCHEME}={digest}"


def target_url_problem(url: str) -> str | None:
    """Why webhooks may not be POSTed to `url` (the fetch guard's reason), or None."""
    try:
        check_url(url)
    except FetchError as exc:
        return f"Webhooks cannot be sent there: {exc}"
    return None


@transaction.atomic
def subscribe(
    *,
    owner: User,
    target_url: str,
    event_types: Iterable[str] = (),
    topic: Topic | None = None,
    claim: Claim | None = None,
    verdict: str = "",
) -> IssuedSubscription:
    """Create a subscription to events from now on; its secret is returned once.

    The owner may subscribe to the kinds of events they may read in the changes feed
    (claims.selectors.event_kinds_visible_to; all of those by default). Delivery checks the
    same rule again for every event, and pauses the subscription once the owner lost access.

    Raises ValidationError when the target is not a URL we may POST to (private addresses,
    other ports than 80/443 unless CLAIMTRACK_FETCH_ALLOW admits them) or a filter is unknown.
    """
    errors: dict[str, str] = {}
    visible = event_kinds_visible_to(owner)
    kinds = list(dict.fromkeys(event_types)) or list(visible)
    unknown = [kind for kind in kinds if kind not in EventKind.values]
    hidden = [kind for kind in kinds if kind in EventKind.values and kind not in visible]
    if unknown:
        errors["event_types"] = f"Unknown event types: {', '.join(map(str, unknown))}."
    elif hidden:
        errors["event_types"] = f"Only editors may receive: {', '.join(map(str, hidden))}."
    if verdict and verdict not in Verdict.values:
        errors["verdict"] = f"'{verdict}' is not a verdict."
    problem = target_url_problem(target_url)
    if problem:
        errors["target_url"] = problem
    if errors:
        raise ValidationError(errors)
    secret = f"whsec_{secrets.token_urlsafe(32)}"
    latest = ChangeEvent.objects.aggregate(latest=Max("id"))["latest"] or 0
    subscription = WebhookSubscription.objects.create(
        owner=owner,
        target_url=target_url,
        event_types=kinds,
        topic=topic,
        claim=claim,
        verdict=verdict,
        secret=secret,
        cursor=latest,
    )
    return IssuedSubscription(subscription=subscription, secret=secret)


@transaction.atomic
def unsubscribe(subscription: WebhookSubscription) -> None:
    WebhookSubscription.objects.filter(pk=subscription.pk).delete()


@transaction.atomic
def pause(
    subscription: WebhookSubscription, *, reason: str, at: datetime | None = None
) -> WebhookSubscription:
    """Stop delivering to a subscription until someone resumes it, saying why."""
    subscription.status = SubscriptionStatus.PAUSED
    subscription.paused_at = at or timezone.now()
    subscription.paused_reason = reason[:500]
    subscription.next_attempt_at = None
    subscription.save(update_fields=["status", "paused_at", "paused_reason", "next_attempt_at"])
    return subscription


def owner_access_problem(subscription: WebhookSubscription, event: ChangeEvent) -> str | None:
    """Why the subscription's owner may no longer receive `event`, or None.

    Checked at delivery, not only at subscribe(): an owner deactivated or removed from the
    editors since then must stop receiving what they may no longer read.
    """
    owner = subscription.owner
    if not owner.is_active:
        return f"Paused: the owner {owner.get_username()} is deactivated."
    if event.kind not in event_kinds_visible_to(owner):
        return (
            f"Paused: the owner {owner.get_username()} may no longer receive {event.kind} "
            f"events (event #{event.id})."
        )
    return None


@transaction.atomic
def resume(
    subscription: WebhookSubscription, *, replay_from: int | None = None
) -> WebhookSubscription:
    """Reactivate a subscription; with `replay_from`, deliver again from that event id on."""
    current = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    if replay_from is not None:
        latest = ChangeEvent.objects.aggregate(latest=Max("id"))["latest"] or 0
        if not 1 <= replay_from <= latest + 1:
            raise ValidationError({"replay_from": f"Give an event id from 1 to {latest + 1}."})
        current.cursor = replay_from - 1
    current.status = SubscriptionStatus.ACTIVE
    current.paused_reason, current.paused_at = "", None
    current.consecutive_failures = 0
    current.failing_since = current.next_attempt_at = None
    current.save()
    return current


# --- Delivery ----------------------------------------------------------------------------------


def retry_delay(failures: int, *, rng: Callable[[], float] = random.random) -> timedelta:
    """Wait after failure number `failures` (1, 2, …): exponential, with jitter.

    Half of base * 2**(failures-1) is fixed and half random ("equal jitter", capped): many
    subscriptions failing together do not come back in step, yet each wait is longer than the
    one before it until the cap.
    """
    base = settings.CLAIMTRACK_WEBHOOK_BACKOFF_SECONDS
    ceiling = min(base * 2 ** (failures - 1), settings.CLAIMTRACK_WEBHOOK_BACKOFF_MAX_SECONDS)
    return timedelta(seconds=ceiling / 2 + rng() * ceiling / 2)


def matches(subscription: WebhookSubscription, event: ChangeEvent) -> bool:
    """Whether the subscription's event types and filters select this event.

    Topic, claim and verdict filters concern claims: events without a claim (source health
    changes) pass them only when none is set. The verdict filter looks at the verdict the change
    set (verdict.changed) or, for other events, the claim's verdict at delivery time.
    """
    if event.kind not in subscription.event_types:
        return False
    if not (subscription.topic_id or subscription.claim_id or subscription.verdict):
        return True
    claim = event.claim
    if claim is None:
        return False
    if subscription.claim_id and claim.pk != subscription.claim_id:
        return False
    if subscription.topic_id and claim.topic_id != subscription.topic_id:
        return False
    if subscription.verdict:
        verdict = (
            event.payload.get("to") if event.kind == EventKind.VERDICT_CHANGED else claim.verdict
        )
        return verdict == subscription.verdict
    return True


def event_body(event: ChangeEvent) -> dict[str, Any]:
    """The JSON document POSTed for an event: the change plus the resource as the API shows it."""
    # Imported here: the API serializers import the models, which import this package.
    from claims.api.serializers import ClaimSerializer, StatementSerializer
    from claims.selectors import claim_list, statement_list
    from sources.api import SourceSerializer

    body: dict[str, Any] = {
        "id": event.id,
        "type": event.kind,
        "occurred_at": event.occurred_at,
        "payload": event.payload,
    }
    if event.claim_id:
        claim = claim_list().filter(pk=event.claim_id).first()
        body["claim"] = ClaimSerializer(claim).data if claim else None
    statement_id = event.payload.get("statement")
    if event.kind in (EventKind.STATEMENT_RECORDED, EventKind.STATEMENT_CHANGED) and statement_id:
        statement = statement_list().filter(public_id=statement_id).first()
        body["statement"] = StatementSerializer(statement).data if statement else None
    if event.kind == EventKind.SOURCE_HEALTH_CHANGED and event.source_id:
        body["source"] = SourceSerializer(event.source).data
    return body


@dataclass(frozen=True)
class DeliveryRun:
    delivered: int = 0
    skipped: int = 0
    failed: bool = False
    paused: bool = False


def deliver_pending(
    subscription_id: int, *, now: Callable[[], datetime] = timezone.now
) -> DeliveryRun:
    """Deliver a subscription's pending events in order until done, a failure, or the batch limit.

    `now` is the clock (tests pass their own). Each event is delivered in its own transaction,
    holding the subscription row from reading the cursor to moving it: a second worker finds
    the row locked and stops (SKIP LOCKED) rather than wait; the next beat tick queues the rest.
    """
    delivered = skipped = 0
    for _ in range(settings.CLAIMTRACK_WEBHOOK_BATCH_SIZE):
        with transaction.atomic():
            subscription = (
                WebhookSubscription.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("owner")
                .filter(pk=subscription_id, status=SubscriptionStatus.ACTIVE)
                .first()
            )
            if subscription is None:
                break
            moment = now()
            if subscription.next_attempt_at and subscription.next_attempt_at > moment:
                break
            event = (
                ChangeEvent.objects.select_related("claim", "source")
                .filter(id__gt=subscription.cursor)
                .order_by("id")
                .first()
            )
            if event is None:
                break
            if not matches(subscription, event):
                subscription.cursor = event.id
                subscription.save(update_fields=["cursor"])
                skipped += 1
                continue
            problem = owner_access_problem(subscription, event)
            if problem:
                pause(subscription, reason=problem, at=moment)
                return DeliveryRun(delivered, skipped, failed=True, paused=True)
            if not _deliver(subscription, event, moment):
                return DeliveryRun(
                    delivered, skipped, failed=True, paused=not subscription.is_active
                )
            delivered += 1
    return DeliveryRun(delivered, skipped)


def _deliver(subscription: WebhookSubscription, event: ChangeEvent, moment: datetime) -> bool:
    """POST one event, log the attempt and move the cursor or schedule the retry."""
    body = json.dumps(event_body(event), cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    timestamp = int(moment.timestamp())
    headers = {
        "Content-Type": "application/json",
        "X-ClaimTrack-Event-Id": str(event.id),
        "X-ClaimTrack-Event-Type": event.kind,
        "X-ClaimTrack-Timestamp": str(timestamp),
        "X-ClaimTrack-Signature": sign(subscription.secret, timestamp=timestamp, body=body),
    }
    attempt = subscription.consecutive_failures + 1
    status_code = latency_ms = None
    error = ""
    try:
        # fetch admits the URL exactly as check_url does, on every hop, before sending a byte,
        # and connects to the address it judged: a target that now resolves to a private
        # address is refused here.
        result = fetch(
            subscription.target_url,
            method="POST",
            content=body,
            headers=headers,
            max_bytes=65_536,
            timeout_seconds=settings.CLAIMTRACK_WEBHOOK_TIMEOUT_SECONDS,
            # Never followed: a 307/308 would send the signed body to wherever the receiver
            # points, on every retry, and a 301/302 turns the POST into a GET.
            follow_redirects=False,
        )
    except FetchError as exc:
        error = str(exc)
    else:
        status_code, latency_ms = result.status_code, result.elapsed_ms
        if 300 <= status_code < 400:
            error = (
                f"the receiver redirected ({status_code}); redirects are not followed, "
                "give the final URL"
            )
        elif not 200 <= status_code < 300:
            error = f"the receiver answered {status_code}"
    delivery = WebhookDelivery(
        subscription=subscription,
        event=event,
        attempt=attempt,
        attempted_at=moment,
        succeeded=not error,
        status_code=status_code,
        latency_ms=latency_ms,
        error=error,
    )
    if not error:
        subscription.cursor = event.id
        subscription.consecutive_failures = 0
        subscription.failing_since = subscription.next_attempt_at = None
    else:
        subscription.consecutive_failures = attempt
        subscription.failing_since = subscription.failing_since or moment
        window = settings.CLAIMTRACK_WEBHOOK_RETRY_WINDOW
        limit = settings.CLAIMTRACK_WEBHOOK_MAX_CONSECUTIVE_FAILURES
        if attempt >= limit or moment - subscription.failing_since >= window:
            pause(
                subscription,
                reason=(
                    f"Paused after {attempt} consecutive failed deliveries of event #{event.id} "
                    f"(last: {error})."
                ),
                at=moment,
            )
        else:
            subscription.next_attempt_at = moment + retry_delay(attempt)
            delivery.next_attempt_at = subscription.next_attempt_at
    delivery.save()
    subscription.save()
    return not error


def subscriptions_due(*, now: datetime | None = None) -> list[int]:
    """Ids of active subscriptions with events after their cursor and no retry waiting."""
    now = now or timezone.now()
    latest = ChangeEvent.objects.aggregate(latest=Max("id"))["latest"] or 0
    return list(
        WebhookSubscription.objects.filter(status=SubscriptionStatus.ACTIVE, cursor__lt=latest)
        .exclude(next_attempt_at__gt=now)
        .values_list("pk", flat=True)
    )
