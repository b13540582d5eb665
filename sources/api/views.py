"""Sources in the API: documents, what they cite, what the re-check job saw, and their health."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import generics, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from actors.api import ActorRefSerializer
from api.problems import ProblemException
from api.views import ApiViewMixin, FilterBackend, lookup

from . import services
from .filters import SnapshotFilter, SourceFilter
from .models import Citation, Snapshot, Source


class SourceRefSerializer(serializers.ModelSerializer):
    """A source named inside another resource."""

    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Source
        fields = ["id", "title", "url", "health"]


def source_ref(source: Source) -> dict[str, Any]:
    """SourceRefSerializer's representation, built directly for long lists (timelines)."""
    return {
        "id": str(source.public_id),
        "title": source.title,
        "url": source.url,
        "health": source.health,
    }


class CitationSerializer(serializers.Serializer):
    source = SourceRefSerializer(read_only=True)  # type: ignore[assignment]  # a field, not Field.source
    note = serializers.CharField(read_only=True)


SOURCE_EXAMPLE = {
    "id": "6f1f3c9a-2b7e-4c1d-9e8f-0a1b2c3d4e5f",
    "title": "AFP/dpa: US reacts to reported North Korean troop deployment to Russia",
    "url": "",
    "publisher": {
        "id": "2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d",
        "name": "AFP",
        "kind": "news_agency",
        "country": "FR",
    },
    "published_at": "2024-10-22T12:00:00Z",
    "language": "de",
    "kind": "agency_wire",
    "reliability": "B",
    "health": "unchecked",
    "health_changed_at": None,
    "last_checked_at": None,
    "next_check_at": None,
    "cites": [
        {
            "source": {
                "id": "7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d",
                "title": "NIS briefing to South Korean lawmakers on North Korean troops",
                "url": "",
                "health": "unchecked",
            },
            "note": "",
        }
    ],
    "cited_by": [],
    "recorded_at": "2024-10-22T12:00:00Z",
}


@extend_schema_serializer(
    examples=[OpenApiExample("Agency report", value=SOURCE_EXAMPLE, response_only=True)]
)
class SourceSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    publisher = ActorRefSerializer(read_only=True, allow_null=True)
    cites = serializers.SerializerMethodField(
        help_text="Sources this one relies on (the AFP/dpa report cites the NIS briefing)."
    )
    cited_by = serializers.SerializerMethodField(help_text="Sources that rely on this one.")

    class Meta:
        model = Source
        fields = [
            "id",
            "title",
            "url",
            "publisher",
            "published_at",
            "language",
            "kind",
            "reliability",
            "health",
            "health_changed_at",
            "last_checked_at",
            "next_check_at",
            "cites",
            "cited_by",
            "recorded_at",
        ]

    @extend_schema_field(CitationSerializer(many=True))
    def get_cites(self, source: Source) -> list[dict]:
        return [
            {"source": SourceRefSerializer(c.cited).data, "note": c.note}
            for c in source.citations.all()
        ]

    @extend_schema_field(CitationSerializer(many=True))
    def get_cited_by(self, source: Source) -> list[dict]:
        return [
            {"source": SourceRefSerializer(c.citing).data, "note": c.note}
            for c in source.cited_by.all()
        ]


class SnapshotSerializer(serializers.ModelSerializer):
    """One fetch of the source's URL. The fetched text itself is not served."""

    class Meta:
        model = Snapshot
        fields = [
            "fetched_at",
            "final_url",
            "redirect_chain",
            "status_code",
            "etag",
            "last_modified",
            "byte_count",
            "content_hash",
            "changed",
            "health",
            "error",
        ]


class RecheckQueuedSerializer(serializers.Serializer):
    source = serializers.UUIDField(help_text="The source to be re-checked.")  # type: ignore[assignment]  # a field, not Field.source
    status = serializers.ChoiceField(choices=["queued"])
    detail = serializers.CharField()


class MayRecheck(BasePermission):
    """Re-checking fetches from the outside world on the newsroom's behalf: editors only."""

    message = "Only editors and admins may ask for a re-check."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.user.has_perm("sources.change_source")


class NothingToRecheck(ProblemException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "no_url"
    problem_slug = "no-url"
    default_detail = "This source has no URL, so there is nothing to re-check."


def source_list() -> QuerySet[Source]:
    # TODO(recheck owner): move into sources/selectors.py as `source_list` when convenient.
    return (
        Source.objects.select_related("publisher")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("cited").order_by("id")),
            Prefetch("cited_by", queryset=Citation.objects.select_related("citing").order_by("id")),
        )
        .defer("text", "citations__cited__text", "cited_by__citing__text")
    )


@extend_schema(tags=["sources"])
class SourceViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Documents that record statements, with what they cite and their health.

    Health comes from the re-check job: `ok`, `changed` (text changed since the last check),
    `gone` (404/410), `unreachable`, `blocked` (refused by the fetch guard) or `unchecked`.
    """

    serializer_class = SourceSerializer
    filter_backends = [FilterBackend]
    filterset_class = SourceFilter
    ordering_fields = ("published_at", "title", "recorded_at", "health_changed_at")
    default_ordering = "-published_at"
    modified_fields = ("recorded_at", "health_changed_at", "last_checked_at")

    def get_queryset(self) -> QuerySet[Source]:
        return source_list()

    def get_permissions(self) -> list[BasePermission]:
        permissions = super().get_permissions()
        if self.action == "recheck":
            permissions.append(MayRecheck())
        return permissions

    @extend_schema(summary="List sources", description="Sources, filtered and searched.")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Get a source", description="One source with its citations in both directions."
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Re-check a source now",
        description=(
            "Queue a re-check of the source's URL. The check runs in the background; its "
            "outcome appears as a new snapshot, a health change in the source and, if the "
            "health changed, a `source.health_changed` entry in the changes feed. Needs a "
            "write token or a session, and the editor role."
        ),
        request=None,
        responses={
            202: RecheckQueuedSerializer,
            409: OpenApiResponse(description="The source has no URL."),
        },
    )
    @action(detail=True, methods=["post"])
    def recheck(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        source = self.get_object()
        if not source.url:
            raise NothingToRecheck()
        services.request_rechecks([source])
        return Response(
            {
                "source": source.public_id,
                "status": "queued",
                "detail": "The re-check is queued; follow the snapshots or the changes feed.",
            },
            status=status.HTTP_202_ACCEPTED,
        )


@extend_schema(
    tags=["sources"],
    summary="List a source's snapshots",
    description="Every fetch of the source's URL by the re-check job, newest first.",
    parameters=[
        OpenApiParameter(
            "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The source's id."
        )
    ],
    responses={
        200: SnapshotSerializer(many=True),
        304: OpenApiResponse(description="Not modified: your copy is current."),
    },
)
class SourceSnapshotsView(ApiViewMixin, generics.ListAPIView):
    serializer_class = SnapshotSerializer
    filter_backends = [FilterBackend]
    filterset_class = SnapshotFilter
    ordering_fields = ("fetched_at",)
    default_ordering = "-fetched_at"
    modified_fields = ("recorded_at",)

    def get_queryset(self) -> QuerySet[Snapshot]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular inspecting the view
            return Snapshot.objects.none()
        source = lookup(Source.objects.only("pk"), self.kwargs["id"])
        return Snapshot.objects.filter(source=source).defer("text", "diff")
