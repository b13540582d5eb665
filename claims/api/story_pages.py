"""What the story pages read a slice at a time (issue #18, bounded pages): a timeline in
slices (`?page_size=` and the `next` link's `cursor`), and the topic's stance matrix with its
most active claims and actors first."""

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.utils.urls import replace_query_param

from actors.api import ActorRefSerializer, actor_ref
from api.problems import invalid_parameters

from ..models import Stance, Topic
from ..selectors import TimelinePosition, TimelineSlice
from ..selectors.matrix import MATRIX_ACTORS, MATRIX_CLAIMS, MATRIX_MAX, StanceMatrix
from .serializers import ClaimRefSerializer, SupportSummarySerializer, TopicRefSerializer

MAX_SLICE = 200

SLICE_PARAMETERS = [
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_SLICE},
        description=(
            f"Entries per slice, 1 to {MAX_SLICE}: the answer holds the first ones and a `next` "
            "link to the following slice (null on the last). Without it (and without `cursor`), "
            "the whole timeline."
        ),
    ),
    OpenApiParameter(
        "cursor",
        OpenApiTypes.STR,
        description="Opaque position from a previous slice's `next` link.",
    ),
]

BAD_CURSOR = "The cursor is not one this API issued; start again without it."


def slice_asked(request: Request) -> tuple[TimelinePosition | None, int] | None:
    """(position after which to start, slice size) when the request asks for a slice, None for
    the whole timeline; 400 for a size or cursor that is not one."""
    raw_size = request.query_params.get("page_size")
    raw_cursor = request.query_params.get("cursor")
    if raw_size is None and not raw_cursor:
        return None
    errors: dict[str, str] = {}
    size = 50
    if raw_size is not None:
        if raw_size.isascii() and raw_size.isdigit() and len(raw_size) <= 4:
            size = int(raw_size)
        if not (raw_size.isascii() and raw_size.isdigit()) or not 1 <= size <= MAX_SLICE:
            errors["page_size"] = f"page_size is a whole number from 1 to {MAX_SLICE}."
    position = _decode(raw_cursor) if raw_cursor else None
    if raw_cursor and position is None:
        errors["cursor"] = BAD_CURSOR
    if errors:
        raise invalid_parameters(errors)
    return position, size


def _encode(position: TimelinePosition) -> str:
    time, order, row = position
    raw = json.dumps([time.isoformat(), order, row], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(raw: str) -> TimelinePosition | None:
    try:
        padded = raw + "=" * (-len(raw) % 4)
        time, order, row = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        at = datetime.fromisoformat(time)
        if at.tzinfo is None or not isinstance(order, int) or not isinstance(row, int):
            return None
        if not (0 <= order < 10 and 0 <= row < 2**63):
            return None
        return at, order, row
    except (binascii.Error, UnicodeError, ValueError, TypeError, RecursionError):
        return None


def with_next(body: dict[str, Any], request: Request, part: TimelineSlice) -> dict[str, Any]:
    """The slice's answer with the link to the next slice (null on the last)."""
    position = part.last_position
    next_url = None
    if part.has_more and position is not None:
        next_url = replace_query_param(request.build_absolute_uri(), "cursor", _encode(position))
    return {**body, "next": next_url}


# --- The stance matrix ------------------------------------------------------------------------

QUOTE_SHOWN = 160  # a cell's quote is its tooltip; the claim page has the whole of it

MATRIX_PARAMETERS = [
    OpenApiParameter(
        "claims",
        {"type": "integer", "minimum": 1, "maximum": MATRIX_MAX},
        description=f"How many claims (rows), 1 to {MATRIX_MAX}; default {MATRIX_CLAIMS}.",
    ),
    OpenApiParameter(
        "actors",
        {"type": "integer", "minimum": 1, "maximum": MATRIX_MAX},
        description=f"How many actors (columns), 1 to {MATRIX_MAX}; default {MATRIX_ACTORS}.",
    ),
]


def matrix_size(request: Request) -> tuple[int, int]:
    """(claims, actors) asked for; 400 for numbers out of range."""
    errors, sizes = {}, []
    for name, default in (("claims", MATRIX_CLAIMS), ("actors", MATRIX_ACTORS)):
        raw = request.query_params.get(name)
        if raw is None:
            sizes.append(default)
        elif raw.isascii() and raw.isdigit() and len(raw) <= 4 and 1 <= int(raw) <= MATRIX_MAX:
            sizes.append(int(raw))
        else:
            errors[name] = f"{name} is a whole number from 1 to {MATRIX_MAX}."
            sizes.append(default)
    if errors:
        raise invalid_parameters(errors)
    return sizes[0], sizes[1]


class MatrixStatementSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    stance = serializers.ChoiceField(choices=Stance.choices)
    quote = serializers.CharField(help_text=f"The quote's first {QUOTE_SHOWN} characters.")


class MatrixCellSerializer(serializers.Serializer):
    claim = serializers.UUIDField()
    actor = serializers.UUIDField()
    statements = MatrixStatementSerializer(many=True, help_text="In the order they were said.")


class MatrixClaimSerializer(ClaimRefSerializer):
    statements = serializers.IntegerField(help_text="Statements on the claim, by any actor.")

    class Meta(ClaimRefSerializer.Meta):
        fields = [*ClaimRefSerializer.Meta.fields, "statements"]


class MatrixActorSerializer(ActorRefSerializer):
    statements = serializers.IntegerField(help_text="The actor's statements in the topic.")

    class Meta(ActorRefSerializer.Meta):
        fields = [*ActorRefSerializer.Meta.fields, "statements"]


class StanceMatrixSerializer(serializers.Serializer):
    topic = TopicRefSerializer()
    claim_count = serializers.IntegerField(help_text="Claims with a statement, in all.")
    actor_count = serializers.IntegerField(help_text="Actors with a statement, in all.")
    claims = MatrixClaimSerializer(many=True, help_text="The rows: most statements first.")
    actors = MatrixActorSerializer(many=True, help_text="The columns: most statements first.")
    cells = MatrixCellSerializer(many=True, help_text="Only the cells with a statement.")
    support = SupportSummarySerializer(
        many=True, help_text="Each claim's supporting side as independent origins."
    )


def serialize_matrix(topic: Topic, matrix: StanceMatrix) -> dict[str, Any]:
    """StanceMatrixSerializer's representation, built directly (up to 500 by 500 cells)."""
    claim_ids = {claim.pk: str(claim.public_id) for claim in matrix.claims}
    actor_ids = {actor.pk: str(actor.public_id) for actor in matrix.actors}
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for statement in matrix.statements:
        cells.setdefault((statement.claim_id, statement.actor_id), []).append(
            {
                "id": str(statement.public_id),
                "stance": statement.stance,
                "quote": statement.quote[:QUOTE_SHOWN],
            }
        )
    counts = matrix.statement_counts
    return {
        "topic": {"id": str(topic.public_id), "slug": topic.slug, "title": topic.title},
        "claim_count": matrix.claim_count,
        "actor_count": matrix.actor_count,
        "claims": [
            {
                "id": claim_ids[claim.pk],
                "text": claim.text,
                "verdict": claim.verdict,
                "statements": counts[("claim", claim.pk)],
            }
            for claim in matrix.claims
        ],
        "actors": [
            {**actor_ref(actor), "statements": counts[("actor", actor.pk)]}
            for actor in matrix.actors
        ],
        "cells": [
            {"claim": claim_ids[claim], "actor": actor_ids[actor], "statements": said}
            for (claim, actor), said in cells.items()
        ],
        "support": [
            {
                "claim": claim_ids[claim_id],
                "independent_origins": summary.independent_origins,
                "reports": summary.reports,
                "single_origin": summary.single_origin,
            }
            for claim_id, summary in matrix.support.items()
            if claim_id in claim_ids
        ],
    }
