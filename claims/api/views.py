"""Views of the claims API: each checks permission, parses input and calls one selector or
service. Verdicts change only through services.change_verdict."""

import json
import re
import uuid
from typing import TYPE_CHECKING, Any, cast

from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
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
from api.renderers import (
    CSVRenderer,
    FormatParameterNegotiation,
    JSONLDRenderer,
    PrerenderedJSONRenderer,
)
from api.views import ApiViewMixin, FilterBackend, lookup, parse_public_id
from common import roles
from common.moments import NOW, Moment

from .. import claimreview, selectors, services
from ..filters import ClaimFilter, ReviewFlagFilter, StatementFilter, TopicFilter
from ..models import (
    Claim,
    EventKind,
    FlagReason,
    ReviewFlag,
    Statement,
    Topic,
    Verdict,
    VerdictChange,
)
from ..moments import MomentInvalid, moment_from, window_from
from ..selectors.matrix import stance_matrix, support_of_claims
from .corroboration import ClaimDetailSerializer
from .estimates import (
    EstimatesSerializer,
    estimate_errors,
    estimate_filters,
    estimates_response,
)
from .serializers import (
    ChangeEventSerializer,
    ChangesBetweenSerializer,
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
from .story_pages import (
    MATRIX_PARAMETERS,
    SLICE_PARAMETERS,
    StanceMatrixSerializer,
    matrix_size,
    serialize_matrix,
    slice_asked,
    with_next,
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


def verdict_representation(
    claim: Claim | selectors.VerdictState, history: QuerySet[VerdictChange] | None = None
) -> dict[str, Any]:
    """The verdict GET's body; `history` (the changes to show) defaults to every change."""
    data = VerdictSerializer(
        {
            "claim": claim.public_id,
            "verdict": claim.verdict,
            "version": claim.version,
            "etag": claim_etag(claim),
            # Up to this version only: the body is kept under it (verdict_body), and a change
            # that commits meanwhile belongs to the next.
            "history": selectors.verdict_history(claim.pk, among=history).filter(
                version__lte=claim.version
            ),
        }
    ).data
    return json.loads(JSONRenderer().render(data))  # plain types, to keep in the cache


def cached_verdict(public_id: uuid.UUID) -> selectors.CachedVerdict | None:
    """The claim's verdict as a poll answers it, from the shared cache while its entry lives,
    or None when no claim has this id (kept too).

    A miss reads the state and builds the body, and stores them with `add`, which never
    replaces an entry: a poll that read the row just before a change committed cannot overwrite
    the state the change wrote (services.refresh_cached_verdict).
    """

    def load() -> selectors.CachedVerdict | None:
        state = selectors.verdict_state(public_id)
        if state is None:
            return None
        return selectors.CachedVerdict(state, verdict_representation(state))

    return cache.get_or_set(
        selectors.verdict_cache_key(public_id), load, selectors.VERDICT_CACHE_SECONDS
    )


def verdict_body(verdict: selectors.CachedVerdict) -> dict[str, Any]:
    """The body of a verdict GET (200). An entry a write stored has the state alone; its body
    is then built once per version and kept beside it (a version's body never changes: the
    verdict history is append-only), until a poll's miss stores state and body together again.
    """
    if verdict.body is not None:
        return verdict.body
    state = verdict.state
    body = cache.get_or_set(
        f"claims:verdict-body:{state.public_id}:v{state.version}",
        lambda: verdict_representation(state),
        selectors.VERDICT_CACHE_SECONDS,
    )
    return cast(dict[str, Any], body)  # what verdict_representation returned, never None


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


# --- Answers for a past moment ----------------------------------------------------------------

# A date or an ISO 8601 date-time (common.moments.parse_moment); whether it is a real day, not
# in the future and (as_of) not before the first entry, only the server can tell.
MOMENT_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$"
)

AS_OF_PARAMETERS = [
    OpenApiParameter(
        "as_of",
        OpenApiTypes.STR,
        pattern=MOMENT_PATTERN,
        description=(
            "Answer with what the newsroom knew at this moment (the knowledge clock): the rows "
            "recorded by then, each as it read then, the verdict in force then. A date "
            "(`2024-10-23`, the end of that day in the newsroom's time zone) or a date-time "
            "(`2024-10-23T14:00:00+02:00`). Not in the future, not before the first entry. "
            "The response's `As-Of` header names the moment answered for; answers about a "
            "moment more than a minute past never change, so they carry a strong ETag and "
            "may be kept for good."
        ),
        examples=[OpenApiExample("23 October 2024", value="2024-10-23")],
    ),
    OpenApiParameter(
        "said_by",
        OpenApiTypes.STR,
        pattern=MOMENT_PATTERN,
        description=(
            "Answer with what had been said, published or decided by this moment (the event "
            "clock), whenever it was recorded. Same forms as `as_of`; may be given with it. "
            "The `Said-By` header names the moment answered for."
        ),
    ),
]
STATEMENTS_AS_OF = (
    "With `as_of` or `said_by`, the statements known (or said) then, as they read then; `q`, "
    "`topic`, `verdict`, `source_health`, `has_quantity` and `has_open_flag` look at what "
    "related rows read today and are refused with a 400."
)


MOMENT_400 = {
    400: OpenApiResponse(
        description="`as_of` or `said_by` is not a date, is in the future, or (`as_of`) is "
        "before the first entry."
    )
}


if TYPE_CHECKING:
    # Checked against the views it is mixed into.
    class _MomentViewBase(ApiViewMixin[Any], viewsets.GenericViewSet[Any]): ...
else:
    _MomentViewBase = object


WINDOW_PARAMETERS = [
    OpenApiParameter(
        "from",
        OpenApiTypes.STR,
        required=True,
        pattern=MOMENT_PATTERN,
        description="Compare from this moment: a date (the end of that day in the newsroom's "
        "time zone) or a date-time.",
        examples=[OpenApiExample("19 October 2024", value="2024-10-19")],
    ),
    OpenApiParameter(
        "to",
        OpenApiTypes.STR,
        pattern=MOMENT_PATTERN,
        description="Compare to this moment (default now). Answers between two settled moments "
        "never change: strong ETag, may be kept for good.",
        examples=[OpenApiExample("25 October 2024", value="2024-10-25")],
    ),
]
WINDOW_400 = {
    400: OpenApiResponse(
        description="`from` is missing, or `from` or `to` is not a date, is in the future, or "
        "`from` is not before `to`."
    )
}


ESTIMATE_PARAMETERS = [
    OpenApiParameter(
        "measure",
        OpenApiTypes.UUID,
        description="Only the figures of this measure of the topic (its id; another id "
        "matches nothing).",
    ),
    OpenApiParameter("actor", OpenApiTypes.UUID, description="Only this actor's figures."),
    OpenApiParameter(
        "kind", OpenApiTypes.STR, enum=["observation", "projection"], description="Only these."
    ),
    OpenApiParameter(
        "refers_from",
        OpenApiTypes.DATE,
        description="Only figures referring to this day or later (the last day of the period "
        "they name: “by December 2024” is 2024-12-31). Figures without a moment are left out.",
    ),
    OpenApiParameter(
        "refers_until",
        OpenApiTypes.DATE,
        description="Only figures referring to this day or earlier (as `refers_from`).",
    ),
    OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["json", "csv"],
        description="`csv` for a spreadsheet download (as `Accept: text/csv`): one row per figure.",
    ),
]


def estimates_schema(what: str) -> Any:
    """The schema of …/estimates/ (topics and claims)."""
    return extend_schema(
        summary=f"The figures given on {what}",
        description=(
            f"Every statement on {what} that carries a figure (value or bounds, unit, qualifier, "
            "observed or projected, the moment it refers to), with the topic's measures: one "
            "chart per measure, one line per actor. Ordered by measure, actor and `at`. Not "
            "paginated. With `as_of`, each statement as it read then (a figure corrected later "
            "reads as it did); with `said_by`, the figures said by then. As CSV with "
            "`Accept: text/csv` or `?format=csv`."
        ),
        parameters=[*ESTIMATE_PARAMETERS, *AS_OF_PARAMETERS],
        responses={
            (200, "application/json"): EstimatesSerializer,
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR, description="One row per figure, with a header."
            ),
            **CONDITIONAL_GET,
            400: OpenApiResponse(
                description="A filter is not valid (an id that is no UUID, a kind that is "
                "neither, a date that is not one, `refers_until` before `refers_from`, an "
                "unknown format), or `as_of`/`said_by` is not a moment that can be answered for."
            ),
        },
    )


# What …/estimates/ answers in: JSON, or CSV for a spreadsheet (Accept or ?format=).
ESTIMATES_RENDERERS = [PrerenderedJSONRenderer, CSVRenderer]


def changes_schema(what: str) -> Any:
    """The schema of a …/changes/ endpoint (topics and claims; actors' is its own view)."""
    return extend_schema(
        summary=f"What changed about {what} between two moments",
        description=(
            "What the newsroom learned after `from` and by `to` (default now), in its own words: "
            "claims and statements added, corrected or removed, stance changes per actor, "
            "verdict changes with their rationale, estimates that moved, sources added, changed "
            "or gone. Both moments are on the knowledge clock (when things were entered). "
            "Oldest first; not paginated."
        ),
        parameters=WINDOW_PARAMETERS,
        responses={200: ChangesBetweenSerializer, **CONDITIONAL_GET, **WINDOW_400},
    )


class AnswersAsOfMixin(_MomentViewBase):
    """For API views whose GETs can answer for a past moment (`as_of`, `said_by`).

    `moment_actions` name the actions that can; the others refuse the two parameters with a
    400 (api.views.ApiViewMixin) rather than answer for now while the client thinks it asked
    about the past.
    """

    moment_actions: tuple[str, ...] = ()
    moment: Moment = NOW

    def answers_for_past_moments(self) -> bool:
        # Views that are not viewsets have one action, their list.
        return getattr(self, "action", "list") in self.moment_actions

    def filters_refused_for(self, moment: Moment) -> tuple[str, ...]:
        """The query parameters a list cannot answer for a past moment: those that look at
        what a row's relations read today (a claim's open flags, a source's health now)."""
        return ()

    def finish_page(self, rows: list[Any]) -> list[Any]:
        """A page of a past moment's list as the rows that stood then (list views override)."""
        return rows

    def paginate_queryset(self, queryset: Any) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        if page is None or self.moment.is_now:
            return page
        return self.finish_page(page)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # refuses the parameters where not answered
        if request.method not in ("GET", "HEAD") or not self.answers_for_past_moments():
            return
        try:
            self.moment = moment_from(request.query_params, blank_means_now=False)
        except MomentInvalid as exc:
            raise invalid_parameters(exc.errors) from exc
        if self.moment.is_now:
            return
        refused = [
            name for name in self.filters_refused_for(self.moment) if request.query_params.get(name)
        ]
        if refused:
            raise invalid_parameters(
                {
                    name: "Not available for a past moment: it filters by what related rows "
                    "read today. Drop it, or ask without as_of and said_by."
                    for name in refused
                }
            )
        self.final_answer = self.moment.is_settled

    # As in api.conditional: DRF passes through any HttpResponseBase, the stubs say Response.
    def finalize_response(  # type: ignore[override]
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.moment.as_of is not None:
            response["As-Of"] = self.moment.as_of.isoformat()
        if self.moment.said_by is not None:
            response["Said-By"] = self.moment.said_by.isoformat()
        return response

    def changes_between(self, **scope: Any) -> Response:
        """GET …/changes/?from=&to=: what changed between the two moments (one topic, claim or
        actor, as `scope` says)."""
        try:
            since, until = window_from(self.request.query_params)
        except MomentInvalid as exc:
            raise invalid_parameters(exc.errors) from exc
        # An answer about two settled moments cannot change; "to now" can.
        self.final_answer = "to" in self.request.query_params and Moment(as_of=until).is_settled
        changes = selectors.changes_between(since, until, **scope)
        return Response(
            ChangesBetweenSerializer({"from": since, "to": until, "changes": changes}).data
        )

    def claim_at_moment(self, claim: Claim) -> Claim:
        """The claim as it stood at the moment asked about; 404 if it was not known then."""
        if self.moment.is_now:
            return claim
        then = selectors.claim_as_of(claim, self.moment)
        if then is None:
            raise exceptions.NotFound("This claim was not known (or not yet asserted) then.")
        return then


# --- Topics -----------------------------------------------------------------------------------


@extend_schema(tags=["topics"])
@extend_schema_view(
    list=extend_schema(summary="List topics", responses={200: TopicSerializer, **CONDITIONAL_GET}),
    retrieve=extend_schema(
        summary="Get a topic", responses={200: TopicSerializer, **CONDITIONAL_GET}
    ),
)
class TopicViewSet(AnswersAsOfMixin, ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Story threads ("DPRK troops in Russia"); claims belong to topics."""

    moment_actions = ("timeline", "matrix", "quantities", "estimates", "claimreview")

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
            "claims. Whole, or in slices with `page_size` (the dashboards read it so)."
        ),
        parameters=[*AS_OF_PARAMETERS, *SLICE_PARAMETERS],
        responses={200: TopicTimelineSerializer, **CONDITIONAL_GET, **MOMENT_400},
    )
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        topic = self.get_object()
        asked = slice_asked(request)
        if asked is None:
            entries = selectors.topic_timeline(topic, self.moment)
            support = selectors.support_in_timeline(entries, self.moment)
            return Response(serialize_topic_timeline(topic, entries, support))
        after, size = asked
        part = selectors.topic_timeline_slice(topic, self.moment, after=after, limit=size)
        # The support of the slice's claims from all their statements, not the slice's few.
        claim_ids = {entry.claim.pk for entry in part.entries if entry.claim is not None}
        support = support_of_claims(claim_ids, self.moment)
        body = serialize_topic_timeline(topic, part.entries, support)
        return Response(with_next(body, request, part))

    @extend_schema(
        summary="A topic's stance matrix",
        description=(
            "The claims (rows) and actors (columns) of the topic with the most statements, with "
            "the statements between them and how many claims and actors there are in all: the "
            "topic page shows the most active first and offers the rest."
        ),
        parameters=[*AS_OF_PARAMETERS, *MATRIX_PARAMETERS],
        responses={200: StanceMatrixSerializer, **CONDITIONAL_GET, **MOMENT_400},
    )
    @action(detail=True, methods=["get"])
    def matrix(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        topic = self.get_object()
        claims, actors = matrix_size(request)
        matrix = stance_matrix(topic, self.moment, claims=claims, actors=actors)
        return Response(serialize_matrix(topic, matrix))

    @extend_schema(
        summary="A topic's numeric estimates over time",
        description=(
            "One series per claim with a quantity, each with a point per statement on it: how "
            "the estimates moved (1,500 → 3,000 soldiers, and the projected 12,000). Observed "
            "figures come first in time order, projections after them."
        ),
        parameters=AS_OF_PARAMETERS,
        responses={200: TopicQuantitiesSerializer, **CONDITIONAL_GET, **MOMENT_400},
    )
    @action(detail=True, methods=["get"])
    def quantities(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        topic = self.get_object()
        series = selectors.topic_quantity_series(topic, self.moment)
        return Response(serialize_topic_quantities(topic, series))

    @estimates_schema("the topic's claims")
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=ESTIMATES_RENDERERS,
        content_negotiation_class=FormatParameterNegotiation,
    )
    def estimates(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        topic = self.get_object()
        filters = estimate_filters(request)
        return estimates_response(
            request,
            lambda: selectors.topic_estimates(topic, self.moment, **filters),
            topic=topic,
            filters=filters,
            moment=self.moment,
        )

    @changes_schema("a topic")
    @action(detail=True, methods=["get"])
    def changes(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.changes_between(topic=self.get_object())

    @extend_schema(
        summary="ClaimReview export of a topic",
        description=(
            "The ClaimReviews (schema.org JSON-LD) of the topic's decided claims as one "
            "`@graph`; unverified claims are left out."
        ),
        parameters=AS_OF_PARAMETERS,
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
            **MOMENT_400,
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONLDRenderer, JSONRenderer])
    def claimreview(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        topic = self.get_object()
        return Response(
            claimreview.topic_claim_reviews(
                topic, url_of=lambda c: claim_url(request, c), moment=self.moment
            )
        )


# --- Claims -----------------------------------------------------------------------------------


@extend_schema(tags=["claims"])
@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description=(
            "Claims, filtered, searched (`q`) and ordered; cursor-paginated. With `as_of` or "
            "`said_by`, the claims known (or asserted) then, as they read then; `q`, `actor`, "
            "`stance`, `source_health` and `has_open_flag` (and with `said_by`, `verdict`) "
            "look at what related rows read today and are refused with a 400."
        ),
        parameters=AS_OF_PARAMETERS,
        responses={200: ClaimSerializer, **CONDITIONAL_GET, **MOMENT_400},
    ),
)
class ClaimViewSet(AnswersAsOfMixin, ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Checkable propositions, with their verdicts."""

    moment_actions = ("list", "retrieve", "timeline", "estimates", "verdict", "claimreview")

    serializer_class = ClaimSerializer
    filter_backends = [FilterBackend]
    filterset_class = ClaimFilter
    ordering_fields = ("first_asserted_on", "recorded_at", "updated_at")
    modified_fields = ("updated_at",)

    def get_queryset(self) -> QuerySet[Claim]:
        if self.action == "list" and not self.moment.is_now:
            return selectors.claim_list_as_of(self.moment)  # historical records: see finish_page
        return selectors.claim_list()

    def filters_refused_for(self, moment: Moment) -> tuple[str, ...]:
        # The origin counts kept on the claim are today's; a past page counts its own claims.
        refused = (
            "q",
            "actor",
            "stance",
            "source_health",
            "has_open_flag",
            "independent_origins__gte",
            "independent_origins__lte",
        )
        # The verdict filter reads the knowledge clock's version of the claim; the event
        # clock's verdict in force is only known once a page is read.
        return (*refused, "verdict") if moment.said_by is not None else refused

    def finish_page(self, rows: list[Any]) -> list[Any]:
        claims = selectors.finish_claims(rows, self.moment)
        return selectors.count_claims_as_of(claims, self.moment)

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
        parameters=AS_OF_PARAMETERS,
        responses={200: ClaimDetailSerializer, **CONDITIONAL_GET, **MOMENT_400},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.claim_at_moment(self.get_object())
        self.etag_prefix = claim_etag_name(claim)
        corroboration = selectors.corroboration(claim, self.moment)
        # The counts as of the moment asked about (those kept on the claim are today's); for
        # the present they are the kept ones, counted the same way.
        claim.independent_origins = corroboration.supporting.independent_origins
        claim.supporting_reports = corroboration.supporting.reports
        context = {**self.get_serializer_context(), "corroboration": corroboration}
        return Response(ClaimDetailSerializer(claim, context=context).data)

    @extend_schema(
        summary="A claim's timeline",
        description=(
            "Statements, verdict changes, source events (re-checks that changed the health of a "
            "source the claim's statements cite) and related claims, in time order. Each entry "
            "has type, time, actor, stance, quote and source; members that do not apply are "
            "null. Whole, or in slices with `page_size` (the dashboards read it so)."
        ),
        parameters=[*AS_OF_PARAMETERS, *SLICE_PARAMETERS],
        responses={200: ClaimTimelineSerializer, **CONDITIONAL_GET, **MOMENT_400},
    )
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.claim_at_moment(self.get_object())
        asked = slice_asked(request)
        if asked is None:
            return Response(
                serialize_claim_timeline(claim, selectors.claim_timeline(claim, self.moment))
            )
        after, size = asked
        part = selectors.claim_timeline_slice(claim, self.moment, after=after, limit=size)
        return Response(with_next(serialize_claim_timeline(claim, part.entries), request, part))

    @estimates_schema("the claim")
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=ESTIMATES_RENDERERS,
        content_negotiation_class=FormatParameterNegotiation,
    )
    def estimates(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.claim_at_moment(self.get_object())
        filters = estimate_filters(request)
        return estimates_response(
            request,
            lambda: selectors.claim_estimates(claim, self.moment, **filters),
            topic=claim.topic,
            claim=claim,
            filters=filters,
            moment=self.moment,
        )

    @changes_schema("a claim")
    @action(detail=True, methods=["get"])
    def changes(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.changes_between(claim=self.get_object())

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
        parameters=AS_OF_PARAMETERS,
        responses={200: VerdictSerializer, **CONDITIONAL_GET, **MOMENT_400},
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
        if not self.moment.is_now:
            claim = self.claim_at_moment(self.get_object())
            changes = selectors.verdict_changes_as_of(self.moment, claim=claim)
            response = Response(verdict_representation(claim, history=changes))
            response["ETag"] = claim_etag(claim)
            return response
        # Polling clients call this most: answered from the cache, most polls need no query.
        public_id = parse_public_id(self.kwargs[self.lookup_url_kwarg], Claim)
        verdict = cached_verdict(public_id)
        if verdict is None:
            raise exceptions.NotFound(f"No claim has the id {public_id}.")
        etag, updated_at = claim_etag(verdict.state), verdict.state.updated_at
        self.last_modified = updated_at
        not_modified = evaluate_preconditions(request, etag=etag, last_modified=updated_at)
        if not_modified is not None:
            return not_modified
        response = Response(verdict_body(verdict))
        response["ETag"] = etag
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
            note=body.validated_data["note"],
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
        parameters=AS_OF_PARAMETERS,
        responses={
            200: OpenApiResponse(
                response=JSON_LD_SCHEMA,
                examples=[OpenApiExample("C0, confirmed", value=CLAIM_REVIEW_EXAMPLE)],
            ),
            **CONDITIONAL_GET,
            **MOMENT_400,
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONLDRenderer, JSONRenderer])
    def claimreview(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.claim_at_moment(self.get_object())
        if claim.verdict == Verdict.UNVERIFIED:
            raise exceptions.NotFound(
                "This claim is unverified: there is no review to export until an editor "
                "decides a verdict."
            )
        if self.moment.is_now:
            claim = claimreview.reviewable_claims(Claim.objects.filter(pk=claim.pk)).get()
        else:
            (claim,) = claimreview.reviewable_claims_as_of([claim], self.moment)
        return Response(claimreview.claim_review(claim, url=claim_url(request, claim)))


# --- Statements -------------------------------------------------------------------------------


class StatementListsAsOf(AnswersAsOfMixin):
    """Statement lists that answer for a past moment (`as_of`, `said_by`)."""

    moment_actions = ("list",)

    def filters_refused_for(self, moment: Moment) -> tuple[str, ...]:
        return ("q", "topic", "verdict", "source_health", "has_quantity", "has_open_flag")

    def finish_page(self, rows: list[Any]) -> list[Any]:
        return selectors.finish_statements(rows, self.moment)


@extend_schema(tags=["statements"])
@extend_schema_view(
    list=extend_schema(
        summary="List statements",
        description="Positions actors took on claims, as recorded in sources. " + STATEMENTS_AS_OF,
        parameters=AS_OF_PARAMETERS,
        responses={200: StatementSerializer, **CONDITIONAL_GET, **MOMENT_400},
    ),
    retrieve=extend_schema(
        summary="Get a statement", responses={200: StatementSerializer, **CONDITIONAL_GET}
    ),
)
class StatementViewSet(
    StatementListsAsOf, ApiViewMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """An actor's position on a claim, as recorded in a source."""

    serializer_class = StatementSerializer
    filter_backends = [FilterBackend]
    filterset_class = StatementFilter
    ordering_fields = ("said_at", "recorded_at")
    modified_fields = ("recorded_at",)

    def get_queryset(self) -> QuerySet[Statement]:
        if self.action == "list" and not self.moment.is_now:
            return selectors.statement_list_as_of(self.moment)
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
        try:
            statement = services.record_statement(
                **body.validated_data, recorded_by=roles.signed_in(request.user)
            )
        except DjangoValidationError as exc:
            raise estimate_errors(exc) from exc
        statement = self.get_queryset().get(pk=statement.pk)
        location = api_url(request, "statement-detail", statement.public_id)
        return Response(
            self.get_serializer(statement).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class StatementsOfView(StatementListsAsOf, ApiViewMixin, generics.ListAPIView):
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
        if not self.moment.is_now:
            return selectors.statement_list_as_of(
                self.moment, **{f"{self.parent_field}_id": parent.pk}
            )
        return selectors.statement_list().filter(**{self.parent_field: parent})


@extend_schema(
    tags=["claims"],
    summary="A claim's statements",
    description="Every position taken on the claim; the statement filters apply. "
    + STATEMENTS_AS_OF,
    parameters=[ID_PARAMETER, *AS_OF_PARAMETERS],
    responses={200: StatementSerializer(many=True), **CONDITIONAL_GET, **MOMENT_400},
)
class ClaimStatementsView(StatementsOfView):
    parent_model = Claim
    parent_field = "claim"


@extend_schema(
    tags=["actors"],
    summary="An actor's statements",
    description="Every position the actor took; the statement filters apply. " + STATEMENTS_AS_OF,
    parameters=[ID_PARAMETER, *AS_OF_PARAMETERS],
    responses={200: StatementSerializer(many=True), **CONDITIONAL_GET, **MOMENT_400},
)
class ActorStatementsView(StatementsOfView):
    parent_model = Actor
    parent_field = "actor"


@extend_schema(
    tags=["actors"],
    summary="What changed about an actor between two moments",
    description=(
        "What the newsroom learned after `from` and by `to` (default now) about the actor's "
        "statements: added, corrected or removed, its stance changes, and the verdicts and "
        "sources of the claims it spoke about. Both moments are on the knowledge clock."
    ),
    parameters=[ID_PARAMETER, *WINDOW_PARAMETERS],
    responses={200: ChangesBetweenSerializer, **CONDITIONAL_GET, **WINDOW_400},
)
class ActorChangesView(AnswersAsOfMixin, ApiViewMixin[Actor], generics.GenericAPIView[Actor]):
    queryset = Actor.objects.all()

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.changes_between(actor=self.get_object())


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
        editor, note = roles.signed_in(request.user), body.validated_data["note"]
        outcome = body.validated_data.get("outcome")
        if flag.reason == FlagReason.PROJECTION_DUE and flag.statement is not None:
            if outcome is None:
                raise exceptions.ValidationError(
                    {"outcome": "Say what became of the projection to resolve this flag."}
                )
            services.estimates.record_projection_outcome(
                flag.statement, outcome=outcome, rationale=note, editor=editor
            )
        elif outcome is not None:
            raise exceptions.ValidationError(
                {"outcome": "Only a due projection's flag takes an outcome."}
            )
        else:
            flag = services.resolve_flag(flag, editor=editor, note=note)
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
