"""How well an existing claim fits a statement being accepted: the scoring behind
intake.selectors.claim_proposals, apart from the queries, so each rule is read (and tested) in
one place.

A claim earns points for what it shares with the statement:

- 4: the figure the statement carries is the claim's quantity (same value, in units that count
  alike: `vocabulary.SAME_COUNT`); 3: it is the figure of a statement already on the claim;
  1.5: another figure of the statement's text matches either way.
- 2: the speaker is the claim's claimant; 1.5: the speaker already spoke on it.
- 0.5 for each other known actor the text names who claimed or spoke on it, 1 at most.
- Up to 3 for key terms: 3 times the share of the claim's terms (the vocabulary's concepts and
  its other content words) that the statement has, in the better of the claim's two wordings
  (English and original).
- Up to 0.5 for the full-text rank among the candidates (PostgreSQL only, a tie-breaker).

So a figure with its unit outweighs words alone (4 against at most 3), and a claim is about the
same thing in either language because terms are compared as the vocabulary's concepts
(Soldaten and soldiers are one). A claim is proposed only when it shares a figure or at least one
term, with at least MINIMUM_SCORE points. The top proposal is *confident*, and bulk accept may
use it without asking, when it has CONFIDENT_SCORE points or more, shares at least half of its
terms, and leads the next by CONFIDENT_LEAD or more.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from claims.models import Claim

from . import vocabulary

FIGURE_ON_CLAIM = 4.0
FIGURE_ON_STATEMENT = 3.0
OTHER_FIGURE = 1.5
SPEAKER_IS_CLAIMANT = 2.0
SPEAKER_SPOKE = 1.5
NAMED_ACTOR = 0.5
NAMED_ACTORS_AT_MOST = 1.0
TERMS = 3.0
SEARCH_RANK = 0.5

MINIMUM_SCORE = 1.5
CONFIDENT_SCORE = 5.0
CONFIDENT_SHARE = 0.5
CONFIDENT_LEAD = 2.0


@dataclass(frozen=True)
class Figure:
    """A figure of the statement: value (and upper bound), the unit it counts, and whether it
    is the one the statement carries."""

    value: Decimal
    value_max: Decimal | None
    unit: str
    carried: bool


@dataclass(frozen=True)
class FigureOnRecord:
    """A figure already on record for a claim: its quantity, or a statement's estimate."""

    numbers: frozenset[Decimal]
    unit: str
    on_claim: bool


@dataclass
class Evidence:
    """What the queries found about one candidate claim."""

    claim: Claim
    figures: list[FigureOnRecord] = field(default_factory=list)
    speakers: set[int] = field(default_factory=set)  # actors with a statement on it
    search_rank: float = 0.0  # relative to the best candidate's, 0..1


@dataclass(frozen=True)
class ClaimProposal:
    """An existing claim proposed for a statement, with its points and why."""

    claim: Claim
    score: float
    figure: str  # "claim", "statement", "other" or "": where the figure matched
    speaker: str  # "claimant", "spoke" or ""
    named_actors: int
    shared_terms: tuple[str, ...]
    share: float  # of the claim's terms

    def reasons(self) -> list[str]:
        """Why it is proposed, in words, for the accept page."""
        said = []
        if self.figure == "claim":
            said.append(_("same figure"))
        elif self.figure == "statement":
            said.append(_("same figure as a statement on it"))
        elif self.figure == "other":
            said.append(_("a figure of the text"))
        if self.speaker == "claimant":
            said.append(_("the speaker's claim"))
        elif self.speaker == "spoke":
            said.append(_("the speaker spoke on it"))
        if self.named_actors:
            said.append(_("actors named"))
        if self.shared_terms:
            said.append(_("shared terms: %(terms)s") % {"terms": ", ".join(self.shared_terms)})
        return said


@dataclass(frozen=True)
class ClaimProposals:
    """The proposals, best first (at most the selector's limit); "new claim" is not one of
    them: the pages add it last."""

    proposals: list[ClaimProposal]

    @property
    def top(self) -> ClaimProposal | None:
        return self.proposals[0] if self.proposals else None

    @property
    def confident(self) -> bool:
        """Whether the top proposal is sure enough to be taken without asking."""
        top = self.top
        if top is None or top.score < CONFIDENT_SCORE or top.share < CONFIDENT_SHARE:
            return False
        runner_up = self.proposals[1].score if len(self.proposals) > 1 else 0.0
        return top.score - runner_up >= CONFIDENT_LEAD

    def __iter__(self) -> Iterator[ClaimProposal]:
        return iter(self.proposals)

    def __len__(self) -> int:
        return len(self.proposals)


def _figure_points(
    figures: Sequence[Figure], on_record: Iterable[FigureOnRecord]
) -> tuple[float, str]:
    best, where = 0.0, ""
    for figure in figures:
        for known in on_record:
            if figure.value not in known.numbers or not vocabulary.same_count(
                figure.unit, known.unit
            ):
                continue
            if not figure.carried:
                points, kind = OTHER_FIGURE, "other"
            elif known.on_claim:
                points, kind = FIGURE_ON_CLAIM, "claim"
            else:
                points, kind = FIGURE_ON_STATEMENT, "statement"
            if points > best:
                best, where = points, kind
    return best, where


def _terms_share(terms: vocabulary.Terms, claim: Claim) -> tuple[float, tuple[str, ...]]:
    """The better share of a wording's terms the statement has, and the terms shared."""
    best, shared = 0.0, frozenset[str]()
    for wording in (claim.text, claim.original_text):
        keys = vocabulary.terms(wording).keys if wording else frozenset()
        if not keys:
            continue
        common = keys & terms.keys
        share = len(common) / len(keys)
        if share > best:
            best, shared = share, common
    return best, tuple(sorted(vocabulary.label(key) for key in shared))


def score(
    evidence: Evidence,
    *,
    terms: vocabulary.Terms,
    figures: Sequence[Figure],
    speaker: int | None,
    named: set[int],
) -> ClaimProposal:
    """The proposal of one candidate claim, scored as the module's docstring says."""
    claim = evidence.claim
    points, figure = _figure_points(figures, evidence.figures)
    speaking = ""
    if speaker is not None and claim.claimant_id == speaker:
        points, speaking = points + SPEAKER_IS_CLAIMANT, "claimant"
    elif speaker is not None and speaker in evidence.speakers:
        points, speaking = points + SPEAKER_SPOKE, "spoke"
    involved = evidence.speakers | ({claim.claimant_id} if claim.claimant_id else set())
    named_on_it = len((named - {speaker}) & involved)
    points += min(NAMED_ACTOR * named_on_it, NAMED_ACTORS_AT_MOST)
    share, shared = _terms_share(terms, claim)
    points += TERMS * share + SEARCH_RANK * evidence.search_rank
    return ClaimProposal(
        claim=claim,
        score=round(points, 3),
        figure=figure,
        speaker=speaking,
        named_actors=named_on_it,
        shared_terms=shared,
        share=share,
    )


def ranked(proposals: Iterable[ClaimProposal], *, limit: int) -> ClaimProposals:
    """The proposals worth showing, best first (the latest claim first among equals)."""
    kept = [p for p in proposals if p.score >= MINIMUM_SCORE and (p.figure or p.shared_terms)]
    kept.sort(key=lambda p: (-p.score, -p.claim.recorded_at.timestamp(), -p.claim.pk))
    return ClaimProposals(kept[:limit])
