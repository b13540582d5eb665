"""A claim's corroboration in the API: its independent origins on each side, with the reports
that repeat them (claims/selectors/corroboration.py says how they are counted)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sources.api import SourceRefSerializer, source_ref
from sources.models import Reliability, Source

from ..models import Claim, Credibility
from ..selectors.corroboration import Corroboration, IndependentOrigin, SideOfClaim
from .serializers import ClaimSerializer


class OriginDocumentSerializer(SourceRefSerializer):
    """An origin document: where a chain of reports ends."""

    publisher = serializers.CharField(allow_null=True, help_text="The publisher's name.")
    reliability = serializers.ChoiceField(choices=Reliability.choices)

    class Meta(SourceRefSerializer.Meta):
        fields = [*SourceRefSerializer.Meta.fields, "publisher", "reliability"]


class IndependentOriginSerializer(serializers.Serializer):
    name = serializers.CharField(
        help_text="Who the origin is: its publisher, or for origins tied together by a report "
        "relying on several, that report's publisher."
    )
    sources = OriginDocumentSerializer(
        many=True,
        help_text="The origin documents (one, unless a report relying on several ties them).",
    )
    reliability = serializers.ChoiceField(
        choices=Reliability.choices, help_text="Best source reliability among the origins (A–F)."
    )
    credibility = serializers.ChoiceField(
        choices=Credibility.choices,
        help_text="Best information credibility among the statements (1–6).",
    )
    grade = serializers.CharField(help_text="Admiralty grade, reliability and credibility: B2.")
    statements = serializers.IntegerField(help_text="Statements leading to this origin.")
    entangled = serializers.BooleanField(
        help_text="The statements' chains meet without all ending in the same origins: they "
        "cannot be counted apart, nor called copies of one another."
    )
    reports = SourceRefSerializer(many=True, help_text="The documents recording them.")


class SideSerializer(serializers.Serializer):
    independent_origins = serializers.IntegerField()
    reports = serializers.IntegerField(help_text="Distinct documents recording the statements.")
    single_origin = serializers.BooleanField(
        help_text="Several reports, all leading to one origin: amplification, not corroboration."
    )
    origins = IndependentOriginSerializer(many=True)


class GrowthSerializer(serializers.Serializer):
    said_at = serializers.DateTimeField(allow_null=True)
    independent_origins = serializers.IntegerField()
    statement = serializers.UUIDField(help_text="The statement that changed the count.")


class CorroborationSerializer(serializers.Serializer):
    supporting = SideSerializer(help_text="Asserts or supports.")
    contesting = SideSerializer(help_text="Disputes, denies or retracts.")
    declining = SideSerializer(help_text="Cannot confirm.")
    growth = GrowthSerializer(
        many=True, help_text="How the supporting count grew, in the order things were said."
    )


class ClaimDetailSerializer(ClaimSerializer):
    corroboration = serializers.SerializerMethodField(
        help_text="Independent origins on each side of the claim: corroboration counts "
        "origins, not copies (ten outlets repeating one briefing are one origin)."
    )

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "corroboration"]

    @extend_schema_field(CorroborationSerializer)
    def get_corroboration(self, claim: Claim) -> dict[str, Any]:
        return corroboration_body(self.context["corroboration"])


_DATETIME = serializers.DateTimeField()


def corroboration_body(corroboration: Corroboration) -> dict[str, Any]:
    body: dict[str, Any] = {side.side: _side(side) for side in corroboration.sides}
    body["growth"] = [
        {
            "said_at": _DATETIME.to_representation(growth.when) if growth.when else None,
            "independent_origins": growth.independent_origins,
            "statement": str(growth.statement.public_id),
        }
        for growth in corroboration.growth
    ]
    return body


def _side(side: SideOfClaim) -> dict[str, Any]:
    return {
        "independent_origins": side.independent_origins,
        "reports": side.reports,
        "single_origin": side.single_origin,
        "origins": [_origin(origin) for origin in side.origins],
    }


def _origin(origin: IndependentOrigin) -> dict[str, Any]:
    return {
        "name": origin.name,
        "sources": [_document(source) for source in origin.sources],
        "reliability": origin.reliability,
        "credibility": origin.credibility,
        "grade": origin.grade,
        "statements": len(origin.statements),
        "entangled": origin.entangled,
        "reports": [source_ref(report) for report in origin.reports],
    }


def _document(source: Source) -> dict[str, Any]:
    return {
        **source_ref(source),
        "publisher": source.publisher.name if source.publisher else None,
        "reliability": source.reliability,
    }
