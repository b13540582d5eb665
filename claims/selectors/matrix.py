"""The topic page's stance matrix, most active first: a topic of 10,000 claims has hundreds of
actors, and a matrix of all of them is neither readable nor quick (issue #18). The matrix shows
the claims (rows) and actors (columns) with the most statements, and says how many there are in
all, so the page can offer the rest."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from actors.models import Actor
from common.moments import NOW, Moment
from sources.models import Source

from ..models import Claim, Statement, Topic
from .as_of import claim_list_as_of, claims_as_of, rows_then, statement_list_as_of, statements_as_of
from .corroboration import SupportSummary, support_summaries

# The topic page's first screen shows this many claims (rows) and actors (columns); the API
# answers for up to MATRIX_MAX of each.
MATRIX_CLAIMS = 30
MATRIX_ACTORS = 20
MATRIX_MAX = 500


@dataclass(frozen=True)
class StanceMatrix:
    claims: list[Claim]  # the rows shown, most statements first
    actors: list[Actor]  # the columns shown, most statements first
    statements: list[Statement]  # those of the actors shown on the claims shown, in said order
    claim_count: int  # claims with a statement, in all
    actor_count: int  # actors with a statement, in all
    statement_counts: dict[tuple[str, int], int]  # ("claim" | "actor", id) → statements
    support: dict[int, SupportSummary]  # the supporting side of each claim shown


def support_of_claims(claim_ids: Iterable[int], moment: Moment = NOW) -> dict[int, SupportSummary]:
    """support_summaries of these claims from all their statements known and said by `moment`
    (a slice of a timeline holds only some of them); two queries now."""
    claim_ids = list(claim_ids)
    if not claim_ids:
        return {}
    if moment.is_now:
        statements: list[Statement] = list(
            Statement.objects.filter(claim_id__in=claim_ids)
            .select_related("source")
            .only("claim_id", "actor_id", "stance", "source__kind", "source__publisher")
        )
        return support_summaries(
            ((s.claim_id, s.actor_id, s.source, s.stance) for s in statements), moment
        )
    # Then: four numbers a statement and its source as it read then, not the statements whole
    # (their sources' health then cost most of a past timeline slice, and support needs none).
    said = statement_list_as_of(moment, claim_id__in=claim_ids)
    rows = list(said.values_list("claim_id", "actor_id", "source_id", "stance").order_by())
    sources = rows_then(Source, {source for _, _, source, _ in rows}, moment)
    return support_summaries(
        ((claim, actor, sources[source], stance) for claim, actor, source, stance in rows), moment
    )


def stance_matrix(topic: Topic, moment: Moment = NOW, *, claims: int, actors: int) -> StanceMatrix:
    """The `claims` claims and `actors` actors of the topic with the most statements known and
    said by `moment` (ties: the earlier entered first), with the statements between them."""
    if not moment.is_now:
        return _matrix_then(topic, moment, claims=claims, actors=actors)
    said = Statement.objects.filter(claim__topic=topic)
    top_claims = list(
        said.values_list("claim_id").annotate(n=Count("id")).order_by("-n", "claim_id")[:claims]
    )
    top_actors = list(
        said.values_list("actor_id").annotate(n=Count("id")).order_by("-n", "actor_id")[:actors]
    )
    totals = said.aggregate(
        claims=Count("claim_id", distinct=True), actors=Count("actor_id", distinct=True)
    )
    claim_rows = Claim.objects.only("public_id", "text", "verdict").in_bulk(
        [pk for pk, _ in top_claims]
    )
    actor_rows = Actor.objects.only("public_id", "name", "kind", "country").in_bulk(
        [pk for pk, _ in top_actors]
    )
    between = list(
        Statement.objects.filter(claim_id__in=claim_rows, actor_id__in=actor_rows)
        .only("public_id", "claim_id", "actor_id", "stance", "quote", "said_at", "recorded_at")
        .order_by("said_at", "id")
    )
    return StanceMatrix(
        claims=[claim_rows[pk] for pk, _ in top_claims],
        actors=[actor_rows[pk] for pk, _ in top_actors],
        statements=between,
        claim_count=totals["claims"],
        actor_count=totals["actors"],
        statement_counts={
            **{("claim", pk): n for pk, n in top_claims},
            **{("actor", pk): n for pk, n in top_actors},
        },
        support=support_of_claims(claim_rows, moment),
    )


def _matrix_then(topic: Topic, moment: Moment, *, claims: int, actors: int) -> StanceMatrix:
    """The same from the history: the statements of the topic known and said then counted from
    their claim and actor ids alone, and only those of the claims and actors shown read whole
    (issue #18: reading every statement of a topic of 10,000 claims took seconds)."""
    topic_claims = claim_list_as_of(moment).filter(topic_id=topic.pk).values("id")
    # Two numbers a statement, in one query: history rows hold no counts to ask the database
    # for in one pass, and a count per question (claims, actors, totals) read them three times.
    said = statement_list_as_of(moment, claim_id__in=topic_claims).values_list(
        "claim_id", "actor_id"
    )
    pairs = list(said.order_by())
    by_claim = Counter(claim for claim, _ in pairs)
    by_actor = Counter(actor for _, actor in pairs)
    top_claims = sorted(by_claim.items(), key=lambda item: (-item[1], item[0]))[:claims]
    top_actors = sorted(by_actor.items(), key=lambda item: (-item[1], item[0]))[:actors]
    shown_claims, shown_actors = dict(top_claims), dict(top_actors)
    claims_then = {claim.pk: claim for claim in claims_as_of(moment, id__in=shown_claims)}
    between = statements_as_of(
        moment, claim_id__in=list(shown_claims), actor_id__in=list(shown_actors)
    )
    actor_rows = rows_then(Actor, shown_actors, moment)
    return StanceMatrix(
        claims=[claims_then[pk] for pk, _ in top_claims],
        actors=[actor_rows[pk] for pk, _ in top_actors],
        statements=between,
        claim_count=len(by_claim),
        actor_count=len(by_actor),
        statement_counts={
            **{("claim", pk): n for pk, n in top_claims},
            **{("actor", pk): n for pk, n in top_actors},
        },
        support=support_of_claims(shown_claims, moment),
    )
