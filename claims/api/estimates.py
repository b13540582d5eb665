"""Figures in the API: a statement's `estimate` (read and written), and the estimates of a
topic or a claim as JSON and CSV (/topics/<id>/estimates/, /claims/<id>/estimates/)."""

import hashlib
from collections.abc import Callable
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api.problems import invalid_parameters
from api.renderers import Prerendered
from common.moments import Moment

from ..estimates import (
    Estimate,
    EstimateKind,
    EstimateQualifier,
    ProjectionOutcomeKind,
    unit_label,
)
from ..models import Claim, Measure, Statement, Topic
from ..precision import DatePrecision
from ..selectors import EstimateRow, Estimates
from ..selectors.estimates import figures_fingerprint
from ..units import Unit

TOPIC = "8e7d6c5b-4a39-4281-9706-f5e4d3c2b1a0"
MEASURE = "6f5e4d3c-2b1a-4098-8776-655443322110"
BOUNDS_OUT_OF_ORDER = "The bounds must be in order: low, then the figure, then high."
PROJECTION_WITHOUT_MOMENT = 'A projection needs the moment it refers to ("by December").'


def number(value: Decimal | None) -> float | int | None:
    """A figure as JSON gives it: 1500, 1500.5 (the columns keep four places)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def iso(value: datetime | None, zone: tzinfo | None = None) -> str | None:
    """As DRF's DateTimeField renders it: in the current time zone (or `zone`, looked up once
    by a caller that renders thousands), ISO 8601, UTC as Z."""
    if value is None:
        return None
    text = value.astimezone(zone or timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# --- A statement's estimate -------------------------------------------------------------------


class EstimateSerializer(serializers.Serializer):
    """The figure an actor gives: a value, or bounds, or both; what it counts; observed or
    projected; and the moment it refers to, apart from when it was said."""

    value = serializers.DecimalField(
        max_digits=20, decimal_places=4, coerce_to_string=False, required=False, allow_null=True
    )
    low = serializers.DecimalField(
        max_digits=20, decimal_places=4, coerce_to_string=False, required=False, allow_null=True
    )
    high = serializers.DecimalField(
        max_digits=20, decimal_places=4, coerce_to_string=False, required=False, allow_null=True
    )
    unit = serializers.ChoiceField(choices=Unit.choices, help_text="What the figure counts.")
    qualifier = serializers.ChoiceField(
        choices=EstimateQualifier.choices, required=False, default=EstimateQualifier.EXACT
    )
    kind = serializers.ChoiceField(
        choices=EstimateKind.choices, required=False, default=EstimateKind.OBSERVATION
    )
    refers_to = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The moment the figure describes (a projection needs one); stored as the last "
        "day of its period: 2024-12-01 with precision month is 31 December 2024.",
    )
    refers_to_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, required=False, allow_null=True, default=None
    )
    measure = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The measure of the claim's topic the figure counts; it has the same unit.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        value, low, high = attrs.get("value"), attrs.get("low"), attrs.get("high")
        errors: dict[str, str] = {}
        if value is None and low is None and high is None:
            errors["value"] = "Give the figure, or a low or high bound."
        known = [x for x in (low, value, high) if x is not None]
        if known != sorted(known):
            errors["low" if low is not None else "value"] = BOUNDS_OUT_OF_ORDER
        if attrs["kind"] == EstimateKind.PROJECTION and attrs.get("refers_to") is None:
            errors["refers_to"] = PROJECTION_WITHOUT_MOMENT
        if attrs.get("refers_to") is None and attrs.get("refers_to_precision"):
            errors["refers_to"] = "Give the moment the precision is of, or leave both out."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def estimate_input(
    attrs: dict[str, Any] | None, *, claim: Claim
) -> tuple[Estimate | None, dict[str, str]]:
    """The Estimate of validated `attrs` for a statement on `claim`, and the field errors of
    its measure (one of the claim's topic, counting the same unit: a measure never mixes
    units)."""
    if attrs is None:
        return None, {}
    measure_id = None
    errors: dict[str, str] = {}
    if attrs.get("measure") is not None:
        measure = Measure.objects.filter(public_id=attrs["measure"]).first()
        if measure is None:
            errors["measure"] = f"No measure has the id {attrs['measure']}."
        elif measure.topic_id != claim.topic_id:
            errors["measure"] = f"“{measure.name}” is a measure of another topic."
        elif measure.unit != attrs["unit"]:
            errors["unit"] = (
                f"“{measure.name}” counts {measure.unit}; this figure counts {attrs['unit']}. "
                "A measure never mixes units."
            )
        else:
            measure_id = measure.pk
    refers_to = attrs.get("refers_to")
    estimate = Estimate(
        unit=attrs["unit"],
        qualifier=attrs["qualifier"],
        value=attrs.get("value"),
        low=attrs.get("low"),
        high=attrs.get("high"),
        kind=attrs["kind"],
        refers_to=refers_to,
        refers_to_precision=attrs.get("refers_to_precision") or DatePrecision.DAY,
        measure_id=measure_id,
    )
    return estimate, errors


def estimate_errors(exc: DjangoValidationError) -> serializers.ValidationError:
    """A service's refusal with the statement's estimate columns (estimate_low, …) named as the
    request names them (estimate.low), so each error points into the body."""
    if not hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.messages)
    errors: dict[str, Any] = {}
    for field, messages in exc.message_dict.items():
        if field.startswith("estimate_"):
            errors.setdefault("estimate", {})[field.removeprefix("estimate_")] = messages
        else:
            errors[field] = messages
    return serializers.ValidationError(errors)


def estimate_of(statement: Statement) -> dict[str, Any] | None:
    """EstimateSerializer's representation of the statement's figure, or None. The measure
    must be loaded with the statement (claims.selectors.statement_list, finish_statements)."""
    estimate = statement.estimate
    if estimate is None:
        return None
    measure = statement.estimate_measure
    return {
        "value": number(estimate.value),
        "low": number(estimate.low),
        "high": number(estimate.high),
        "unit": estimate.unit,
        "qualifier": estimate.qualifier,
        "kind": estimate.kind,
        "refers_to": estimate.refers_to.isoformat() if estimate.refers_to else None,
        "refers_to_precision": estimate.refers_to_precision if estimate.refers_to else None,
        "measure": str(measure.public_id) if measure else None,
        "figure": str(estimate),
    }


class EstimateOutSerializer(EstimateSerializer):
    """A statement's figure as read back; `figure` says it in the active language."""

    figure = serializers.CharField(
        read_only=True, help_text='"about 10,000 soldiers by December 2024".'
    )


# --- Estimates of a topic or a claim: the query -----------------------------------------------


class EstimateQuerySerializer(serializers.Serializer):
    """The filters of …/estimates/. An id no measure of the topic (or no actor) has matches
    nothing, as the list filters' ids do."""

    measure = serializers.UUIDField(required=False, help_text="Only this measure's figures.")
    actor = serializers.UUIDField(required=False, help_text="Only this actor's figures.")
    kind = serializers.ChoiceField(choices=EstimateKind.choices, required=False)
    refers_from = serializers.DateField(required=False)
    refers_until = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        since, until = attrs.get("refers_from"), attrs.get("refers_until")
        if since is not None and until is not None and since > until:
            raise serializers.ValidationError(
                {"refers_until": "Give a day on or after refers_from."}
            )
        return attrs


# --- …/estimates/: what the schema says --------------------------------------------------------


class MeasureSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    unit = serializers.ChoiceField(choices=Unit.choices)
    unit_display = serializers.CharField(help_text="The unit in the response's language.")
    estimates = serializers.IntegerField(help_text="How many of the estimates count it.")


class RefSerializer(serializers.Serializer):
    id = serializers.UUIDField()


class ClaimTextSerializer(RefSerializer):
    text = serializers.CharField()


class ActorNameSerializer(RefSerializer):
    name = serializers.CharField()


class SourceTitleSerializer(RefSerializer):
    title = serializers.CharField()


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ProjectionOutcomeKind.choices)
    rationale = serializers.CharField()
    decided_at = serializers.DateTimeField()


class EstimateEntrySerializer(serializers.Serializer):
    statement = serializers.UUIDField(help_text="The statement that gives the figure.")
    claim = ClaimTextSerializer()
    actor = ActorNameSerializer()
    source = SourceTitleSerializer(allow_null=True)  # type: ignore[assignment]  # a field, not Field.source
    stance = serializers.CharField()
    quote = serializers.CharField()
    said_at = serializers.DateTimeField(allow_null=True)
    measure = serializers.UUIDField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    low = serializers.FloatField(allow_null=True)
    high = serializers.FloatField(allow_null=True)
    unit = serializers.ChoiceField(choices=Unit.choices)
    unit_display = serializers.CharField()
    qualifier = serializers.ChoiceField(choices=EstimateQualifier.choices)
    kind = serializers.ChoiceField(choices=EstimateKind.choices)
    refers_to = serializers.DateField(
        allow_null=True, help_text="The last day of the period the figure refers to."
    )
    refers_to_precision = serializers.ChoiceField(choices=DatePrecision.choices, allow_null=True)
    at = serializers.DateTimeField(
        help_text="Where a chart puts it: noon UTC of `refers_to` if set, else when it was "
        "said, else when it was recorded."
    )
    outcome = OutcomeSerializer(
        allow_null=True, help_text="What became of a projection, once an editor decided."
    )


NIS_FIGURE_EXAMPLE = {
    "statement": "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901",
    "claim": {"id": "3f2a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b", "text": "The soldiers are training"},
    "actor": {"id": "5d4c3b2a-1908-4f7e-8d6c-5b4a39281706", "name": "NIS"},
    "source": {"id": "9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d", "title": "NIS briefing"},
    "stance": "asserts",
    "quote": "about 10,000 are expected there by December",
    "said_at": "2024-10-18T12:00:00Z",
    "measure": MEASURE,
    "value": 10000,
    "low": None,
    "high": None,
    "unit": "soldiers",
    "unit_display": "soldiers",
    "qualifier": "approximate",
    "kind": "projection",
    "refers_to": "2024-12-31",
    "refers_to_precision": "month",
    "at": "2024-12-31T12:00:00Z",
    "outcome": None,
}


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "The NIS projects 10,000 soldiers by December",
            value={
                "topic": TOPIC,
                "measures": [
                    {
                        "id": MEASURE,
                        "name": "DPRK troops in Russia",
                        "unit": "soldiers",
                        "unit_display": "soldiers",
                        "estimates": 1,
                    }
                ],
                "estimates": [NIS_FIGURE_EXAMPLE],
            },
            response_only=True,
        )
    ]
)
class EstimatesSerializer(serializers.Serializer):
    topic = serializers.UUIDField(help_text="The topic (of the claim, for a claim's estimates).")
    claim = serializers.UUIDField(required=False, help_text="The claim, for a claim's estimates.")
    measures = MeasureSummarySerializer(many=True, help_text="The topic's measures, by name.")
    estimates = EstimateEntrySerializer(
        many=True, help_text="Ordered by measure (those without one last), actor, then `at`."
    )


# --- …/estimates/: rendered plainly ------------------------------------------------------------
#
# A topic's estimates are read whole, ten thousand rows on the busiest topic (issue #17), so they
# are built as plain dicts like the timelines (claims.api.serializers): each claim, actor, source
# and unit represented once per response. EstimatesSerializer above documents the shape.


class _Words:
    """Unit names in the active language, each made once per response. The rows carry no
    worded figure ("about 10,000 soldiers by December 2024"): wording ten thousand of them took
    two thirds of the answer's time (docs/benchmarks.md), and the charts word them in the
    browser from the numbers, the qualifier and `unit_display`."""

    def __init__(self) -> None:
        self.units: dict[str, str] = {}
        self.zone = timezone.get_current_timezone()

    def unit(self, unit: str) -> str:
        if unit not in self.units:
            self.units[unit] = unit_label(unit)
        return self.units[unit]


def serialize_estimates(estimates: Estimates, *, claim: Claim | None = None) -> dict[str, Any]:
    """EstimatesSerializer's representation."""
    words = _Words()
    refs: dict[int, dict[str, Any]] = {}  # by id() of the selector's Ref: one per response

    def ref(one: Any, key: str) -> dict[str, Any] | None:
        if one is None:
            return None
        if id(one) not in refs:
            refs[id(one)] = {"id": str(one.public_id), key: one.text}
        return refs[id(one)]

    body: dict[str, Any] = {"topic": str(estimates.topic.public_id)}
    if claim is not None:
        body["claim"] = str(claim.public_id)
    body["measures"] = [
        {
            "id": str(one.measure.public_id),
            "name": one.measure.name,
            "unit": one.measure.unit,
            "unit_display": words.unit(one.measure.unit),
            "estimates": one.estimates,
        }
        for one in estimates.measures
    ]
    body["estimates"] = [_entry(row, words, ref) for row in estimates.rows]
    return body


def _entry(row: EstimateRow, words: _Words, ref: Any) -> dict[str, Any]:
    estimate = row.estimate
    outcome = row.outcome
    return {
        "statement": str(row.statement),
        "claim": ref(row.claim, "text"),
        "actor": ref(row.actor, "name"),
        "source": ref(row.source, "title"),
        "stance": row.stance,
        "quote": row.quote,
        "said_at": iso(row.said_at, words.zone),
        "measure": str(row.measure.public_id) if row.measure else None,
        "value": number(estimate.value),
        "low": number(estimate.low),
        "high": number(estimate.high),
        "unit": estimate.unit,
        "unit_display": words.unit(estimate.unit),
        "qualifier": estimate.qualifier,
        "kind": estimate.kind,
        "refers_to": estimate.refers_to.isoformat() if estimate.refers_to else None,
        "refers_to_precision": estimate.refers_to_precision if estimate.refers_to else None,
        "at": iso(row.at, words.zone),
        "outcome": None
        if outcome is None
        else {
            "outcome": outcome.outcome,
            "rationale": outcome.rationale,
            "decided_at": iso(outcome.decided_at, words.zone),
        },
    }


CSV_HEADER = [
    "statement",
    "claim_id",
    "claim",
    "actor_id",
    "actor",
    "source_id",
    "source",
    "measure_id",
    "measure",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "kind",
    "refers_to",
    "refers_to_precision",
    "said_at",
    "quote",
    "outcome",
]


def estimates_table(estimates: Estimates) -> dict[str, Any]:
    """The estimates as api.renderers.CSVRenderer writes them: one row per figure, the
    machine's words (units and qualifiers as the JSON gives them), numbers as numbers."""
    rows = []
    zone = timezone.get_current_timezone()
    for row in estimates.rows:
        estimate = row.estimate
        rows.append(
            [
                row.statement,
                row.claim.public_id,
                row.claim.text,
                row.actor.public_id,
                row.actor.text,
                row.source.public_id if row.source else None,
                row.source.text if row.source else None,
                row.measure.public_id if row.measure else None,
                row.measure.text if row.measure else None,
                number(estimate.value),
                number(estimate.low),
                number(estimate.high),
                estimate.unit,
                estimate.qualifier,
                estimate.kind,
                estimate.refers_to.isoformat() if estimate.refers_to else None,
                estimate.refers_to_precision if estimate.refers_to else None,
                iso(row.said_at, zone),
                row.quote,
                row.outcome.outcome if row.outcome else None,
            ]
        )
    return {"header": CSV_HEADER, "rows": rows}


def csv_filename(topic: Topic, claim: Claim | None = None) -> str:
    subject = f"claim-{claim.public_id}" if claim is not None else slugify(topic.slug) or "topic"
    return f"estimates-{subject}.csv"


ESTIMATE_FILTERS = ("measure", "actor", "kind", "refers_from", "refers_until")


def estimate_filters(request: Request) -> dict[str, Any]:
    """The filters of …/estimates/ as the selectors take them; a 400 naming each bad one."""
    query = EstimateQuerySerializer(
        data={k: v for k, v in request.query_params.items() if k in ESTIMATE_FILTERS},
    )
    if not query.is_valid():
        raise invalid_parameters(query.errors)
    return dict(query.validated_data)


def estimates_response(
    request: Request,
    answer: Callable[[], Estimates],
    *,
    topic: Topic,
    claim: Claim | None = None,
    filters: dict[str, Any],
    moment: Moment,
) -> Response:
    """The answer of …/estimates/: JSON, or CSV (Accept: text/csv or ?format=csv) to save.

    Kept in the cache, rendered, until any write changes selectors.figures_fingerprint: a
    busy topic's ten thousand figures take the better part of a second to read and render
    (docs/benchmarks.md, issue #17), and a dashboard asks for them on every load."""
    renderer = request.accepted_renderer
    key = _cache_key(topic, claim, filters, moment, renderer.format)
    headers = {}
    if renderer.format == "csv":
        filename = csv_filename(topic, claim)
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    body = cache.get(key)
    if body is None:
        estimates = answer()
        data = (
            estimates_table(estimates)
            if renderer.format == "csv"
            else serialize_estimates(estimates, claim=claim)
        )
        body = renderer.render(data, renderer.media_type, {"request": request})
        cache.set(key, body, timeout=ESTIMATES_KEPT_FOR)
    return Response(Prerendered(body), headers=headers)


# How long an answer is kept at most; any write changes its key before that.
ESTIMATES_KEPT_FOR = 60 * 60
# Part of every key: a test that rolls its rows back may meet the same ids again (SQLite reuses
# them), so the test suite gives each test a generation of its own (tests/conftest.py).
CACHE_GENERATION = "1"


def _cache_key(
    topic: Topic, claim: Claim | None, filters: dict[str, Any], moment: Moment, format: str
) -> str:
    parts = (
        CACHE_GENERATION,
        figures_fingerprint(),
        topic.pk,
        claim.pk if claim else None,
        sorted((name, str(value)) for name, value in filters.items()),
        moment.as_of,
        moment.said_by,
        get_language(),
        format,
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"estimates:{digest}"
