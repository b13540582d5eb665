"""Serializers of the sources API: documents, what they cite and where their chains end, what
the re-check job saw, and the bodies of citation requests."""

from collections.abc import Sequence
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from actors.api import ActorRefSerializer

from .. import selectors
from ..failures import failure_reason
from ..models import Snapshot, Source


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


class OriginSerializer(serializers.Serializer):
    """A source where a chain of citations ends."""

    id = serializers.UUIDField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)
    health = serializers.CharField(read_only=True)
    circular = serializers.BooleanField(
        read_only=True,
        help_text=(
            "The origin is a ring of sources citing each other (circular reporting), named by "
            "its first source."
        ),
    )


def origin_refs(origins: Sequence[selectors.Origin]) -> list[dict[str, Any]]:
    return [{**source_ref(origin.source), "circular": origin.circular} for origin in origins]


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
    "origins": [
        {
            "id": "7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d",
            "title": "NIS briefing to South Korean lawmakers on North Korean troops",
            "url": "",
            "health": "unchecked",
            "circular": False,
        }
    ],
    "health_reason": "",
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
    origins = serializers.SerializerMethodField(
        help_text=(
            "The sources this one's chain of citations ends in, near or far (the NIS briefing "
            "behind the agency wire); a source citing nothing is its own origin."
        )
    )
    health_reason = serializers.SerializerMethodField(
        help_text=(
            'Why the latest check could not read the source, in plain words ("DNS name not '
            'found", "HTTP 404", "refused: private address", "timed out"); empty when it read '
            "the page or none ran yet."
        )
    )

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
            "origins",
            "health_reason",
            "recorded_at",
        ]

    @extend_schema_field(OriginSerializer(many=True))
    def get_origins(self, source: Source) -> list[dict[str, Any]]:
        # SourceViewSet.get_serializer reads the origins of a whole page in two queries.
        origins = self.context.get("origins")
        if origins is None:
            origins = selectors.origins_of_sources([source])
        return origin_refs(origins.get(source.pk, []))

    @extend_schema_field(OpenApiTypes.STR)
    def get_health_reason(self, source: Source) -> str:
        if hasattr(source, "last_check_error"):  # read with the source (selectors.source_list)
            status_code = getattr(source, "last_check_status", None)
            error = getattr(source, "last_check_error", None) or ""
        else:  # a source read on its own (a webhook's body)
            latest = selectors.source_snapshots(source).only("status_code", "error").first()
            status_code, error = (latest.status_code, latest.error) if latest else (None, "")
        return failure_reason(health=source.health, status_code=status_code, error=error)

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


class NewCitationSerializer(serializers.Serializer):
    cited = serializers.UUIDField(help_text="The id of the source relied on.")
    note = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text='How it relies on it, e.g. "citing lawmakers briefed by the NIS".',
    )


class RecordedCitationSerializer(serializers.Serializer):
    citing = SourceRefSerializer(read_only=True, help_text="The source that relies on the other.")
    cited = SourceRefSerializer(read_only=True, help_text="The source relied on.")
    note = serializers.CharField(read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True)
    origins = OriginSerializer(
        many=True, read_only=True, help_text="The citing source's origins after the change."
    )
