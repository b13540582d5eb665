"""The editor's review of suggestions: accept a quote, statement or quantity as a statement,
accept an actor, reject anything. Nothing is recorded without an editor."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from actors.models import Actor, ActorKind
from actors.services import actor_create
from claims import services
from claims.errors import NotAllowed
from claims.estimates import Estimate
from claims.models import Claim, Credibility, Stance, Statement, Topic
from claims.quantities import Quantity
from common import roles
from sources.models import Citation

from ..models import IntakeSuggestion, ReviewStatus, SuggestionKind
from ..nlp.actor_kinds import guess_actor_kind
from .articles import said_at


@dataclass(frozen=True)
class NewActor:
    """An actor to create while accepting; an empty `kind` is guessed from the name
    (intake.nlp.actor_kinds), so "Verteidigungsministerium" is not made a person."""

    name: str
    kind: str = ""
    country: str = ""


def article_date(suggestion: IntakeSuggestion) -> date | None:
    """The day the suggestion's article was published, which dates a statement whose text
    gives no date of its own; None for an undated article (the editor then decides)."""
    published = suggestion.source.published_at
    return published.date() if published else None


@dataclass(frozen=True)
class NewClaim:
    """A claim to create while accepting: neutral wording, its topic (an existing one or a new
    title), the original wording, and an optional quantity."""

    text: str
    topic: Topic | None = None
    new_topic_title: str = ""
    original_text: str = ""
    quantity: Quantity | None = None


@transaction.atomic
def accept_suggestion(
    suggestion: IntakeSuggestion,
    *,
    editor: User,
    stance: str,
    quote: str,
    claim: Claim | None = None,
    new_claim: NewClaim | None = None,
    actor: Actor | None = None,
    new_actor: NewActor | None = None,
    said_on: date | None = None,
    translation: str = "",
    venue: str = "",
    credibility: int = Credibility.CANNOT_BE_JUDGED,
    estimate: Estimate | None = None,
    language: str = "",
) -> Statement:
    """Record the statement a quote, statement or quantity suggestion proposes.

    Without `said_on` the statement is dated at the article's publication date (undated when
    the article has none: never at the moment of entry). `language` is the quote's language,
    and a new claim's original one; empty means the source's.

    The editor picks the claim (or describes a new one) and the actor (or names a new one), and
    the figure the statement carries (`estimate`; its measure must be one of the claim's topic
    with the figure's unit, so a new topic's claim has none yet); the statement is recorded
    through claims.services.record_statement with the editor as `recorded_by`. Raises
    NotAllowed for non-editors and ValidationError when the suggestion was already reviewed or
    the choices (the figure among them) are incomplete; in every case nothing is written.
    """
    _require_editor(editor)
    current = _pending(suggestion)
    if current.kind in (SuggestionKind.ACTOR, SuggestionKind.CITATION):
        raise ValidationError(f"{current.get_kind_display()} suggestions do not record statements.")
    errors = {}
    if (claim is None) == (new_claim is None):
        errors["claim"] = "Choose a claim or describe a new one."
    if (actor is None) == (new_actor is None):
        errors["actor"] = "Choose an actor or name a new one."
    if stance not in Stance.values:
        errors["stance"] = f"'{stance}' is not a stance."
    if errors:
        raise ValidationError(errors)

    source = current.source
    said_on = said_on or article_date(current)
    language = language or source.language
    if new_actor is not None:
        actor = _create_actor(new_actor, aliases=_aliases_for(new_actor.name, current.speaker))
    assert actor is not None
    if new_claim is not None:
        claim = _create_claim(
            new_claim,
            claimant=actor if stance in (Stance.ASSERTS, Stance.SUPPORTS) else None,
            first_asserted_on=said_on,
            language=language,
            fallback_original=quote,
        )
    assert claim is not None
    statement = services.record_statement(
        claim=claim,
        actor=actor,
        source=source,
        stance=stance,
        recorded_by=editor,
        quote=quote,
        quote_language=language if quote.strip() else "",
        translation=translation,
        said_at=said_at(said_on),
        venue=venue,
        credibility=credibility,
        estimate=estimate,
    )
    _reviewed(current, ReviewStatus.ACCEPTED, editor, statement=statement, actor=actor)
    _link_speaker(current, actor)
    return statement


@transaction.atomic
def accept_actor(
    suggestion: IntakeSuggestion,
    *,
    editor: User,
    name: str = "",
    kind: str = "",
    country: str = "",
    aliases: Iterable[str] = (),
) -> Actor:
    """Confirm a known actor's mention, or create the actor an unknown name suggests (of
    `kind`, guessed from the name when empty).

    Pending quotes and statements of the same source by that speaker are linked to the actor,
    so accepting them offers it.
    """
    _require_editor(editor)
    current = _pending(suggestion)
    if current.kind != SuggestionKind.ACTOR:
        raise ValidationError("Only actor suggestions create actors.")
    actor = current.actor
    if actor is None:
        name = name.strip() or current.name
        # The analysis suggests new actors only for the people it found.
        kind = kind or guess_actor_kind(name, default=ActorKind.PERSON)
        actor = _create_actor(
            NewActor(name=name, kind=kind, country=country),
            aliases=[*aliases, *_aliases_for(name, current.name)],
        )
    _reviewed(current, ReviewStatus.ACCEPTED, editor, actor=actor)
    _link_speaker(current, actor)
    return actor


@transaction.atomic
def reject_suggestion(suggestion: IntakeSuggestion, *, editor: User) -> None:
    """Mark a suggestion rejected; nothing else is written."""
    _require_editor(editor)
    _reviewed(_pending(suggestion), ReviewStatus.REJECTED, editor)


def _require_editor(editor: User) -> None:
    if not roles.can_record(editor):
        raise NotAllowed("Only editors and admins may review intake suggestions.")


def _pending(suggestion: IntakeSuggestion) -> IntakeSuggestion:
    # Two editors reviewing the same suggestion queue here; the later one finds it reviewed.
    current = (
        IntakeSuggestion.objects.select_for_update(of=("self",))
        .select_related("source")
        .get(pk=suggestion.pk)
    )
    if not current.is_pending:
        raise ValidationError(
            f"This suggestion was already {current.get_status_display().lower()}"
            + (f" by {current.reviewed_by.get_username()}." if current.reviewed_by else ".")
        )
    return current


def _reviewed(
    suggestion: IntakeSuggestion,
    status: str,
    editor: User,
    *,
    statement: Statement | None = None,
    actor: Actor | None = None,
    citation: Citation | None = None,
) -> None:
    suggestion.status = status
    suggestion.reviewed_by = editor
    suggestion.reviewed_at = timezone.now()
    fields = ["status", "reviewed_by", "reviewed_at"]
    if statement is not None:
        suggestion.statement = statement
        fields.append("statement")
    if actor is not None:
        suggestion.actor = actor
        fields.append("actor")
    if citation is not None:
        suggestion.citation = citation
        fields.append("citation")
    suggestion.save(update_fields=fields)


def _link_speaker(suggestion: IntakeSuggestion, actor: Actor) -> None:
    """Point the source's other pending suggestions by the same speaker at `actor`."""
    names = {n for n in (suggestion.speaker, suggestion.name) if n}
    if not names:
        return
    IntakeSuggestion.objects.filter(
        Q(speaker__in=names) | Q(name__in=names),
        source_id=suggestion.source_id,
        status=ReviewStatus.PENDING,
        actor__isnull=True,
    ).update(actor=actor)


def _aliases_for(name: str, written: str) -> list[str]:
    """Keep the spelling the article used as an alias when the editor names the actor otherwise."""
    return [written] if written and written.strip() != name.strip() else []


def _create_actor(new_actor: NewActor, *, aliases: Iterable[str] = ()) -> Actor:
    return actor_create(
        name=new_actor.name,
        kind=new_actor.kind or guess_actor_kind(new_actor.name),
        country=new_actor.country,
        aliases=aliases,
    )


def _create_claim(
    new_claim: NewClaim,
    *,
    claimant: Actor | None,
    first_asserted_on: date | None,
    language: str,
    fallback_original: str,
) -> Claim:
    return services.claim_create(
        topic=new_claim.topic or services.topic_for_title(new_claim.new_topic_title),
        text=new_claim.text,
        original_text=new_claim.original_text.strip() or fallback_original,
        original_language=language,
        claimant=claimant,
        first_asserted_on=first_asserted_on,
        quantity=new_claim.quantity,
    )
