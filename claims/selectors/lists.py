"""The lists the API and the pages read: claims, statements, flags, histories, events."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from actors.models import Actor
from common import roles
from sources.models import Source

from ..models import (
    ChangeEvent,
    Claim,
    ClaimRelation,
    EventKind,
    ReviewFlag,
    Statement,
    Topic,
    VerdictChange,
)


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.annotate(claim_count=Count("claims"))


def topic_directory() -> QuerySet[Topic]:
    """Topics for the topics index (/topics/): how many claims each has and when the last of
    them changed."""
    return Topic.objects.annotate(
        claim_count=Count("claims"), latest_activity=Max("claims__updated_at")
    )


def topics_named(name: str) -> list[int]:
    """Ids of the topics whose title or slug is `name` (any case): what a filter form's topic
    field resolves its text to."""
    name = name.strip()
    return list(
        Topic.objects.filter(Q(title__iexact=name) | Q(slug__iexact=name)).values_list(
            "pk", flat=True
        )
    )


def sources_titled(title: str) -> list[int] | QuerySet[Source]:
    """The ids of the sources titled `title` (any case), or else the sources whose title
    contains it: a filter form's source field takes a whole title from the type-ahead or a
    part of one (which may match many, so it stays a query)."""
    title = title.strip()
    exact = list(Source.objects.filter(title__iexact=title).values_list("pk", flat=True))
    return exact or Source.objects.filter(title__icontains=title)


def actor_statement_counts(actor_ids: Iterable[int]) -> dict[int, int]:
    """How many statements each of these actors made: for a page of the actors directory
    (actors must not import claims, so the count is read here)."""
    counts = (
        Statement.objects.filter(actor_id__in=list(actor_ids))
        .order_by()
        .values("actor_id")
        .annotate(count=Count("id"))
    )
    return {row["actor_id"]: row["count"] for row in counts}


def claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related("topic", "claimant")


def statement_list() -> QuerySet[Statement]:
    return Statement.objects.select_related("claim", "actor", "source", "estimate_measure").defer(
        "source__text"
    )


def statement_directory() -> QuerySet[Statement]:
    """Statements for the statements list (/statements/) and its CSV, with speaker, claim and
    source; the source's stored text is left out."""
    return Statement.objects.select_related("claim", "actor", "source").defer("source__text")


def review_flag_list() -> QuerySet[ReviewFlag]:
    return ReviewFlag.objects.select_related(
        "claim", "source", "statement", "resolved_by", "opened_by"
    ).defer("source__text")


def claim_statements(claim: Claim) -> list[Statement]:
    """The claim's statements in time order, with speaker and source."""
    return list(
        statement_list()
        .filter(claim=claim)
        .select_related("actor", "source__publisher")
        .order_by("said_at", "id")
    )


def actor_statements(actor: Actor) -> list[Statement]:
    """The actor's statements over time, with claim (and its topic) and source."""
    return list(
        statement_list()
        .filter(actor=actor)
        .select_related("claim__topic")
        .order_by("said_at", "id")
    )


def verdict_history(
    claim: Claim | int, among: QuerySet[VerdictChange] | None = None
) -> QuerySet[VerdictChange]:
    """The claim's (or claim id's) verdict changes, oldest first, with who decided and the
    evidence; only those `among` a narrower set when given (the changes known at a moment)."""
    changes = VerdictChange.objects.all() if among is None else among
    return (
        changes.filter(claim=claim)
        .select_related("editor")
        .prefetch_related(Prefetch("evidence", queryset=Source.objects.only("public_id", "title")))
        .order_by("version")
    )


@dataclass(frozen=True)
class RelatedClaim:
    kind: str
    direction: str  # "outgoing": this claim <kind> the other; "incoming": the other <kind> this
    claim: Claim
    note: str
    recorded_at: datetime


def related_claim(relation: ClaimRelation, *, seen_from: Claim | None) -> RelatedClaim:
    """The relation as `seen_from` sees it: outgoing from its from_claim (or from anywhere, when
    no claim is given), incoming to its to_claim."""
    outgoing = seen_from is None or relation.from_claim_id == seen_from.pk
    return RelatedClaim(
        kind=relation.kind,
        direction="outgoing" if outgoing else "incoming",
        claim=relation.to_claim if outgoing else relation.from_claim,
        note=relation.note,
        recorded_at=relation.recorded_at,
    )


def claim_relations(claim: Claim) -> list[RelatedClaim]:
    """Relations in both directions: C4 refines C1 shows on C4 (outgoing) and C1 (incoming)."""
    relations = ClaimRelation.objects.filter(Q(from_claim=claim) | Q(to_claim=claim))
    return [
        related_claim(relation, seen_from=claim)
        for relation in relations.select_related("from_claim", "to_claim").order_by(
            "recorded_at", "id"
        )
    ]


# Events everybody may follow; review flags are the editors' business.
PUBLIC_EVENT_KINDS = (
    EventKind.VERDICT_CHANGED,
    EventKind.STATEMENT_RECORDED,
    EventKind.SOURCE_HEALTH_CHANGED,
    EventKind.STATEMENT_CHANGED,
    EventKind.STATEMENT_DELETED,
    EventKind.CLAIM_CHANGED,
    EventKind.CLAIM_DELETED,
    EventKind.STANCE_CHANGED,
    EventKind.PROJECTION_DECIDED,
)


def event_kinds_visible_to(user: roles.UserLike) -> tuple[str, ...]:
    """The kinds of change events `user` may read: the one rule for the changes feed and for
    webhooks (which kinds an owner may subscribe to, and still receive at delivery time)."""
    if roles.can_resolve_flags(user):
        return tuple(EventKind.values)
    return tuple(PUBLIC_EVENT_KINDS)


def change_events(*, since: int, limit: int, kinds: Iterable[str]) -> list[ChangeEvent]:
    """Events after `since` in id order. Ids become visible in increasing order (see
    claims.events.record_event), so resuming from the last id seen never misses one."""
    return list(
        ChangeEvent.objects.filter(id__gt=since, kind__in=list(kinds))
        .select_related("claim", "source")
        .only("id", "kind", "payload", "occurred_at", "claim__public_id", "source__public_id")
        .order_by("id")[:limit]
    )
