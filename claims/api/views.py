"""Views of the claims API: each checks permission, parses input and calls one selector or
service. Verdicts change only through services.change_verdict."""

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.http import HttpResponseBase
from django.urls import reverse as django_reverse
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from actors.models import Actor
from api.conditional import evaluate_preconditions
from api.permissions import Authenticated
from api.problems import (
    InvalidRequest,
    PreconditionFailed,
    PreconditionRequired,
    invalid_parameters,
)
from api.renderers import JSONLDRenderer
from api.views import ApiViewMixin, FilterBackend, lookup, parse_public_id
from common import roles

from .. import claimreview, selectors, services
from ..filters import ClaimFilter, ReviewFlagFilter, StatementFilter, TopicFilter
from ..models import Claim, EventKind, ReviewFlag, Statement, Topic, Verdict
from .serializers import (
    ChangeEventSerializer,
    ChangesPageSerializer,
    ChangesQuerySerializer,
    ClaimRelationsSerializer,
    ClaimSerializer,
    ClaimTimelineSerializer,
    ResolveFlagSerializer,
    ReviewFlagSerializer,
    StatementCreateSerializer,
    StatementSerializer,
    TopicQuantitiesSerializer,
    TopicSerializer,
    TopicTimelineSerializer,
    VerdictChangeRequestSerializer,
    VerdictSerializer,
    serialize_claim_timeline,
    serialize_topic_quantities,
    serialize_topic_timeline,
)

# --- Roles ------------------------------------------------------------------------------------


class CanDecideVerdicts(BasePermission):
    message = "Only editors and admins may change a verdict."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return roles.can_decide_verdicts(request.user)


class CanRecordStatements(BasePermission):
    message = "Only editors and admins may record statements."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return roles.can_record(request.user)


class CanResolveFlags(BasePermission):
    message = "The review queue is for editors and admins."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return roles.can_resolve_flags(request.user)


# --- Claim versions as ETags ------------------------------------------------------------------

# The claim's ETag names its version: "claim-<uuid>-v3". Claim detail responses carry a weak
# variant with a digest of the representation appended, W/"claim-<uuid>-v3-<digest>", because
# more than the verdict can change there. Either form, or a bare "3", is accepted as If-Match.
IF_MATCH_TAG = re.compile(
    r'^(?:W/)?"(?:claim-(?P<claim>[0-9a-fA-F-]{36})-v)?(?P<version>[0-9]{1,9})(?:-[0-9a-f]+)?"$'
)


# What the schema admits as If-Match: a list of entity tags (RFC 9110), but not `*`, which
# matches any version and so cannot tell a stale decision from a current one.
IF_MATCH_SYNTAX = r'^(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*$'
IF_MATCH_LIST = re.compile(IF_MATCH_SYNTAX)


def claim_etag(claim: Claim | selectors.VerdictState) -> str:
    return f'"{claim_etag_name(claim)}"'


def claim_etag_name(claim: Claim | selectors.VerdictState) -> str:
    return f"claim-{claim.public_id}-v{claim.version}"


def expected_version(request: Request, claim: Claim) -> int:
    """The claim version the client last read, from If-Match; 428 without one, 400 if it is
    no list of entity tags, 412 if it names no version of this claim."""
    header = (request.headers.get("If-Match") or "").strip()
    if not header or header == "*":
        raise PreconditionRequired(
            "Changing a verdict needs If-Match with the claim's ETag, from GET "
            f"{request.path}: that is how a stale decision is told from a current one.",
        )
    if not IF_MATCH_LIST.match(header):
        raise InvalidRequest(
            [{"header": "If-Match", "detail": 'Send entity tags in quotes, e.g. "claim-<id>-v3".'}],
            "The If-Match header is not a list of entity tags.",
        )
    for tag in (part.strip() for part in header.split(",")):
        match = IF_MATCH_TAG.match(tag)
        if match and match["claim"] in (None, str(claim.public_id)):
            return int(match["version"])
    raise PreconditionFailed(
        "If-Match names no version of this claim.",
        extensions={"current_verdict": claim.verdict, "current_version": claim.version},
        headers={"ETag": claim_etag(claim)},
    )


def verdict_representation(claim: Claim | selectors.VerdictState) -> dict[str, Any]:
    data = VerdictSerializer(
        {
            "claim": claim.public_id,
            "verdict": claim.verdict,
            "version": claim.version,
            "etag": claim_etag(claim),
            "history": selectors.verdict_history(claim.pk),
        }
    ).data
    return json.loads(JSONRenderer().render(data))  # plain types, to keep in the cache


@dataclass(frozen=True)
class CachedVerdict:
    etag: str
    updated_at: datetime
    representation: dict[str, Any]


# Polling clients ask for a verdict many times a second and nearly always get 304, so what a poll
# needs (the validators, and the body of a 200) is kept in the shared cache under the claim's id.
# Every write to a claim row deletes it when it commits (services.forget_cached_verdict), so the
# next poll, in any web process, sees the change. The timeout bounds what a poll racing a change
# can leave behind, and how late an editor's renamed username shows.
VERDICT_CACHE_SECONDS = 60


def cached_verdict(public_id: uuid.UUID) -> CachedVerdict | None:
    """The claim's verdict as a poll answers it, or None when no claim has this id."""

    def load() -> CachedVerdict | None:
        state = selectors.verdict_state(public_id)
        if state is None:
            return None
        return CachedVerdict(claim_etag(state), state.updated_at, verdict_representation(state))

    return cache.get_or_set(selectors.verdict_cache_key(public_id), load, VERDICT_CACHE_SECONDS)


ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The resource's id."
)
CONDITIONAL_GET = {304: OpenApiResponse(description="Not modified: your copy is current.")}
JSON_LD_SCHEMA = {
    "type": "object",
    "description": "schema.org JSON-LD.",
    "additionalProperties": True,
}
CLAIM_REVIEW_EXAMPLE = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "http://127.0.0.1:8000/api/v1/claims/3f2a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b/",
    "claimReviewed": "North Korean soldiers have been sent to Russia to support its war "
    "against Ukraine",
    "datePublished": "2024-10-28",
    "inLanguage": "en",
    "author": {"@type": "Organization", "name": "ClaimTrack Newsroom"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "True",
        "ratingExplanation": "The US defense secretary and the NATO secretary general confirm "
        "the deployment.",
    },
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "National Intelligence Service"},
        "datePublished": "2024-10-18",
    },
}


def api_url(request: Request, name: str, public_id: Any) -> str:
    # Django's reverse: DRF's would carry the request's query parameters over.
    return request.build_absolute_uri(django_reverse(f"v1:{name}", kwargs={"id": public_id}))


def claim_url(request: Request, claim: Claim) -> str:
    return api_url(request, "claim-detail", claim.public_id)


# --- Topics -----------------------------------------------------------------------------------


@extend_schema(tags=["topics"])
@extend_schema_view(
    list=extend_schema(summary="List topics", responses={200: TopicSerializer, **CONDITIONAL_GET}),
    retrieve=extend_schema(
        summary="Get a topic", responses={200: TopicSerializer, **CONDITIONAL_GET}
    ),
)
class TopicViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Story threads ("DPRK troops in Russia"); claims belong to topics."""

    serializer_class = TopicSerializer
    filter_backends = [FilterBackend]
    filterset_class = TopicFilter
    ordering_fields = ("title", "recorded_at")
    modified_fields = ("recorded_at",)

    def get_queryset(self) -> QuerySet[Topic]:
        return selectors.topic_list()

    @extend_schema(
        summary="A topic's timeline",
        description=(
            "The timelines of all the topic's claims merged in time order: statements, verdict "
            "changes, source events (re-checks that changed a source's health) and related "
            "claims. Not paginated: a story's timeline is read whole."
        ),
        responses={200: TopicTimelineSerializer, **CONDITIONAL_GET},
    )
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        topic = self.get_object()
        entries = selectors.topic_timeline(topic)
        return Response(serialize_topic_timeline(topic, entries))

    @extend_schema(
        summary="A topic's numeric estimates over time",
        description=(
            "One series per claim with a quantity, each with a point per statement on it: how "
            "the estimates moved (1,500 → 3,000 soldiers, and the projected 12,000). Observed "
            "figures come first in time order, projections after them."
        ),
        responses={200: TopicQuantitiesSerializer, **CONDITIONAL_GET},
    )
    @action(detail=True, methods=["get"])
    def quantities(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        topic = self.get_object()
        series = selectors.topic_quantity_series(topic)
        return Response(serialize_topic_quantities(topic, series))

    @extend_schema(
        summary="ClaimReview export of a topic",
        description=(
            "The ClaimReviews (schema.org JSON-LD) of the topic's decided claims as one "
            "`@graph`; unverified claims are left out."
        ),
        responses={
            200: OpenApiResponse(
                response=JSON_LD_SCHEMA,
                examples=[
                    OpenApiExample(
                        "Topic export",
                        value={
                            "@context": "https://schema.org",
                            "@graph": [
                                {k: v for k, v in CLAIM_REVIEW_EXAMPLE.items() if k != "@context"}
                            ],
                        },
                    )
                ],
            ),
            **CONDITIONAL_GET,
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONLDRenderer, JSONRenderer])
    def claimreview(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        topic = self.get_object()
        return Response(
            claimreview.topic_claim_reviews(topic, url_of=lambda c: claim_url(request, c))
        )


# --- Claims -----------------------------------------------------------------------------------


@extend_schema(tags=["claims"])
@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Claims, filtered, searched (`q`) and ordered; cursor-paginated.",
        responses={200: ClaimSerializer, **CONDITIONAL_GET},
    ),
)
class ClaimViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Checkable propositions, with their verdicts."""

    serializer_class = ClaimSerializer
    filter_backends = [FilterBackend]
    filterset_class = ClaimFilter
    ordering_fields = ("first_asserted_on", "recorded_at", "updated_at")
    modified_fields = ("updated_at",)

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claim_list()

    def get_permissions(self) -> list[BasePermission]:
        permissions = super().get_permissions()
        if self.action == "verdict" and self.request.method == "POST":
            permissions.append(CanDecideVerdicts())
        return permissions

    @extend_schema(
        summary="Get a claim",
        description=(
            "One claim. Its ETag is weak and names the claim's version: "
            '`W/"claim-<id>-v<version>-<digest>"`.'
        ),
        responses={200: ClaimSerializer, **CONDITIONAL_GET},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        self.etag_prefix = claim_etag_name(claim)
        return Response(self.get_serializer(claim).data)

    @extend_schema(
        summary="A claim's timeline",
        description=(
            "Statements, verdict changes, source events (re-checks that changed the health of a "
            "source the claim's statements cite) and related claims, in time order. Each entry "
            "has type, time, actor, stance, quote and source; members that do not apply are "
            "null."
        ),
        responses={200: ClaimTimelineSerializer, **CONDITIONAL_GET},
    )
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        entries = selectors.claim_timeline(claim)
        return Response(serialize_claim_timeline(claim, entries))

    @extend_schema(
        summary="A claim's related claims",
        description="Claims this one refines, supersedes, contradicts or duplicates, and back.",
        responses={200: ClaimRelationsSerializer, **CONDITIONAL_GET},
    )
    @action(detail=True, methods=["get"])
    def relations(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        relations = selectors.claim_relations(claim)
        return Response(
            ClaimRelationsSerializer(ClaimRelationsSerializer.build(claim, relations)).data
        )

    @extend_schema(
        methods=["GET"],
        summary="Get a claim's verdict",
        description=(
            "The verdict, the claim's version and every verdict change. The ETag is strong and "
            'names the version, `"claim-<id>-v<version>"`: send it back as If-Match to change '
            "the verdict."
        ),
        responses={200: VerdictSerializer, **CONDITIONAL_GET},
    )
    @extend_schema(
        methods=["POST"],
        summary="Change a claim's verdict",
        description=(
            "Decide a new verdict with a rationale and evidence. Needs the editor role and a "
            "write token or a session, and **If-Match** with the claim's ETag from GET "
            '(`"claim-<id>-v<version>"`; the weak claim-detail ETag and a bare `"<version>"` are '
            "accepted too). Without If-Match (or with `*`): 428; with one that is no list of "
            "entity tags: 400. If the claim changed since that version: 412 with the current "
            "verdict and version, and nothing is written."
        ),
        request=VerdictChangeRequestSerializer,
        parameters=[
            OpenApiParameter(
                "If-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description='The claim\'s ETag, e.g. "claim-<id>-v3" (one or more entity tags; '
                "`*` names no version and gets 428).",
                pattern=IF_MATCH_SYNTAX,
            )
        ],
        responses={
            201: VerdictSerializer,
            412: OpenApiResponse(
                description="The claim changed since that version; the problem carries "
                "`current_verdict`, `current_version` and `current_etag`."
            ),
            428: OpenApiResponse(description="If-Match is missing."),
        },
    )
    @action(detail=True, methods=["get", "post"])
    def verdict(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST":
            return self._change_verdict(request, self.get_object())
        # Polling clients call this most: answered from the cache, most polls need no query.
        public_id = parse_public_id(self.kwargs[self.lookup_url_kwarg], Claim)
        verdict = cached_verdict(public_id)
        if verdict is None:
            raise exceptions.NotFound(f"No claim has the id {public_id}.")
        self.last_modified = verdict.updated_at
        not_modified = evaluate_preconditions(
            request, etag=verdict.etag, last_modified=verdict.updated_at
        )
        if not_modified is not None:
            return not_modified
        response = Response(verdict.representation)
        response["ETag"] = verdict.etag
        return response

    def _change_verdict(self, request: Request, claim: Claim) -> Response:
        body = VerdictChangeRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = expected_version(request, claim)
        services.change_verdict(
            claim,
            to=body.validated_data["to"],
            editor=roles.signed_in(request.user),
            rationale=body.validated_data["rationale"],
            evidence=body.validated_data["evidence"],
            expected_version=version,
        )
        claim.refresh_from_db()
        location = api_url(request, "claim-verdict", claim.public_id)
        return Response(
            verdict_representation(claim),
            status=status.HTTP_201_CREATED,
            headers={
                "ETag": claim_etag(claim),
                "Last-Modified": http_date(int(claim.updated_at.timestamp())),
                "Location": location,
            },
        )

    @extend_schema(
        summary="ClaimReview export of a claim",
        description=(
            "The claim's review as schema.org ClaimReview (JSON-LD): the verdict on a 1–5 "
            "scale (denied 1 False, retracted 2, disputed 3, partly confirmed 4, confirmed 5 "
            "True) with the newsroom's word as `alternateName`. 404 while the claim is "
            "unverified: there is no review to export."
        ),
        responses={
            200: OpenApiResponse(
                response=JSON_LD_SCHEMA,
                examples=[OpenApiExample("C0, confirmed", value=CLAIM_REVIEW_EXAMPLE)],
            ),
            **CONDITIONAL_GET,
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONLDRenderer, JSONRenderer])
    def claimreview(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        if claim.verdict == Verdict.UNVERIFIED:
            raise exceptions.NotFound(
                "This claim is unverified: there is no review to export until an editor "
                "decides a verdict."
            )
        claim = claimreview.reviewable_claims(Claim.objects.filter(pk=claim.pk)).get()
        return Response(claimreview.claim_review(claim, url=claim_url(request, claim)))


# --- Statements -------------------------------------------------------------------------------


@extend_schema(tags=["statements"])
@extend_schema_view(
    list=extend_schema(
        summary="List statements",
        description="Positions actors took on claims, as recorded in sources.",
        responses={200: StatementSerializer, **CONDITIONAL_GET},
    ),
    retrieve=extend_schema(
        summary="Get a statement", responses={200: StatementSerializer, **CONDITIONAL_GET}
    ),
)
class StatementViewSet(ApiViewMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """An actor's position on a claim, as recorded in a source."""

    serializer_class = StatementSerializer
    filter_backends = [FilterBackend]
    filterset_class = StatementFilter
    ordering_fields = ("said_at", "recorded_at")
    modified_fields = ("recorded_at",)

    def get_queryset(self) -> QuerySet[Statement]:
        return selectors.statement_list()

    def get_permissions(self) -> list[BasePermission]:
        permissions = super().get_permissions()
        if self.action == "create":
            permissions.append(CanRecordStatements())
        return permissions

    @extend_schema(
        summary="Record a statement",
        description=(
            "Record an actor's position on a claim. Needs the editor role and a write token or "
            "a session. A statement against the current verdict (denying a confirmed claim) "
            "opens a review flag."
        ),
        request=StatementCreateSerializer,
        responses={201: StatementSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = StatementCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        statement = services.record_statement(
            **body.validated_data, recorded_by=roles.signed_in(request.user)
        )
        statement = self.get_queryset().get(pk=statement.pk)
        location = api_url(request, "statement-detail", statement.public_id)
        return Response(
            self.get_serializer(statement).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class StatementsOfView(ApiViewMixin, generics.ListAPIView):
    """Statements of one claim or one actor: /claims/{id}/statements/, /actors/{id}/statements/."""

    serializer_class = StatementSerializer
    filter_backends = [FilterBackend]
    filterset_class = StatementFilter
    ordering_fields = ("said_at", "recorded_at")
    modified_fields = ("recorded_at",)
    parent_model: type[Model]
    parent_field: str

    def get_queryset(self) -> QuerySet[Statement]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular inspecting the view
            return Statement.objects.none()
        parent = lookup(self.parent_model._default_manager.all(), self.kwargs["id"])
        return selectors.statement_list().filter(**{self.parent_field: parent})


@extend_schema(
    tags=["claims"],
    summary="A claim's statements",
    description="Every position taken on the claim; the statement filters apply.",
    parameters=[ID_PARAMETER],
    responses={200: StatementSerializer(many=True), **CONDITIONAL_GET},
)
class ClaimStatementsView(StatementsOfView):
    parent_model = Claim
    parent_field = "claim"


@extend_schema(
    tags=["actors"],
    summary="An actor's statements",
    description="Every position the actor took; the statement filters apply.",
    parameters=[ID_PARAMETER],
    responses={200: StatementSerializer(many=True), **CONDITIONAL_GET},
)
class ActorStatementsView(StatementsOfView):
    parent_model = Actor
    parent_field = "actor"


# --- Review flags -----------------------------------------------------------------------------


@extend_schema(tags=["review flags"])
@extend_schema_view(
    list=extend_schema(
        summary="List review flags",
        description="The editors' review queue: why claims need an editor. Editors only.",
        responses={200: ReviewFlagSerializer, **CONDITIONAL_GET},
    ),
    retrieve=extend_schema(
        summary="Get a review flag", responses={200: ReviewFlagSerializer, **CONDITIONAL_GET}
    ),
)
class ReviewFlagViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Review flags: opened by the workflow, resolved by editors."""

    serializer_class = ReviewFlagSerializer
    filter_backends = [FilterBackend]
    filterset_class = ReviewFlagFilter
    ordering_fields = ("opened_at", "resolved_at")
    modified_fields = ("opened_at", "resolved_at")

    def get_queryset(self) -> QuerySet[ReviewFlag]:
        return selectors.review_flag_list()

    def get_permissions(self) -> list[BasePermission]:
        return [*super().get_permissions(), Authenticated(), CanResolveFlags()]

    @extend_schema(
        summary="Resolve a review flag",
        description="Close an open flag with a note. Editors only; a resolved flag gets 400.",
        request=ResolveFlagSerializer,
        responses={200: ReviewFlagSerializer},
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        flag = self.get_object()
        body = ResolveFlagSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        flag = services.resolve_flag(
            flag, editor=roles.signed_in(request.user), note=body.validated_data["note"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=flag.pk)).data)


# --- Changes feed -----------------------------------------------------------------------------


@extend_schema(
    tags=["changes"],
    summary="Follow every change",
    description=(
        "Every verdict change, new statement and source health change, in the order they were "
        "committed (review-flag events too, for editors). Start with `since=0` (or the last id "
        "you stored), then pass `next_since` from each response as the next `since`; with "
        "`has_more` false, wait before asking again. Ids grow in commit order, so resuming "
        "from the last id seen never misses an event, however many are written meanwhile."
    ),
    parameters=[
        OpenApiParameter(
            "since",
            {"type": "integer", "format": "int64", "minimum": 0, "maximum": 2**63 - 1},
            description="Return events after this id (0: from the start).",
            default=0,
        ),
        OpenApiParameter(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": 500},
            description="Events per response, 1 to 500.",
            default=100,
        ),
        OpenApiParameter(
            "kind",
            OpenApiTypes.STR,
            enum=EventKind.values,
            many=True,
            explode=True,
            description="Only these kinds of events (repeat the parameter).",
        ),
    ],
    responses={200: ChangesPageSerializer, **CONDITIONAL_GET},
)
class ChangesView(ApiViewMixin, APIView):
    """The changes log, for clients that keep a mirror of ClaimTrack up to date."""

    modified_fields = ("occurred_at",)

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = ChangesQuerySerializer(
            data={
                **{k: v for k, v in request.query_params.items() if k in ("since", "limit")},
                **(
                    {"kind": request.query_params.getlist("kind")}
                    if "kind" in request.query_params
                    else {}
                ),
            }
        )
        if not query.is_valid():
            raise invalid_parameters(query.errors)
        since, limit = query.validated_data["since"], query.validated_data["limit"]
        allowed = set(selectors.event_kinds_visible_to(request.user))
        kinds = set(query.validated_data.get("kind") or allowed)
        if not kinds <= allowed:
            raise InvalidRequest(
                [{"parameter": "kind", "detail": "Review-flag events are for editors."}],
                "Some query parameters are not valid.",
            )
        events = selectors.change_events(since=since, limit=limit + 1, kinds=sorted(kinds))
        has_more = len(events) > limit
        events = events[:limit]
        self.note_modified(events)
        next_since = events[-1].id if events else since
        next_url = request.build_absolute_uri()
        return Response(
            {
                "results": ChangeEventSerializer(events, many=True).data,
                "next_since": next_since,
                "has_more": has_more,
                "next": replace_query_param(next_url, "since", next_since),
            }
        )


__all__ = [
    "ActorStatementsView",
    "ChangesView",
    "ClaimStatementsView",
    "ClaimViewSet",
    "ReviewFlagViewSet",
    "StatementViewSet",
    "TopicViewSet",
]
