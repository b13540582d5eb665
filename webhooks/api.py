"""Webhook subscriptions in API v1: /api/v1/webhooks/ and /api/v1/webhooks/{id}/deliveries/.

Managing webhooks needs a write-scoped token (or a session) of an editor; each client sees the
subscriptions of its own user only. The signing secret is in the create response and nowhere
else.
"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import request_token
from api.views import ApiViewMixin, lookup
from claims.api.serializers import ClaimIdField, PublicIdField
from claims.models import EventKind, Topic, Verdict
from common import roles

from . import services
from .models import WebhookDelivery, WebhookSubscription

# --- Serializers -------------------------------------------------------------------------------


@extend_schema_field({"type": "string", "format": "uuid"})
class TopicIdField(PublicIdField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Topic, **kwargs)


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EventKind.choices), read_only=True
    )
    topic = TopicIdField(read_only=True, allow_null=True)
    claim = ClaimIdField(read_only=True, allow_null=True)
    # Stored blank when any verdict will do; a read-only model field would drop allow_blank and
    # the schema would promise a verdict that is never empty.
    verdict = serializers.ChoiceField(
        choices=Verdict.choices,
        allow_blank=True,
        read_only=True,
        help_text="Only verdict changes to this verdict, and events of claims with it; "
        "empty: any verdict.",
    )
    last_delivered_event_id = serializers.IntegerField(
        source="cursor",
        read_only=True,
        help_text="Delivery resumes after this event id (0: from the first event).",
    )
    # A plain string: an enum named "status" would collide with the other status enums.
    status = serializers.CharField(
        read_only=True,
        help_text="`active`, or `paused` after repeated failures until resumed.",
    )

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "target_url",
            "event_types",
            "topic",
            "claim",
            "verdict",
            "status",
            "paused_reason",
            "paused_at",
            "last_delivered_event_id",
            "consecutive_failures",
            "next_attempt_at",
            "created_at",
        ]
        read_only_fields = fields


class WebhookCreatedSerializer(WebhookSubscriptionSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Verifies the X-ClaimTrack-Signature of deliveries. Shown only now: store it.",
    )

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = fields


# What the fetch guard (sources/fetching.py) takes, in the words of a schema: http(s) to an
# IPv4 address or a host name (whose last label is not a number), on port 80 or 443 (a
# deployment may allow others with CLAIMTRACK_FETCH_ALLOW), without credentials. Whether the
# address, or the one the name resolves to, is public is the guard's to say.
IPV4_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
TARGET_URL_SYNTAX = (
    rf"^[Hh][Tt][Tt][Pp][Ss]?://(({IPV4_OCTET}\.){{3}}{IPV4_OCTET}|([A-Za-z0-9-]{{1,63}}\.)*"
    r"[A-Za-z][A-Za-z0-9-]{0,62}\.?)(:(80|443))?([/?#][^\s\u0000]*)?$"
)


@extend_schema_field({"type": "string", "format": "uri", "pattern": TARGET_URL_SYNTAX})
class TargetUrlField(serializers.CharField):
    """A webhook's target. Not a URLField: the fetch guard (services.subscribe) decides where
    webhooks may go, and a host name is usable when DNS resolves it to public addresses, not
    when it passes URLValidator's guesses (which refuse a one-letter top-level domain, say)."""


class WebhookCreateSerializer(serializers.Serializer):
    target_url = TargetUrlField(
        max_length=2000, help_text="Where to POST events: http(s) on a public address."
    )
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EventKind.choices),
        required=False,
        allow_empty=False,
        min_length=1,  # the same rule, as minItems in the schema
        help_text="The kinds of events to deliver (default: all).",
    )
    topic = TopicIdField(required=False, allow_null=True, help_text="Only claims of this topic.")
    claim = ClaimIdField(required=False, allow_null=True, help_text="Only this claim.")
    verdict = serializers.ChoiceField(
        choices=Verdict.choices,
        required=False,
        help_text="Only verdict changes to this verdict, and events of claims with it.",
    )


class ResumeSerializer(serializers.Serializer):
    replay_from = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="Deliver again from this event id on (sets the cursor back).",
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    event_id = serializers.IntegerField(read_only=True, help_text="The ChangeEvent id.")
    event_type = serializers.CharField(source="event.kind", read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_id",
            "event_type",
            "attempt",
            "attempted_at",
            "succeeded",
            "status_code",
            "latency_ms",
            "error",
            "next_attempt_at",
        ]
        read_only_fields = fields


# --- Views -------------------------------------------------------------------------------------


class ManagesWebhooks(BasePermission):
    message = "Webhooks are managed with a write-scoped token of an editor."

    def has_permission(self, request: Request, view: APIView) -> bool:
        token = request_token(request)
        if token is not None and not token.can_write:
            return False
        return request.user.is_authenticated and roles.can_record(request.user)


def subscriptions_of(request: Request) -> QuerySet[WebhookSubscription]:
    return WebhookSubscription.objects.filter(owner=roles.signed_in(request.user)).select_related(
        "topic", "claim"
    )


@extend_schema(tags=["webhooks"])
@extend_schema_view(
    list=extend_schema(
        summary="List webhook subscriptions",
        description="Your client's webhook subscriptions (never their secrets).",
    ),
    retrieve=extend_schema(
        summary="Get a webhook subscription",
        description="One subscription with its delivery state: status, cursor and failures.",
    ),
    destroy=extend_schema(
        summary="Delete a webhook subscription",
        description="Stop deliveries for good; the delivery log goes with it.",
    ),
)
class WebhookSubscriptionViewSet(
    ApiViewMixin[WebhookSubscription],
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Signed webhooks: change events POSTed to your server as they are committed."""

    serializer_class = WebhookSubscriptionSerializer
    filter_backends: list = []
    ordering_fields = ("created_at",)
    modified_fields = ()

    def get_queryset(self) -> QuerySet[WebhookSubscription]:
        if getattr(self, "swagger_fake_view", False):
            return WebhookSubscription.objects.none()
        return subscriptions_of(self.request)

    def get_permissions(self) -> list[BasePermission]:
        return [*super().get_permissions(), ManagesWebhooks()]

    @extend_schema(
        summary="Subscribe to change events",
        description=(
            "Deliver events committed from now on to `target_url` as signed JSON POSTs. The "
            "URL must be http(s) on a public address (a private one is a 400 on `target_url`). "
            "The response carries the signing `secret`, the only time it is shown."
        ),
        request=WebhookCreateSerializer,
        responses={201: WebhookCreatedSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = WebhookCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        issued = services.subscribe(owner=roles.signed_in(request.user), **body.validated_data)
        data = WebhookCreatedSerializer(issued.subscription).data
        data["secret"] = issued.secret
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: WebhookSubscription) -> None:
        services.unsubscribe(instance)

    @extend_schema(
        summary="Resume a webhook subscription",
        description=(
            "Reactivate a paused subscription and clear its failures. With `replay_from`, "
            "deliver again from that event id on."
        ),
        request=ResumeSerializer,
        responses={200: WebhookSubscriptionSerializer},
    )
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        subscription = self.get_object()
        body = ResumeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        subscription = services.resume(
            subscription, replay_from=body.validated_data.get("replay_from")
        )
        return Response(self.get_serializer(subscription).data)


@extend_schema(
    tags=["webhooks"],
    summary="A webhook subscription's delivery log",
    description="Every delivery attempt, newest first: status code, latency and error.",
    parameters=[
        OpenApiParameter(
            "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The subscription's id."
        )
    ],
    responses={
        200: WebhookDeliverySerializer(many=True),
        304: OpenApiResponse(description="Not modified: your copy is current."),
    },
)
class WebhookDeliveriesView(ApiViewMixin[WebhookDelivery], generics.ListAPIView):
    serializer_class = WebhookDeliverySerializer
    filter_backends: list = []
    ordering_fields = ("attempted_at",)
    default_ordering = "-attempted_at"
    modified_fields = ("attempted_at",)

    def get_permissions(self) -> list[BasePermission]:
        return [*super().get_permissions(), ManagesWebhooks()]

    def get_queryset(self) -> QuerySet[WebhookDelivery]:
        if getattr(self, "swagger_fake_view", False):
            return WebhookDelivery.objects.none()
        subscription = lookup(subscriptions_of(self.request), self.kwargs["id"])
        return WebhookDelivery.objects.filter(subscription=subscription).select_related("event")
