"""Sources in the API: documents, what they cite, what the re-check job saw, and their health;
editors record and remove citations."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.problems import ProblemException
from api.views import ApiViewMixin, FilterBackend, lookup, parse_public_id
from common import roles

from .. import selectors, services
from ..filters import SnapshotFilter, SourceFilter
from ..models import Citation, Snapshot, Source
from .serializers import (
    NewCitationSerializer,
    RecheckQueuedSerializer,
    RecordedCitationSerializer,
    SnapshotSerializer,
    SourceSerializer,
    origin_refs,
)


class MayRecheck(BasePermission):
    """Re-checking fetches from the outside world on the newsroom's behalf: editors only."""

    message = "Only editors and admins may ask for a re-check."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.user.has_perm("sources.change_source")


class MayRecord(BasePermission):
    """Citations are the newsroom's record: editors only (the service checks again)."""

    message = "Only editors and admins may record citations."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return roles.can_record(request.user)


class NothingToRecheck(ProblemException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "no_url"
    problem_slug = "no-url"
    default_detail = "This source has no URL, so there is nothing to re-check."


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
        return selectors.source_list()

    def get_permissions(self) -> list[BasePermission]:
        permissions = super().get_permissions()
        if self.action == "recheck":
            permissions.append(MayRecheck())
        if self.action in ("cite", "uncite"):
            permissions.append(MayRecord())
        return permissions

    def get_serializer(self, *args: Any, **kwargs: Any) -> serializers.BaseSerializer:
        # The origins of every source shown, in two queries for the whole page.
        if args and self.action in ("list", "retrieve"):
            shown = list(args[0]) if kwargs.get("many") else [args[0]]
            kwargs["context"] = {
                **self.get_serializer_context(),
                "origins": selectors.origins_of_sources(shown),
            }
        return super().get_serializer(*args, **kwargs)

    @extend_schema(summary="List sources", description="Sources, filtered and searched.")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Get a source",
        description=(
            "One source with its citations in both directions, the origins its chain of "
            "citations ends in, and its health with the reason its latest check failed."
        ),
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
        summary="Record a citation",
        description=(
            "Record that this source relies on another (`cited`): the AFP/dpa report citing "
            "the NIS briefing. The origins of this source and of every source whose chain "
            "passes through it are traced anew; a citation that closes a ring (circular "
            "reporting) is recorded and flags the claims concerned for review. A source cannot "
            "cite itself or cite the same source twice. Needs a write token or a session, and "
            "the editor role."
        ),
        request=NewCitationSerializer,
        responses={
            201: OpenApiResponse(
                RecordedCitationSerializer,
                description="Recorded; Location is the citation's address (DELETE removes it).",
            ),
            400: OpenApiResponse(
                description="`cited` names no source, this source itself, or one it cites."
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="citations")
    def cite(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        citing = self._source_to_change()
        payload = NewCitationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        cited_id = payload.validated_data["cited"]
        cited = Source.objects.defer("text").filter(public_id=cited_id).first()
        if cited is None:
            raise serializers.ValidationError({"cited": [f"No source has the id {cited_id}."]})
        citation = services.cite_source(
            citing=citing,
            cited=cited,
            note=payload.validated_data["note"],
            editor=roles.signed_in(request.user),
        )
        body = {
            "citing": citing,
            "cited": cited,
            "note": citation.note,
            "recorded_at": citation.recorded_at,
            "origins": origin_refs(selectors.origins_of_sources([citing]).get(citing.pk, [])),
        }
        location = reverse(
            "v1:source-uncite", kwargs={"id": citing.public_id, "cited": cited.public_id}
        )
        return Response(
            RecordedCitationSerializer(body).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(location)},
        )

    @extend_schema(
        summary="Remove a citation",
        description=(
            "Remove this source's citation of another (kept in the citation's history); the "
            "origins that went through it are traced anew. Needs a write token or a session, "
            "and the editor role."
        ),
        parameters=[
            OpenApiParameter(
                "cited",
                OpenApiTypes.UUID,
                OpenApiParameter.PATH,
                description="The id of the source this one cites.",
            )
        ],
        request=None,
        responses={
            204: OpenApiResponse(description="Removed."),
            404: OpenApiResponse(description="This source does not cite that one."),
        },
    )
    @action(detail=True, methods=["delete"], url_path=r"citations/(?P<cited>[^/]+)")
    def uncite(self, request: Request, *args: Any, cited: str, **kwargs: Any) -> Response:
        citing = self._source_to_change()
        cited_id = parse_public_id(cited, Source)
        citation = Citation.objects.filter(citing=citing, cited__public_id=cited_id).first()
        if citation is None:
            raise NotFound(f"The source {citing.public_id} does not cite the source {cited_id}.")
        services.remove_citation(citation, editor=roles.signed_in(request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _source_to_change(self) -> Source:
        source = lookup(Source.objects.defer("text"), self.kwargs["id"])
        self.check_object_permissions(self.request, source)
        return source


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
