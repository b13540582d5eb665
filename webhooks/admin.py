"""Webhook subscriptions in the admin: create (the secret is shown once), pause state, resume,
replay from an event id, and the delivery log. Imported by claims/admin.py."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from claims.models import EventKind
from claims.selectors import event_kinds_visible_to
from common import roles

from . import services
from .models import WebhookDelivery, WebhookSubscription


class SubscriptionForm(forms.ModelForm):
    target_url = forms.URLField(max_length=2000, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        choices=EventKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    replay_from = forms.IntegerField(
        required=False,
        min_value=1,
        help_text="Resume and deliver again from this event id on (sets the cursor back).",
    )

    class Meta:
        model = WebhookSubscription
        fields = ["owner", "target_url", "event_types", "topic", "claim", "verdict"]

    def clean(self) -> dict:
        data = super().clean() or {}
        owner, kinds = data.get("owner"), data.get("event_types")
        if owner is not None and kinds:
            hidden = [kind for kind in kinds if kind not in event_kinds_visible_to(owner)]
            if hidden:
                self.add_error(
                    "event_types", f"{owner} may not receive: {', '.join(hidden)} (editors only)."
                )
        return data

    def clean_target_url(self) -> str:
        url = self.cleaned_data["target_url"]
        problem = services.target_url_problem(url)
        if problem:
            raise ValidationError(problem)
        return url


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    fields = ("event", "attempt", "attempted_at", "succeeded", "status_code", "latency_ms", "error")
    readonly_fields = fields
    ordering = ["-attempted_at", "-id"]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = [
        "target_url",
        "owner",
        "status",
        "cursor",
        "consecutive_failures",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status"]
    search_fields = ["target_url", "owner__username"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner", "topic", "claim"]
    readonly_fields = [
        "public_id",
        "status",
        "paused_reason",
        "paused_at",
        "cursor",
        "consecutive_failures",
        "failing_since",
        "next_attempt_at",
        "created_at",
    ]
    inlines = [DeliveryInline]
    actions = ["resume_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[WebhookSubscription]:
        """Editors manage their own subscriptions here as in the API; admins see everyone's."""
        subscriptions = super().get_queryset(request)
        if roles.is_admin(request.user):
            return subscriptions
        return subscriptions.filter(owner=request.user.pk)

    def has_resume_permission(self, request: HttpRequest) -> bool:
        """Who may run "Resume selected": whoever may change subscriptions, and editors, who
        resume their own through the API too (the queryset above holds them to theirs)."""
        return self.has_change_permission(request) or roles.can_record(request.user)

    def get_fields(self, request: HttpRequest, obj: WebhookSubscription | None = None) -> list:
        fields = ["owner", "target_url", "event_types", "topic", "claim", "verdict"]
        return fields if obj is None else [*fields, "replay_from", *self.readonly_fields]

    def get_inlines(self, request: HttpRequest, obj: WebhookSubscription | None) -> list:
        return self.inlines if obj else []

    def save_model(
        self, request: HttpRequest, obj: WebhookSubscription, form: forms.Form, change: bool
    ) -> None:
        data = form.cleaned_data
        if not change:
            issued = services.subscribe(
                owner=data["owner"],
                target_url=data["target_url"],
                event_types=data.get("event_types") or (),
                topic=data.get("topic"),
                claim=data.get("claim"),
                verdict=data.get("verdict") or "",
            )
            obj.pk = issued.subscription.pk
            # Kept on the request only and shown by response_add: a message would carry it in
            # the messages cookie, signed but readable, to the browser and back.
            request._issued_webhook_secret = issued.secret  # type: ignore[attr-defined]
            return
        # Only what the form changed: a full save would write back the cursor and failure
        # state read when the page was opened, undoing deliveries made since.
        changed = [name for name in form.changed_data if name in SubscriptionForm.Meta.fields]
        if changed:
            obj.save(update_fields=changed)
        if data.get("replay_from"):
            services.resume(obj, replay_from=data["replay_from"])
            messages.success(
                request, f"Resumed; delivering again from event #{data['replay_from']}."
            )

    def response_add(
        self,
        request: HttpRequest,
        obj: WebhookSubscription,
        post_url_continue: str | None = None,
    ) -> HttpResponse:
        secret = getattr(request, "_issued_webhook_secret", None)
        if secret is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "subscription": WebhookSubscription.objects.select_related("owner").get(pk=obj.pk),
            "secret": secret,
            "title": "Webhook subscription created",
        }
        response = TemplateResponse(
            request, "admin/webhooks/webhooksubscription/issued.html", context
        )
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Resume selected subscriptions", permissions=["resume"])
    def resume_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        for subscription in queryset:
            services.resume(subscription)
        messages.success(request, f"Resumed {queryset.count()} subscription(s).")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "subscription",
        "event",
        "attempt",
        "attempted_at",
        "succeeded",
        "status_code",
        "latency_ms",
        "error",
    ]
    list_filter = ["succeeded"]
    list_select_related = ["subscription", "event"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[WebhookDelivery]:
        deliveries = super().get_queryset(request)
        if roles.is_admin(request.user):
            return deliveries
        return deliveries.filter(subscription__owner=request.user.pk)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
