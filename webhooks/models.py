"""Webhook subscriptions and their delivery log. Imported by claims/models.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims.models import ChangeEvent, Claim, Topic, Verdict
from common.constraints import choices_check
from common.models import PublicIdModel


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")


class WebhookSubscription(PublicIdModel):
    """Where to POST which change events, and how far delivery has got.

    `secret` is stored as issued, not hashed: every delivery is signed with it, so the server
    must be able to read it back. It is shown to the client once, at creation, and never again
    (not in the API, not in the admin); anyone with database access can read it, as they can
    read everything the webhooks would tell them anyway.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=_("owner"),
        help_text=_("The user whose API clients manage this subscription."),
    )
    target_url = models.URLField(_("target URL"), max_length=2000)
    event_types = models.JSONField(
        _("event types"), default=list, help_text=_("Kinds of change events to deliver.")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices, blank=True)
    secret = models.CharField(_("signing secret"), max_length=100, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.ACTIVE,
    )
    paused_reason = models.CharField(_("paused because"), max_length=500, blank=True)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    # The id of the last event delivered (or skipped by the filters); delivery resumes after it.
    cursor = models.BigIntegerField(_("last delivered event id"), default=0)
    consecutive_failures = models.PositiveIntegerField(_("consecutive failures"), default=0)
    # When the event at the head of the queue first failed: retries stop 24 hours after it.
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("webhook subscription")
        ordering = ["created_at", "id"]
        constraints = [
            choices_check("status", SubscriptionStatus),
            models.CheckConstraint(
                condition=Q(verdict="") | Q(verdict__in=Verdict.values),
                name="%(app_label)s_%(class)s_verdict_valid",
                violation_error_message=_("Unknown verdict."),
            ),
            models.CheckConstraint(
                condition=Q(cursor__gte=0),
                name="%(app_label)s_%(class)s_cursor_not_negative",
                violation_error_message=_("The cursor is an event id or 0."),
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.target_url} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status == SubscriptionStatus.ACTIVE


class WebhookDelivery(PublicIdModel):
    """One attempt to POST one event to one subscription: the delivery log."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(ChangeEvent, on_delete=models.CASCADE, related_name="+")
    attempt = models.PositiveIntegerField(_("attempt"), help_text=_("1 for the first try."))
    attempted_at = models.DateTimeField(_("attempted at"), default=timezone.now)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    next_attempt_at = models.DateTimeField(_("retry at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-attempted_at", "-id"]
        indexes = [models.Index(fields=["subscription", "attempted_at"])]

    def __str__(self) -> str:
        outcome = self.status_code or self.error[:40] or "?"
        return f"event #{self.event_id} → {self.subscription_id}, attempt {self.attempt}: {outcome}"
