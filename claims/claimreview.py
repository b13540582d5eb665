"""ClaimReview (schema.org JSON-LD): the newsroom's verdicts in the form fact-check aggregators
and search engines read.

Only decided claims are exported: `unverified` is the absence of a review, not a rating. The
verdict is mapped onto schema.org's 1 (false) … 5 (true) scale; `alternateName` carries the
newsroom's own word, which is what readers are shown.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from actors.models import Actor, ActorKind
from common.moments import NOW, Moment

from .models import Claim, DatePrecision, Stance, Statement, Topic, Verdict, VerdictChange
from .selectors.as_of import (
    attach_related,
    claims_as_of,
    statements_as_of,
    verdict_changes_as_of,
)

SCHEMA_ORG = "https://schema.org"
BEST_RATING, WORST_RATING = 5, 1
RATINGS: dict[str, tuple[int, str]] = {
    Verdict.DENIED: (1, "False"),
    Verdict.RETRACTED: (2, "Retracted"),
    Verdict.DISPUTED: (3, "Disputed"),
    Verdict.PARTLY_CONFIRMED: (4, "Partly true"),
    Verdict.CONFIRMED: (5, "True"),
}
# Statements that put the claim into the world: where it "appeared".
APPEARING_STANCES = (Stance.ASSERTS, Stance.SUPPORTS)

ClaimUrl = Callable[[Claim], str]


def reviewable_claims(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The decided claims among `claims`, with what their reviews need, in three queries."""
    return (
        claims.exclude(verdict=Verdict.UNVERIFIED)
        .select_related("claimant")
        .prefetch_related(
            Prefetch(
                "verdict_changes",
                queryset=VerdictChange.objects.order_by("-version"),
                to_attr="changes_newest_first",
            ),
            Prefetch(
                "statements",
                queryset=Statement.objects.filter(stance__in=APPEARING_STANCES)
                .select_related("source__publisher")
                .defer("source__text")
                .order_by("said_at", "id"),
                to_attr="appearances",
            ),
        )
        .order_by("first_asserted_on", "id")
    )


def reviewable_claims_as_of(claims: Iterable[Claim], moment: Moment) -> list[Claim]:
    """reviewable_claims for claims as they stood at a past moment (selectors.claims_as_of):
    the decided ones, each with the verdict changes and appearances known then."""
    decided = [claim for claim in claims if claim.verdict != Verdict.UNVERIFIED]
    ids = [claim.pk for claim in decided]
    changes: dict[int, list[VerdictChange]] = {pk: [] for pk in ids}
    for change in verdict_changes_as_of(moment, claim_id__in=ids).order_by("-version"):
        changes[change.claim_id].append(change)
    appearing: dict[int, list[Statement]] = {pk: [] for pk in ids}
    statements = statements_as_of(moment, claim_id__in=ids, stance__in=APPEARING_STANCES)
    attach_related([s.source for s in statements], "publisher", Actor, moment)
    for statement in statements:
        appearing[statement.claim_id].append(statement)
    for claim in decided:
        claim.changes_newest_first = changes[claim.pk]  # type: ignore[attr-defined]
        claim.appearances = appearing[claim.pk]  # type: ignore[attr-defined]
    # As reviewable_claims orders them (PostgreSQL puts an unknown first assertion last).
    return sorted(
        decided,
        key=lambda c: (c.first_asserted_on is None, c.first_asserted_on or date.min, c.pk),
    )


def _organisation_or_person(actor: Actor) -> dict[str, Any]:
    thing = {
        "@type": "Person" if actor.kind == ActorKind.PERSON else "Organization",
        "name": actor.name,
    }
    if actor.wikidata_qid:
        thing["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata_qid}"
    return thing


def _claim_date(claim: Claim) -> str | None:
    day = claim.first_asserted_on
    if day is None:
        return None
    if claim.first_asserted_precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    if claim.first_asserted_precision == DatePrecision.MONTH:
        return f"{day:%Y-%m}"
    return day.isoformat()


def _appearances(statements: Iterable[Statement]) -> list[dict[str, Any]]:
    seen, works = set(), []
    for statement in statements:
        source = statement.source
        if source.pk in seen:
            continue
        seen.add(source.pk)
        work: dict[str, Any] = {"@type": "CreativeWork", "headline": source.title}
        if source.url:
            work["url"] = source.url
        if source.published_at:
            work["datePublished"] = source.published_at.date().isoformat()
        if source.publisher:
            work["publisher"] = _organisation_or_person(source.publisher)
        works.append(work)
    return works


def claim_review(claim: Claim, *, url: str, context: bool = True) -> dict[str, Any]:
    """One ClaimReview for a claim loaded through `reviewable_claims`."""
    # Lists that reviewable_claims prefetches with Prefetch(to_attr=...): unknown to the stubs.
    changes: list[VerdictChange] = claim.changes_newest_first  # type: ignore[attr-defined]
    appearing: list[Statement] = claim.appearances  # type: ignore[attr-defined]
    # A verdict always comes with its change, except in data imported around the service.
    latest = changes[0] if changes else None
    decided = latest.decided_at if latest else claim.updated_at
    value, name = RATINGS[claim.verdict]
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = _organisation_or_person(claim.claimant)
    if asserted := _claim_date(claim):
        item["datePublished"] = asserted
    appearances = _appearances(appearing)
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "datePublished": decided.date().isoformat(),
        "inLanguage": "en",
        "author": {"@type": "Organization", "name": settings.CLAIMTRACK_NEWSROOM_NAME},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": name,
        },
        "itemReviewed": item,
    }
    if latest:
        review["reviewRating"]["ratingExplanation"] = latest.rationale
    return {"@context": SCHEMA_ORG, **review} if context else review


def topic_claim_reviews(topic: Topic, *, url_of: ClaimUrl, moment: Moment = NOW) -> dict[str, Any]:
    """The ClaimReviews of a topic's decided claims (as they stood at `moment`), as one JSON-LD
    graph."""
    claims: Iterable[Claim]
    if moment.is_now:
        claims = reviewable_claims(Claim.objects.filter(topic=topic))
    else:
        claims = reviewable_claims_as_of(claims_as_of(moment, topic_id=topic.pk), moment)
    return {
        "@context": SCHEMA_ORG,
        "@graph": [claim_review(claim, url=url_of(claim), context=False) for claim in claims],
    }
