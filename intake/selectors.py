"""Reads of the intake pages."""

from collections.abc import Sequence

from django.db.models import Case, Count, F, Max, Q, QuerySet, When

from actors.models import Actor
from claims.models import Claim, Statement
from claims.selectors import claims_ranked_by_words
from sources.models import Source

from . import matching, vocabulary
from .matching import ClaimProposals
from .models import IntakeSuggestion, ReviewStatus, SuggestionKind


def source_suggestions(source: Source) -> QuerySet[IntakeSuggestion]:
    """The source's suggestions in text order, with what the page shows of each."""
    return source.intake_suggestions.select_related(
        "actor", "reviewed_by", "statement__claim", "citation__cited"
    ).order_by("start", "end", "id")


def pending_suggestions(source: Source) -> QuerySet[IntakeSuggestion]:
    """The source's suggestions waiting for review, in text order."""
    return source.intake_suggestions.filter(status=ReviewStatus.PENDING).order_by(
        "start", "end", "id"
    )


def recent_intakes(*, limit: int = 10) -> QuerySet[Source]:
    """Sources that went through intake, latest first, with their pending suggestion counts."""
    return (
        Source.objects.filter(intake_suggestions__isnull=False)
        .annotate(
            pending=Count(
                "intake_suggestions", filter=Q(intake_suggestions__status=ReviewStatus.PENDING)
            ),
            suggestion_count=Count("intake_suggestions"),
        )
        .order_by("-recorded_at", "-id")[:limit]
    )


def enclosing_statement(suggestion: IntakeSuggestion) -> IntakeSuggestion | None:
    """The quote or statement a quantity lies in: its speaker is the quantity's speaker."""
    return (
        IntakeSuggestion.objects.filter(
            source_id=suggestion.source_id,
            kind__in=("quote", "statement"),
            start__lte=suggestion.start,
            end__gte=suggestion.end,
        )
        .select_related("actor")
        .order_by("kind", "start")
        .first()
    )


def quantities_within(suggestion: IntakeSuggestion) -> list[IntakeSuggestion]:
    return list(
        IntakeSuggestion.objects.filter(
            source_id=suggestion.source_id,
            kind="quantity",
            start__gte=suggestion.start,
            end__lte=suggestion.end,
        ).order_by("start")
    )


def sources_published_by(actor: Actor, *, excluding: Source, limit: int = 5) -> list[Source]:
    """The actor's most recent sources, newest first (undated ones after the dated), that an
    article may cite: the one it relies on is most often the latest."""
    return list(
        Source.objects.filter(publisher=actor)
        .exclude(pk=excluding.pk)
        .order_by(F("published_at").desc(nulls_last=True), "-recorded_at", "-id")[:limit]
    )


def claims_to_offer(source: Source, *, limit: int = 30) -> list[int]:
    """The ids of the claims a bulk accept offers for the source's statements, a bounded few
    whatever the number of claims: those already recorded from this source (the next batch
    most often goes on the same claim), those the article's known actors spoke on, then the
    latest claims."""
    actors = source.intake_suggestions.filter(actor__isnull=False).values("actor_id")
    related = (
        Claim.objects.filter(Q(statements__source=source) | Q(statements__actor__in=actors))
        .annotate(
            from_source=Max(
                Case(When(statements__source=source, then=1), default=0),
            ),
            last_said=Max("statements__recorded_at"),
        )
        .order_by("-from_source", "-last_said", "-id")
        .values_list("id", flat=True)[:limit]
    )
    latest = Claim.objects.order_by("-recorded_at", "-id").values_list("id", flat=True)[:limit]
    return list(dict.fromkeys([*related, *latest]))[:limit]


# Bounds of claim_proposals: claims found by each way in, before they are scored.
CANDIDATES_BY_WORDS = 20
CANDIDATES_BY_FIGURE = 30
CANDIDATES_BY_SPEAKER = 20


def claim_proposals(
    spoken: IntakeSuggestion,
    *,
    figures: Sequence[IntakeSuggestion] = (),
    carried: IntakeSuggestion | None = None,
    limit: int = 5,
) -> ClaimProposals:
    """The existing claims a statement being accepted most likely belongs to, best first, at
    most `limit` (5); "new claim" is the pages' last option, not one of them.

    `spoken` is the quote or statement (its text, speaker and span), `figures` the quantities
    it gives and `carried` the one the statement carries. Candidates come in three bounded
    ways: the claims whose wording shares the most words with it (full-text search of the
    claims' stored documents on PostgreSQL, in German and English through the newsroom's
    vocabulary: Soldaten finds soldiers; substrings on SQLite; CANDIDATES_BY_WORDS), the
    claims whose quantity or statements' estimates have one of its figures in a unit that
    counts alike (CANDIDATES_BY_FIGURE each), and those its speaker claimed or spoke on
    (CANDIDATES_BY_SPEAKER). Each candidate is scored on its figure, its actors (the speaker,
    and the known actors the text names) and its key terms, as intake.matching says (figure
    and unit 4 points, words at most 3, speaker 2, …): a claim is proposed with a figure or a
    term in common, and the top one is confident when it clearly leads.

    At most eight queries, whatever the number of claims.
    """
    found = vocabulary.terms(spoken.text)
    speaker = spoken.actor_id
    named = set(
        IntakeSuggestion.objects.filter(
            source_id=spoken.source_id,
            kind=SuggestionKind.ACTOR,
            actor__isnull=False,
            start__gte=spoken.start,
            end__lte=spoken.end,
        ).values_list("actor_id", flat=True)
    )
    ours = [
        matching.Figure(
            value=f.value,
            value_max=f.value_max,
            unit=f.estimate_unit or f.unit,
            carried=carried is not None and f.pk == carried.pk,
        )
        for f in figures
        if f.value is not None and (f.estimate_unit or f.unit)
    ]
    ranks = dict(
        claims_ranked_by_words(
            vocabulary.search_words(found, spoken.text), limit=CANDIDATES_BY_WORDS
        )
    )
    on_record = _figures_on_record(ours)
    by_speaker: list[int] = []
    if speaker is not None:
        spoke_on = (
            Statement.objects.filter(actor_id=speaker)
            .order_by("-recorded_at", "-id")
            .values_list("claim_id", flat=True)[:CANDIDATES_BY_SPEAKER]
        )
        claimed = (
            Claim.objects.filter(claimant_id=speaker)
            .order_by("-recorded_at", "-id")
            .values_list("pk", flat=True)[:CANDIDATES_BY_SPEAKER]
        )
        by_speaker = [*spoke_on, *claimed]
    ids = {*ranks, *on_record, *by_speaker}
    if not ids:
        return ClaimProposals([])
    claims = Claim.objects.filter(pk__in=ids).select_related("topic")
    evidence = {claim.pk: matching.Evidence(claim) for claim in claims}
    best_rank = max(ranks.values(), default=0.0)
    for pk, rank in ranks.items():
        if pk in evidence and best_rank > 0:
            evidence[pk].search_rank = rank / best_rank
    for pk, known in on_record.items():
        if pk in evidence:
            evidence[pk].figures.extend(known)
    actors = {a for a in (speaker, *named) if a is not None}
    if actors:
        for claim_id, actor_id in (
            Statement.objects.filter(claim_id__in=evidence, actor_id__in=actors)
            .values_list("claim_id", "actor_id")
            .distinct()
        ):
            evidence[claim_id].speakers.add(actor_id)
    return matching.ranked(
        (
            matching.score(e, terms=found, figures=ours, speaker=speaker, named=named)
            for e in evidence.values()
        ),
        limit=limit,
    )


def _figures_on_record(
    figures: Sequence[matching.Figure],
) -> dict[int, list[matching.FigureOnRecord]]:
    """The figures on record that equal one of `figures` in a unit that counts alike, by
    claim: claims' quantities and statements' estimates, the latest first, each bounded."""
    values = {f.value for f in figures}
    units = vocabulary.units_counting_alike(f.unit for f in figures)
    if not values or not units:
        return {}
    found: dict[int, list[matching.FigureOnRecord]] = {}
    same_unit = Q()
    for unit in units:
        same_unit |= Q(quantity_unit__iexact=unit)
    quantities = (
        Claim.objects.filter(Q(quantity_value__in=values) | Q(quantity_max__in=values), same_unit)
        .order_by("-recorded_at", "-id")
        .values_list("pk", "quantity_value", "quantity_max", "quantity_unit")[:CANDIDATES_BY_FIGURE]
    )
    for pk, value, upper, unit in quantities:
        numbers = frozenset(n for n in (value, upper) if n is not None)
        found.setdefault(pk, []).append(matching.FigureOnRecord(numbers, unit, on_claim=True))
    estimates = (
        Statement.objects.filter(
            Q(estimate_value__in=values) | Q(estimate_low__in=values) | Q(estimate_high__in=values),
            estimate_unit__in=units,
        )
        .order_by("-recorded_at", "-id")
        .values_list(
            "claim_id", "estimate_value", "estimate_low", "estimate_high", "estimate_unit"
        )[:CANDIDATES_BY_FIGURE]
    )
    for claim_id, value, low, high, unit in estimates:
        numbers = frozenset(n for n in (value, low, high) if n is not None)
        found.setdefault(claim_id, []).append(
            matching.FigureOnRecord(numbers, unit, on_claim=False)
        )
    return found
