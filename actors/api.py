"""Actors in the API: who makes statements, the names they go by, where they work."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from api.views import ApiViewMixin, FilterBackend

from . import selectors
from .filters import ActorFilter
from .models import Actor, Affiliation, Alias


class ActorRefSerializer(serializers.ModelSerializer):
    """An actor named inside another resource."""

    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Actor
        fields = ["id", "name", "kind", "country"]


def actor_ref(actor: Actor) -> dict[str, Any]:
    """ActorRefSerializer's representation, built directly for long lists (timelines)."""
    return {
        "id": str(actor.public_id),
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
    }


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Alias
        fields = ["name", "language"]


class AffiliationSerializer(serializers.ModelSerializer):
    organisation = ActorRefSerializer(read_only=True)

    class Meta:
        model = Affiliation
        fields = ["organisation", "role", "start_date", "end_date"]


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Robert Wood",
            value={
                "id": "0f6b9c2e-3d4a-4e5f-8a9b-1c2d3e4f5a6b",
                "name": "Robert Wood",
                "kind": "person",
                "country": "US",
                "description": "Deputy US ambassador to the United Nations",
                "wikidata_qid": "",
                "aliases": [],
                "affiliations": [
                    {
                        "organisation": {
                            "id": "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
                            "name": "US Department of State",
                            "kind": "government_body",
                            "country": "US",
                        },
                        "role": "Deputy US ambassador to the United Nations",
                        "start_date": None,
                        "end_date": None,
                    }
                ],
                "recorded_at": "2024-10-22T12:00:00Z",
            },
            response_only=True,
        )
    ]
)
class ActorSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    aliases = AliasSerializer(many=True, read_only=True)
    affiliations = AffiliationSerializer(many=True, read_only=True)

    class Meta:
        model = Actor
        fields = [
            "id",
            "name",
            "kind",
            "country",
            "description",
            "wikidata_qid",
            "aliases",
            "affiliations",
            "recorded_at",
        ]


@extend_schema(tags=["actors"])
class ActorViewSet(ApiViewMixin[Actor], viewsets.ReadOnlyModelViewSet):
    """People, governments, agencies and media that make statements.

    Each actor comes with its aliases (other spellings and languages: Selenskyj, Zelenskyy) and
    affiliations (Robert Wood, deputy US ambassador to the UN). Their statements are at
    /api/v1/actors/{id}/statements/.
    """

    serializer_class = ActorSerializer
    filter_backends = [FilterBackend]
    filterset_class = ActorFilter
    ordering_fields = ("name", "recorded_at")
    modified_fields = ("recorded_at",)

    def get_queryset(self) -> QuerySet[Actor]:
        return selectors.actor_list()

    @extend_schema(summary="List actors", description="Actors, filtered and searched by name.")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="Get an actor", description="One actor with aliases and affiliations.")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)
