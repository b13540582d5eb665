"""Serializers of the claims API: they shape output and validate input; services write."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from actors.api import ActorRefSerializer, actor_ref
from actors.models import Actor
from sources.api import SourceRefSerializer, source_ref
from sources.models import Health, Source

from ..estimates import ProjectionOutcomeKind
from ..models import (
    ChangeEvent,
    Claim,
    Credibility,
    EventKind,
    QuantityQualifier,
    RelationKind,
    ReviewFlag,
    Stance,
    Statement,
    Topic,
    Verdict,
    VerdictChange,
)
from ..selectors import QuantityPoint, QuantitySeries, RelatedClaim, TimelineEntry
from ..selectors.compare import ChangeKind
from ..selectors.corroboration import SupportSummary
from .estimates import EstimateOutSerializer, EstimateSerializer, estimate_input, estimate_of

C0 = "3f2a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b"
TOPIC = "8e7d6c5b-4a39-4281-9706-f5e4d3c2b1a0"
NIS = "5d4c3b2a-1908-4f7e-8d6c-5b4a39281706"
S2 = "9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d"
FOUR_PLACES = Decimal("0.0001")


class TopicRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Topic
        fields = ["id", "slug", "title"]


class ClaimRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "text", "verdict"]


class TopicSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Topic
        fields = ["id", "slug", "title", "description", "claim_count", "recorded_at"]


class QuantitySerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=20, decimal_places=4, coerce_to_string=False)
    upper_bound = serializers.DecimalField(
        max_digits=20, decimal_places=4, coerce_to_string=False, allow_null=True
    )
    unit = serializers.CharField()
    qualifier = serializers.ChoiceField(choices=QuantityQualifier.choices)
    is_projection = serializers.BooleanField()


def quantity_of(claim: Claim) -> dict[str, Any] | None:
    """QuantitySerializer's representation of the claim's quantity, or None."""
    quantity = claim.quantity
    if quantity is None:
        return None
    return {
        "value": _four_places(quantity.value),
        "upper_bound": _four_places(quantity.upper_bound),
        "unit": quantity.unit,
        "qualifier": quantity.qualifier,
        "is_projection": quantity.is_projection,
    }


CLAIM_EXAMPLE = {
    "id": C0,
    "text": "North Korea has moved 1,500 soldiers to Russia",
    "original_text": "Nordkorea hat 1500 Soldaten nach Russland verlegt",
    "original_language": "de",
    "topic": {"id": TOPIC, "slug": "dprk-troops-in-russia", "title": "DPRK troops in Russia"},
    "claimant": {
        "id": NIS,
        "name": "National Intelligence Service",
        "kind": "intelligence_service",
        "country": "KR",
    },
    "first_asserted_on": "2024-10-18",
    "first_asserted_precision": "day",
    "quantity": {
        "value": 1500,
        "upper_bound": None,
        "unit": "soldiers",
        "qualifier": "exact",
        "is_projection": False,
    },
    "verdict": "partly_confirmed",
    "version": 2,
    "independent_origins": 1,
    "supporting_reports": 4,
    "recorded_at": "2024-10-18T12:00:00Z",
    "updated_at": "2024-10-23T12:00:00Z",
}


@extend_schema_serializer(
    examples=[OpenApiExample("C1: 1,500 soldiers", value=CLAIM_EXAMPLE, response_only=True)]
)
class ClaimSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    topic = TopicRefSerializer(read_only=True)
    claimant = ActorRefSerializer(read_only=True, allow_null=True)
    quantity = serializers.SerializerMethodField(
        help_text="The number the claim states, if any (1,500 soldiers, exact)."
    )
    version = serializers.IntegerField(
        read_only=True,
        help_text="Bumped by every verdict change; the claim's ETag names it.",
    )
    independent_origins = serializers.IntegerField(
        read_only=True,
        help_text="Independent origins of the statements supporting the claim: reports "
        "repeating one origin count once.",
    )
    supporting_reports = serializers.IntegerField(
        read_only=True, help_text="Documents recording a statement that supports the claim."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
            "original_text",
            "original_language",
            "topic",
            "claimant",
            "first_asserted_on",
            "first_asserted_precision",
            "quantity",
            "verdict",
            "version",
            "independent_origins",
            "supporting_reports",
            "recorded_at",
            "updated_at",
        ]

    @extend_schema_field(QuantitySerializer(allow_null=True))
    def get_quantity(self, claim: Claim) -> dict[str, Any] | None:
        return quantity_of(claim)


STATEMENT_EXAMPLE = {
    "id": "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901",
    "claim": {
        "id": C0,
        "text": "North Korea has moved 1,500 soldiers to Russia",
        "verdict": "partly_confirmed",
    },
    "actor": CLAIM_EXAMPLE["claimant"],
    "source": {
        "id": S2,
        "title": "NIS briefing to South Korean lawmakers on North Korean troops",
        "url": "",
        "health": "unchecked",
    },
    "stance": "asserts",
    "quote": "1,500 soldiers have been moved to Russia, are training in the east, and up to "
    "about 12,000 could be sent in total",
    "quote_language": "en",
    "translation": "",
    "said_at": "2024-10-18T12:00:00Z",
    "venue": "",
    "credibility": 2,
    "recorded_at": "2024-10-18T12:00:00Z",
}


@extend_schema_serializer(
    examples=[OpenApiExample("The NIS asserts C1", value=STATEMENT_EXAMPLE, response_only=True)]
)
class StatementSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    claim = ClaimRefSerializer(read_only=True)
    actor = ActorRefSerializer(read_only=True)
    source = SourceRefSerializer(read_only=True)  # type: ignore[assignment]  # a field, not Field.source
    estimate = serializers.SerializerMethodField(
        help_text="The figure the actor gives, if any (observed or projected, with the moment "
        "it refers to and the measure it counts)."
    )

    class Meta:
        model = Statement
        fields = [
            "id",
            "claim",
            "actor",
            "source",
            "stance",
            "quote",
            "quote_language",
            "translation",
            "said_at",
            "venue",
            "credibility",
            "estimate",
            "recorded_at",
        ]

    @extend_schema_field(EstimateOutSerializer(allow_null=True))
    def get_estimate(self, statement: Statement) -> dict[str, Any] | None:
        return estimate_of(statement)


class TextField(serializers.CharField):
    """Text that must arrive as a JSON string: 12 or true is a client's bug, not a rationale."""

    default_error_messages = {"not_a_string": "Give text (a JSON string)."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class PublicIdField(serializers.Field):
    """A related resource named by its id (UUID); unknown ids are field errors."""

    default_error_messages = {
        "does_not_exist": "No {model} has the id {value}.",
        "invalid": "Give the id (a UUID) of the {model}.",
    }

    def __init__(self, model: type[Model], **kwargs: Any) -> None:
        self.model = model
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Model:
        name = self.model._meta.verbose_name
        if not isinstance(data, str):
            self.fail("invalid", model=name)
        try:
            public_id = uuid.UUID(data)
        except ValueError:
            self.fail("invalid", model=name)
        obj = self.model._default_manager.filter(public_id=public_id).first()
        if obj is None:
            self.fail("does_not_exist", model=name, value=public_id)
        return obj

    def to_representation(self, value: Model) -> str:
        return str(value.public_id)  # type: ignore[attr-defined]  # every model named so has one


@extend_schema_field({"type": "string", "format": "uuid"})
class ClaimIdField(PublicIdField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Claim, **kwargs)


@extend_schema_field({"type": "string", "format": "uuid"})
class ActorIdField(PublicIdField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Actor, **kwargs)


@extend_schema_field({"type": "string", "format": "uuid"})
class SourceIdField(PublicIdField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Source, **kwargs)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "NATO cannot confirm",
            value={
                "claim": C0,
                "actor": NIS,
                "source": S2,
                "stance": "cannot_confirm",
                "quote": "NATO has not confirmed the reports.",
                "quote_language": "en",
                "said_at": "2024-10-21T12:00:00Z",
                "credibility": 6,
            },
            request_only=True,
        )
    ]
)
class StatementCreateSerializer(serializers.Serializer):
    """A new statement; recorded through claims.services.record_statement."""

    claim = ClaimIdField(help_text="The claim the actor takes a position on.")
    actor = ActorIdField(help_text="Who said it.")
    source = SourceIdField(help_text="Where it is recorded.")  # type: ignore[assignment]  # a field, not Field.source
    stance = serializers.ChoiceField(choices=Stance.choices)
    quote = TextField(
        required=False, allow_blank=True, default="", help_text="In the source's language."
    )
    quote_language = TextField(required=False, allow_blank=True, default="", max_length=8)
    translation = TextField(required=False, allow_blank=True, default="")
    said_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    venue = TextField(required=False, allow_blank=True, default="", max_length=200)
    credibility = serializers.ChoiceField(
        choices=Credibility.choices, required=False, default=Credibility.CANNOT_BE_JUDGED
    )
    estimate = EstimateSerializer(
        required=False,
        allow_null=True,
        default=None,
        help_text="The figure the actor gives, if any.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        estimate, errors = estimate_input(attrs["estimate"], claim=attrs["claim"])
        if errors:
            raise serializers.ValidationError({"estimate": errors})
        return {**attrs, "estimate": estimate}


class VerdictChangeSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    decided_by = serializers.CharField(source="editor.get_username", read_only=True)
    evidence = serializers.SerializerMethodField(help_text="Ids of the sources relied on.")

    class Meta:
        model = VerdictChange
        fields = [
            "id",
            "from_verdict",
            "to_verdict",
            "version",
            "rationale",
            "evidence",
            "decided_by",
            "decided_at",
            "recorded_at",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uuid"}})
    def get_evidence(self, change: VerdictChange) -> list[str]:
        return [str(source.public_id) for source in change.evidence.all()]


VERDICT_EXAMPLE = {
    "claim": C0,
    "verdict": "confirmed",
    "version": 3,
    "etag": f'"claim-{C0}-v3"',
    "history": [
        {
            "id": "0a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f",
            "from_verdict": "unverified",
            "to_verdict": "disputed",
            "version": 2,
            "rationale": "Asserted by the NIS, denied by the DPRK; neither the US nor NATO can "
            "confirm.",
            "evidence": [],
            "decided_by": "editor",
            "decided_at": "2024-10-21T12:00:00Z",
            "recorded_at": "2024-10-21T12:00:00Z",
        },
        {
            "id": "1b2c3d4e-5f60-4718-892a-3b4c5d6e7f80",
            "from_verdict": "disputed",
            "to_verdict": "confirmed",
            "version": 3,
            "rationale": "The US defense secretary and the NATO secretary general confirm the "
            "deployment.",
            "evidence": [S2],
            "decided_by": "editor",
            "decided_at": "2024-10-28T12:00:00Z",
            "recorded_at": "2024-10-28T12:00:00Z",
        },
    ],
}


@extend_schema_serializer(
    examples=[OpenApiExample("C0, confirmed", value=VERDICT_EXAMPLE, response_only=True)]
)
class VerdictSerializer(serializers.Serializer):
    claim = serializers.UUIDField(help_text="The claim's id.")
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    version = serializers.IntegerField(help_text="The claim's version.")
    etag = serializers.CharField(
        help_text="The claim's ETag, also in the ETag header: send it as If-Match to change "
        "the verdict."
    )
    history = VerdictChangeSerializer(many=True, help_text="Every verdict change, oldest first.")


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Confirm with evidence",
            value={
                "to": "confirmed",
                "rationale": "The US defense secretary and the NATO secretary general confirm "
                "the deployment.",
                "evidence": [S2],
            },
            request_only=True,
        )
    ]
)
class VerdictChangeRequestSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Verdict.choices, help_text="The new verdict.")
    rationale = TextField(
        help_text="Why; required, shown with the verdict and in the ClaimReview export."
    )
    evidence = serializers.ListField(
        child=SourceIdField(),
        required=False,
        default=list,
        max_length=100,
        help_text="Ids of the sources the decision relies on: any source, not only the "
        "claim's own.",
    )
    note = TextField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="The editors' own note, kept with the change: shown to editors on the claim "
        "page, never published (not in ClaimReview, not in this API's verdict history).",
    )


class RelatedClaimSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RelationKind.choices)
    direction = serializers.ChoiceField(
        choices=["outgoing", "incoming"],
        help_text="outgoing: this claim <kind> the other one; incoming: the other one <kind> "
        "this claim.",
    )
    claim = ClaimRefSerializer(help_text="The other claim.")
    note = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class ClaimRelationsSerializer(serializers.Serializer):
    claim = ClaimRefSerializer()
    relations = RelatedClaimSerializer(many=True)

    @staticmethod
    def build(claim: Claim, relations: list[RelatedClaim]) -> dict[str, Any]:
        return {"claim": claim, "relations": [vars(r) for r in relations]}


class TimelineVerdictSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    from_verdict = serializers.ChoiceField(choices=Verdict.choices)
    to_verdict = serializers.ChoiceField(choices=Verdict.choices)
    version = serializers.IntegerField()
    rationale = serializers.CharField()
    decided_by = serializers.CharField(source="editor.get_username")


class TimelineHealthSerializer(serializers.Serializer):
    previous = serializers.ChoiceField(choices=Health.choices)
    current = serializers.ChoiceField(choices=Health.choices)
    status_code = serializers.IntegerField(allow_null=True)
    error = serializers.CharField()


class TimelineEntrySerializer(serializers.Serializer):
    """One entry; the members that do not apply to its type are null."""

    type = serializers.ChoiceField(
        choices=["statement", "verdict_change", "source_event", "related_claim"]
    )
    time = serializers.DateTimeField(
        help_text="When it happened: said, decided, fetched, or the related claim first asserted."
    )
    claim = ClaimRefSerializer(allow_null=True)
    actor = ActorRefSerializer(allow_null=True)
    stance = serializers.ChoiceField(choices=Stance.choices, allow_null=True)
    previous_stance = serializers.ChoiceField(
        choices=Stance.choices,
        allow_null=True,
        help_text=(
            "For a statement that changed its actor's position on the claim (denies → cannot "
            "confirm → asserts): the stance before. Null otherwise."
        ),
    )
    quote = serializers.CharField(allow_null=True)
    source = SourceRefSerializer(allow_null=True)  # type: ignore[assignment]  # a field, not Field.source
    statement = serializers.UUIDField(
        source="statement.public_id", allow_null=True, help_text="The statement's id."
    )
    verdict_change = TimelineVerdictSerializer(allow_null=True)
    health = serializers.SerializerMethodField(help_text="For source events.")
    related_claim = RelatedClaimSerializer(source="related", allow_null=True)

    @extend_schema_field(TimelineHealthSerializer(allow_null=True))
    def get_health(self, entry: TimelineEntry) -> dict[str, Any] | None:
        return _health(entry)


class ClaimTimelineSerializer(serializers.Serializer):
    claim = ClaimRefSerializer()
    entries = TimelineEntrySerializer(many=True)
    next = serializers.URLField(
        required=False,
        allow_null=True,
        help_text="The next slice when asked in slices (`page_size`); null on the last slice "
        "and for the whole timeline.",
    )


class SupportSummarySerializer(serializers.Serializer):
    claim = serializers.UUIDField()
    independent_origins = serializers.IntegerField(
        help_text="Independent origins of the statements supporting the claim."
    )
    reports = serializers.IntegerField(help_text="Documents recording them.")
    single_origin = serializers.BooleanField(
        help_text="Several reports, all leading to one origin document."
    )


class TopicTimelineSerializer(serializers.Serializer):
    topic = TopicRefSerializer()
    entries = TimelineEntrySerializer(many=True)
    support = SupportSummarySerializer(
        many=True,
        help_text="For the stance matrix: each claim's supporting side as independent origins "
        "(reports repeating one origin count once), as known at the moment asked about; in a "
        "slice, of the claims in it.",
    )
    next = serializers.URLField(
        required=False,
        allow_null=True,
        help_text="The next slice when asked in slices (`page_size`); null on the last slice "
        "and for the whole timeline.",
    )


class QuantityPointSerializer(serializers.Serializer):
    time = serializers.DateTimeField()
    statement = serializers.UUIDField(
        source="statement.public_id", allow_null=True, help_text="The statement's id."
    )
    actor = ActorRefSerializer(source="statement.actor", allow_null=True)
    stance = serializers.ChoiceField(
        source="statement.stance", choices=Stance.choices, allow_null=True
    )
    source = SourceRefSerializer(source="statement.source", allow_null=True)  # type: ignore[assignment]


class QuantitySeriesSerializer(serializers.Serializer):
    claim = ClaimRefSerializer()
    quantity = QuantitySerializer()
    points = QuantityPointSerializer(many=True)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Estimates of North Korean troops in Russia",
            value={
                "topic": {
                    "id": TOPIC,
                    "slug": "dprk-troops-in-russia",
                    "title": "DPRK troops in Russia",
                },
                "series": [
                    {
                        "claim": {
                            "id": C0,
                            "text": "North Korea has moved 1,500 soldiers to Russia",
                            "verdict": "partly_confirmed",
                        },
                        "quantity": CLAIM_EXAMPLE["quantity"],
                        "points": [
                            {
                                "time": "2024-10-18T12:00:00Z",
                                "statement": STATEMENT_EXAMPLE["id"],
                                "actor": CLAIM_EXAMPLE["claimant"],
                                "stance": "asserts",
                                "source": STATEMENT_EXAMPLE["source"],
                            }
                        ],
                    }
                ],
            },
            response_only=True,
        )
    ]
)
class TopicQuantitiesSerializer(serializers.Serializer):
    topic = TopicRefSerializer()
    series = QuantitySeriesSerializer(
        many=True,
        help_text="One series per claim with a quantity: observed figures in time order, "
        "then projections.",
    )


# --- Timelines and estimate series, rendered plainly -------------------------------------------
#
# A claim's timeline can hold 500 entries and more, a topic's estimates over a thousand points.
# Through the serializers above, every entry walks eleven fields and up to four nested
# serializers, and the serializers (reference cycles) keep the rows alive until the garbage
# collector's next full pass; in-process, a 500-statement timeline took ~67 ms to answer and
# quantities ~27 ms that way (docs/benchmarks.md has the p99 this caused). As Sentry's
# serializers do, these functions build the same dicts directly: each actor, source and claim is
# represented once per response, and every value is converted as the declared field converts it.
# The serializers above still document the schema (the views' extend_schema), and
# tests/api/test_api_timeline.py holds the output of both byte for byte equal on the demo.


def serialize_claim_timeline(claim: Claim, entries: list[TimelineEntry]) -> dict[str, Any]:
    """ClaimTimelineSerializer's representation."""
    refs = _Refs()
    return {"claim": refs.claim(claim), "entries": _timeline_entries(entries, refs), "next": None}


def serialize_topic_timeline(
    topic: Topic, entries: list[TimelineEntry], support: dict[int, SupportSummary]
) -> dict[str, Any]:
    """TopicTimelineSerializer's representation."""
    refs = _Refs()
    public_ids = {e.claim.pk: e.claim.public_id for e in entries if e.claim is not None}
    return {
        "topic": _topic_ref(topic),
        "entries": _timeline_entries(entries, refs),
        "support": [
            {
                "claim": str(public_ids[claim_id]),
                "independent_origins": summary.independent_origins,
                "reports": summary.reports,
                "single_origin": summary.single_origin,
            }
            for claim_id, summary in support.items()
        ],
        "next": None,
    }


def serialize_topic_quantities(topic: Topic, series: list[QuantitySeries]) -> dict[str, Any]:
    """TopicQuantitiesSerializer's representation."""
    refs = _Refs()
    return {
        "topic": _topic_ref(topic),
        "series": [
            {
                "claim": refs.claim(one.claim),
                "quantity": quantity_of(one.claim),
                "points": [_quantity_point(point, refs) for point in one.points],
            }
            for one in series
        ],
    }


class _Refs:
    """The representation of each actor, source and claim of one response, made once."""

    def __init__(self) -> None:
        self.actors: dict[int, dict[str, Any]] = {}
        self.sources: dict[int, dict[str, Any]] = {}
        self.claims: dict[int, dict[str, Any]] = {}

    def actor(self, actor: Actor | None) -> dict[str, Any] | None:
        if actor is None:
            return None
        if actor.pk not in self.actors:
            self.actors[actor.pk] = actor_ref(actor)
        return self.actors[actor.pk]

    def source(self, source: Source | None) -> dict[str, Any] | None:
        if source is None:
            return None
        if source.pk not in self.sources:
            self.sources[source.pk] = source_ref(source)
        return self.sources[source.pk]

    def claim(self, claim: Claim | None) -> dict[str, Any] | None:
        if claim is None:
            return None
        if claim.pk not in self.claims:
            self.claims[claim.pk] = {
                "id": str(claim.public_id),
                "text": claim.text,
                "verdict": claim.verdict,
            }
        return self.claims[claim.pk]


def _timeline_entries(entries: list[TimelineEntry], refs: _Refs) -> list[dict[str, Any]]:
    return [
        {
            "type": entry.type,
            "time": _datetime(entry.time),
            "claim": refs.claim(entry.claim),
            "actor": refs.actor(entry.actor),
            "stance": entry.stance,
            "previous_stance": entry.previous_stance,
            "quote": entry.quote,
            "source": refs.source(entry.source),
            "statement": str(entry.statement.public_id) if entry.statement else None,
            "verdict_change": _timeline_verdict(entry.verdict_change),
            "health": _health(entry),
            "related_claim": _related_claim(entry.related, refs),
        }
        for entry in entries
    ]


def _timeline_verdict(change: VerdictChange | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "id": str(change.public_id),
        "from_verdict": change.from_verdict,
        "to_verdict": change.to_verdict,
        "version": change.version,
        "rationale": change.rationale,
        "decided_by": change.editor.get_username(),
    }


def _health(entry: TimelineEntry) -> dict[str, Any] | None:
    snapshot = entry.snapshot
    if snapshot is None:
        return None
    return {
        "previous": entry.previous_health,
        "current": snapshot.health,
        "status_code": snapshot.status_code,
        "error": snapshot.error,
    }


def _related_claim(related: RelatedClaim | None, refs: _Refs) -> dict[str, Any] | None:
    if related is None:
        return None
    return {
        "kind": related.kind,
        "direction": related.direction,
        "claim": refs.claim(related.claim),
        "note": related.note,
        "recorded_at": _datetime(related.recorded_at),
    }


def _quantity_point(point: QuantityPoint, refs: _Refs) -> dict[str, Any]:
    statement = point.statement
    return {
        "time": _datetime(point.time),
        "statement": str(statement.public_id) if statement else None,
        "actor": refs.actor(statement.actor) if statement else None,
        "stance": statement.stance if statement else None,
        "source": refs.source(statement.source) if statement else None,
    }


def _topic_ref(topic: Topic) -> dict[str, Any]:
    return {"id": str(topic.public_id), "slug": topic.slug, "title": topic.title}


def _four_places(value: Decimal | int | None) -> Decimal | None:
    """As QuantitySerializer's DecimalFields render it (JSONRenderer then writes a float)."""
    return None if value is None else Decimal(str(value)).quantize(FOUR_PLACES)


def _datetime(value: datetime) -> str:
    """As DRF's DateTimeField renders it: in the current time zone, ISO 8601, UTC as Z."""
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class ReviewFlagSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    claim = ClaimRefSerializer(read_only=True)
    source = SourceRefSerializer(read_only=True, allow_null=True)  # type: ignore[assignment]  # a field, not Field.source
    statement = serializers.UUIDField(
        source="statement.public_id", read_only=True, allow_null=True, default=None
    )
    resolved_by = serializers.CharField(
        source="resolved_by.get_username", read_only=True, allow_null=True, default=None
    )
    opened_by = serializers.CharField(
        source="opened_by.get_username",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The editor who raised the flag by hand; null for the workflow's flags.",
    )

    class Meta:
        model = ReviewFlag
        fields = [
            "id",
            "claim",
            "reason",
            "status",
            "detail",
            "source",
            "statement",
            "opened_by",
            "opened_at",
            "resolved_at",
            "resolved_by",
            "resolution_note",
        ]


class ResolveFlagSerializer(serializers.Serializer):
    note = TextField(
        required=False,
        allow_blank=True,
        default="",
        help_text="What was done about it; for a due projection, the rationale of its outcome.",
    )
    outcome = serializers.ChoiceField(
        choices=ProjectionOutcomeKind.choices,
        required=False,
        help_text="For a `projection_due` flag (and only there): what became of the "
        "projection. It goes into the actor's track record.",
    )


class RaiseFlagSerializer(serializers.Serializer):
    note = TextField(
        max_length=2000,
        help_text="What needs another look, and why; it becomes the flag's detail.",
    )


class ChangeEventSerializer(serializers.ModelSerializer):
    claim = serializers.UUIDField(
        source="claim.public_id", read_only=True, allow_null=True, default=None
    )
    source = serializers.UUIDField(  # type: ignore[assignment]  # a field, not Field.source
        source="source.public_id", read_only=True, allow_null=True, default=None
    )
    payload = serializers.DictField(
        read_only=True,
        help_text="What changed; the members depend on the kind. statement.recorded, .changed "
        "and .deleted carry `estimate` (the figure given: measure, value, low, high, unit, "
        "qualifier, kind, refers_to, refers_to_precision; null without one); "
        "projection.decided carries statement, claim, actor, outcome and editor.",
    )

    class Meta:
        model = ChangeEvent
        fields = ["id", "kind", "occurred_at", "claim", "source", "payload"]


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A verdict change",
            value={
                "results": [
                    {
                        "id": 42,
                        "kind": "verdict.changed",
                        "occurred_at": "2024-10-28T12:00:03Z",
                        "claim": C0,
                        "source": None,
                        "payload": {
                            "claim": C0,
                            "verdict_change": "1b2c3d4e-5f60-4718-892a-3b4c5d6e7f80",
                            "from": "disputed",
                            "to": "confirmed",
                            "version": 3,
                            "editor": "editor",
                        },
                    }
                ],
                "next_since": 42,
                "has_more": False,
                "next": "http://127.0.0.1:8000/api/v1/changes/?since=42",
            },
            response_only=True,
        )
    ]
)
class ChangesPageSerializer(serializers.Serializer):
    results = ChangeEventSerializer(many=True)
    next_since = serializers.IntegerField(
        help_text="Pass as `since` next time: the id of the last event returned, or your "
        "`since` if none was."
    )
    has_more = serializers.BooleanField(help_text="More events wait: ask again right away.")
    next = serializers.URLField(help_text="This request with `since` set to `next_since`.")


class ChangesQuerySerializer(serializers.Serializer):
    since = serializers.IntegerField(min_value=0, max_value=2**63 - 1, default=0)
    limit = serializers.IntegerField(min_value=1, max_value=500, default=100)
    kind = serializers.ListField(
        child=serializers.ChoiceField(choices=EventKind.choices), required=False
    )


class ChangeSerializer(serializers.Serializer):
    """One thing the newsroom learned between the two moments."""

    kind = serializers.ChoiceField(choices=ChangeKind.choices)
    recorded_at = serializers.DateTimeField(help_text="When it was entered (the knowledge clock).")
    summary = serializers.CharField(help_text="The change in one sentence, in the newsroom's words")
    claim = ClaimRefSerializer(allow_null=True)
    actor = ActorRefSerializer(allow_null=True)
    source = SourceRefSerializer(allow_null=True)  # type: ignore[assignment]  # a field, not Field.source
    statement = serializers.UUIDField(
        source="statement.public_id", allow_null=True, default=None, help_text="The statement's id."
    )
    before = serializers.CharField(help_text="What it was: a stance, verdict, figure or health.")
    after = serializers.CharField(help_text="What it became.")
    detail = serializers.CharField(help_text="The statement's quote or the verdict's rationale.")


# Named as the query parameters are, `from` and `to`; `from` is a Python keyword, hence type().
ChangesBetweenSerializer = type(
    "ChangesBetweenSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "What changed between two moments, oldest first.",
        "from": serializers.DateTimeField(help_text="The moment compared from."),
        "to": serializers.DateTimeField(help_text="The moment compared to."),
        "changes": ChangeSerializer(many=True),
    },
)
