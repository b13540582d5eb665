"""A claim's review flags, and flags an editor raises by hand: /api/v1/claims/{id}/flags/."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from api.permissions import Authenticated
from api.views import ApiViewMixin, FilterBackend, lookup
from common import roles

from .. import selectors, services
from ..filters import ReviewFlagFilter
from ..models import Claim, ReviewFlag
from .serializers import RaiseFlagSerializer, ReviewFlagSerializer
from .views import CONDITIONAL_GET, ID_PARAMETER, CanResolveFlags


@extend_schema(tags=["review flags"], parameters=[ID_PARAMETER])
class ClaimFlagsView(ApiViewMixin, generics.ListAPIView):
    """The flags of one claim, open and resolved; POST raises one by hand."""

    serializer_class = ReviewFlagSerializer
    filter_backends = [FilterBackend]
    filterset_class = ReviewFlagFilter
    ordering_fields = ("opened_at", "resolved_at")
    modified_fields = ("opened_at", "resolved_at")

    def get_permissions(self) -> list[BasePermission]:
        return [*super().get_permissions(), Authenticated(), CanResolveFlags()]

    def claim(self) -> Claim:
        return lookup(Claim.objects.all(), self.kwargs["id"])

    def get_queryset(self) -> QuerySet[ReviewFlag]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular inspecting the view
            return ReviewFlag.objects.none()
        return selectors.review_flag_list().filter(claim=self.claim())

    @extend_schema(
        summary="A claim's review flags",
        description="Every flag of the claim, open and resolved (with who resolved it, when "
        "and the note); the review-flag filters apply. Editors only.",
        responses={200: ReviewFlagSerializer(many=True), **CONDITIONAL_GET},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Raise a review flag by hand",
        description=(
            "Put the claim in the review queue with a note saying what needs another look "
            "(reason `raised_by_editor`, the note as its detail, the editor as `opened_by`). "
            "Editors only, with a session or a write-scoped token. Logged as `flag.opened` in "
            "the changes feed and to webhooks, like the workflow's flags. A blank note: 400."
        ),
        request=RaiseFlagSerializer,
        responses={201: ReviewFlagSerializer},
        examples=[
            OpenApiExample(
                "Ask for a second look",
                value={"note": "The NIS figure contradicts yesterday's Pentagon briefing."},
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.claim()
        body = RaiseFlagSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        flag = services.raise_flag(
            claim, editor=roles.signed_in(request.user), note=body.validated_data["note"]
        )
        shown = selectors.review_flag_list().get(pk=flag.pk)
        return Response(self.get_serializer(shown).data, status=status.HTTP_201_CREATED)
