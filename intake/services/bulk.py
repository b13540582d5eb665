"""Accepting many suggestions at once, each as it stands: what the analysis proposed (the
speaker, the stance, the date, the figure) and the claim the editor chose for them all.

`propose_statement` says what accepting a quote, statement or quantity as it stands would
record, and what is left for an editor to decide; the accept form prefills from it and opens
only the undecided fields, and `accept_suggestions` records what needs no decision.

Each suggestion is accepted in its own transaction (accept_suggestion and accept_actor are
atomic), not all or nothing: one that needs a decision, or that another editor reviewed
meanwhile, must not undo the others the editor meant to accept, and one that fails rolls back
only what it wrote (the new actor or claim it made among them). The suggestions that need a
decision stay pending with their reasons; nothing of theirs is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from actors.models import Actor
from claims.estimates import Estimate
from claims.models import Claim, Stance, Statement
from claims.precision import DatePrecision

from .. import selectors
from ..models import IntakeSuggestion, ReviewStatus, SuggestionKind
from ..nlp.actor_kinds import guess_actor_kind
from ..nlp.figures import estimate_qualifier, unit_needs_decision
from .review import (
    NewActor,
    NewClaim,
    _require_editor,
    _reviewed,
    accept_actor,
    accept_suggestion,
    article_date,
)


@dataclass(frozen=True)
class StatementProposal:
    """What accepting a quote, statement or quantity as it stands records.

    `spoken` is the suggestion whose speaker speaks (a quantity's enclosing quote); `figures`
    the quantities it gives and `figure` the one the statement carries; `dated_by` says where
    `said_on` comes from ("text", "article", or "" when undated); `undecided` maps each field
    an editor must still decide to the reason, in words.
    """

    suggestion: IntakeSuggestion
    spoken: IntakeSuggestion
    actor: Actor | None
    new_actor: NewActor | None
    stance: str
    quote: str
    said_on: date | None
    dated_by: str
    figures: list[IntakeSuggestion]
    figure: IntakeSuggestion | None
    estimate: Estimate | None
    undecided: dict[str, str]


def propose_statement(suggestion: IntakeSuggestion, *, figure: str = "") -> StatementProposal:
    """The statement a quote, statement or quantity suggestion proposes; `figure` (a quantity's
    public id) picks which of several figures the statement carries, else the first."""
    spoken = suggestion
    if suggestion.kind == SuggestionKind.QUANTITY:
        spoken = selectors.enclosing_statement(suggestion) or suggestion
        figures = [suggestion]
    else:
        figures = selectors.quantities_within(suggestion)
    chosen = next((q for q in figures if str(q.public_id) == figure), None)
    chosen = chosen or (figures[0] if figures else None)
    undecided: dict[str, str] = {}

    new_actor = None
    actor = spoken.actor
    if spoken.speaker_unchecked:
        # Precision first: a speaker the analysis is not sure of is not handed to the editor.
        actor = None
        undecided["actor"] = _("Check the speaker: the analysis is not sure who said it.")
    elif spoken.actor is None:
        if spoken.speaker:
            new_actor = NewActor(name=spoken.speaker, kind=guess_actor_kind(spoken.speaker))
        else:
            undecided["actor"] = _("The text names no speaker: choose who said it.")

    said_on, dated_by = spoken.said_on, "text"
    if said_on is None:
        said_on, dated_by = article_date(suggestion), "article"
    if said_on is None:
        dated_by = ""
        undecided["said_on"] = _(
            "Neither the text nor the article gives a date: say when it was said, or leave it "
            "empty to record the statement undated."
        )

    estimate = None
    if chosen is not None:
        estimate = _figure_estimate(chosen, undecided)

    return StatementProposal(
        suggestion=suggestion,
        spoken=spoken,
        actor=actor,
        new_actor=new_actor,
        stance=spoken.stance_hint or Stance.ASSERTS,
        quote=spoken.text,
        said_on=said_on,
        dated_by=dated_by,
        figures=figures,
        figure=chosen,
        estimate=estimate,
        undecided=undecided,
    )


def _figure_estimate(figure: IntakeSuggestion, undecided: dict[str, str]) -> Estimate | None:
    """The figure a quantity gives as an estimate, or None (with the reasons in `undecided`)
    when it lacks what only an editor can say."""
    if figure.value is None:
        undecided["estimate_value"] = _("The figure has no value.")
        return None
    qualifier = estimate_qualifier(figure.qualifier)
    if not figure.estimate_unit:
        undecided["estimate_unit"] = _("Choose what the figure counts.")
        if unit_needs_decision(figure.unit, figure.source.language):
            # A German counted noun with no English entry: said so, not passed over in German.
            undecided["estimate_unit"] = _(
                "The text counts “%(unit)s”, which has no English unit yet: choose what the "
                "figure counts."
            ) % {"unit": figure.unit}
    if not qualifier:
        undecided["estimate_qualifier"] = _("Choose the figure's qualifier.")
    if not figure.estimate_kind:
        undecided["estimate_kind"] = _("Say whether the figure is observed or projected.")
    if not (figure.estimate_unit and qualifier and figure.estimate_kind):
        return None
    ranged = figure.value_max is not None
    return Estimate(
        unit=figure.estimate_unit,
        qualifier=qualifier,
        value=None if ranged else figure.value,
        low=figure.value if ranged else None,
        high=figure.value_max,
        kind=figure.estimate_kind,
        refers_to=figure.refers_to,
        refers_to_precision=figure.refers_to_precision or DatePrecision.DAY,
    )


# The order a batch is accepted in (see accept_suggestions); citations last.
_ORDER: dict[str, int] = {
    SuggestionKind.ACTOR: 0,
    SuggestionKind.QUOTE: 1,
    SuggestionKind.STATEMENT: 1,
    SuggestionKind.QUANTITY: 2,
}


@dataclass
class BulkAcceptance:
    """What a bulk accept did: the suggestions accepted (a figure carried by its quote's
    statement among them), and those left pending with the reasons, in words."""

    accepted: list[IntakeSuggestion] = field(default_factory=list)
    undecided: list[tuple[IntakeSuggestion, list[str]]] = field(default_factory=list)


def accept_suggestions(
    suggestions: Iterable[IntakeSuggestion],
    *,
    editor: User,
    claim: Claim | None = None,
    new_claim: NewClaim | None = None,
    said_on: date | None = None,
) -> BulkAcceptance:
    """Accept each pending suggestion as it stands, in its own transaction.

    Quotes, statements and quantities become statements on `claim`, or on the claim
    `new_claim` describes (made by the first of them accepted, then shared); with neither,
    each on the existing claim proposed for it when the proposal is confident
    (selectors.claim_proposals), else it stays pending asking "which claim?"; `said_on` dates
    those that neither their text nor the article dates. Actors are confirmed or created
    (their kind guessed from the name). Citations, and anything that needs a decision (no
    speaker, no sure claim, an incomplete figure, no date), stay pending with the reason; so does
    a suggestion another editor reviewed meanwhile. Raises NotAllowed, writing nothing, for a
    non-editor.
    """
    _require_editor(editor)
    result = BulkAcceptance()
    # Actors first: a quote by a new speaker then finds the actor its actor suggestion made.
    # Quantities after the quotes they lie in, which carry their figure.
    ordered = sorted(suggestions, key=lambda s: (_ORDER.get(s.kind, 3), s.start, s.end, s.pk))
    batch = {s.pk for s in ordered}
    carried: set[int] = set()
    waiting: set[int] = set()
    for suggestion in ordered:
        suggestion.refresh_from_db()
        if suggestion.pk in carried:
            result.accepted.append(suggestion)
            continue
        if not suggestion.is_pending:
            result.undecided.append((suggestion, [_already_reviewed(suggestion)]))
            continue
        try:
            if suggestion.kind == SuggestionKind.ACTOR:
                accept_actor(suggestion, editor=editor)
            elif suggestion.kind == SuggestionKind.CITATION:
                result.undecided.append(
                    (suggestion, [_("Choose the source it cites: review it on its own.")])
                )
                continue
            else:
                reasons, statement, figure = _accept_as_statement(
                    suggestion,
                    editor=editor,
                    claim=claim,
                    new_claim=new_claim,
                    said_on=said_on,
                    batch=batch,
                    waiting=waiting,
                )
                if reasons:
                    waiting.add(suggestion.pk)
                    result.undecided.append((suggestion, reasons))
                    continue
                assert statement is not None
                if new_claim is not None:
                    claim, new_claim = statement.claim, None  # made once, then shared
                if figure is not None:
                    carried.add(figure.pk)
        except (ValidationError, IntegrityError) as error:
            messages = (
                error.messages
                if isinstance(error, ValidationError)
                else [_("Another editor recorded the same thing meanwhile.")]
            )
            result.undecided.append((suggestion, messages))
            continue
        result.accepted.append(suggestion)
    return result


def _accept_as_statement(
    suggestion: IntakeSuggestion,
    *,
    editor: User,
    claim: Claim | None,
    new_claim: NewClaim | None,
    said_on: date | None,
    batch: set[int],
    waiting: set[int],
) -> tuple[list[str], Statement | None, IntakeSuggestion | None]:
    """(reasons it needs a decision, the statement recorded, the figure of another quantity
    suggestion in the batch the statement carried and accepted with it). `waiting` holds the
    suggestions of the batch left for a decision."""
    proposal = propose_statement(suggestion)
    if proposal.spoken.pk != suggestion.pk and proposal.spoken.pk in waiting:
        # Its quote, once decided, may carry this very figure: accepting it alone now could
        # record the figure twice.
        return [_("Its quote needs a decision first.")], None, None
    undecided = dict(proposal.undecided)
    if said_on is not None:
        undecided.pop("said_on", None)
    if claim is None and new_claim is None:
        claim, which = _matching_claim(proposal)
        if which:
            undecided["claim"] = which
    if undecided:
        return list(undecided.values()), None, None
    figure = proposal.figure
    carries_another = (
        figure is not None
        and figure.pk != suggestion.pk
        and figure.pk in batch
        and figure.status == ReviewStatus.PENDING
    )
    with transaction.atomic():
        statement = accept_suggestion(
            suggestion,
            editor=editor,
            stance=proposal.stance,
            quote=proposal.quote,
            claim=claim,
            new_claim=new_claim,
            actor=proposal.actor,
            new_actor=proposal.new_actor,
            said_on=proposal.said_on or said_on,
            estimate=proposal.estimate,
        )
        if carries_another:
            # The quantity inside the quote is recorded by this statement: accepting it on
            # its own would record the same figure twice.
            assert figure is not None
            quantity = IntakeSuggestion.objects.select_for_update().get(pk=figure.pk)
            if quantity.is_pending:
                _reviewed(quantity, ReviewStatus.ACCEPTED, editor, statement=statement)
            else:
                figure = None
    return [], statement, figure if carries_another else None


def _matching_claim(proposal: StatementProposal) -> tuple[Claim | None, str]:
    """The existing claim a statement goes on when the editor chose none: the top proposal
    when it is confident (intake.matching), else none and the question, in words."""
    proposals = selectors.claim_proposals(
        proposal.spoken, figures=proposal.figures, carried=proposal.figure
    )
    top = proposals.top
    if top is None:
        return None, _("Which claim? No existing claim matches it: choose one or describe one.")
    if not proposals.confident:
        return None, _(
            "Which claim? “%(claim)s” fits best, but not surely enough: choose on its page."
        ) % {"claim": top.claim.text}
    return top.claim, ""


def _already_reviewed(suggestion: IntakeSuggestion) -> str:
    reviewer = suggestion.reviewed_by.get_username() if suggestion.reviewed_by else ""
    if suggestion.status == ReviewStatus.ACCEPTED:
        if reviewer:
            return _("Accepted already, by %(editor)s.") % {"editor": reviewer}
        return _("Accepted already.")
    if reviewer:
        return _("Rejected already, by %(editor)s.") % {"editor": reviewer}
    return _("Rejected already.")
