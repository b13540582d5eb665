"""Article intake: store a source with its text, suggest what it says, and record what an editor
accepts. Every write of the intake pages and of `manage.py import_article` goes through here.

Nothing is recorded from a suggestion without an editor: suggestions are stored as pending, and
only `accept_suggestion` (through claims.services.record_statement) and `accept_actor` create
statements, claims and actors.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from actors.models import Actor, ActorKind
from actors.services import actor_create
from claims import services
from claims.errors import NotAllowed
from claims.models import Claim, Credibility, Stance, Statement, Topic
from claims.quantities import Quantity
from common import roles
from sources.fetching import FetchError, fetch
from sources.models import Source, SourceKind
from sources.text import extract_main_text

from .models import IntakeSuggestion, ReviewStatus, SuggestionKind
from .nlp import LANGUAGES, KnownActor, Suggestion, analyse_article


class ArticleUnavailable(Exception):
    """The article could not be fetched or held no text; the message is fit for an editor."""


def said_at(day: date | None) -> datetime | None:
    """Noon UTC of a calendar day: the same day in every newsroom time zone (as the demo does)."""
    return datetime.combine(day, time(12), tzinfo=UTC) if day else None


def normalise_article_text(text: str) -> str:
    """The stored form of an article: NFC, Unix newlines, no trailing blanks. Suggestions'
    offsets point into exactly this text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def max_article_chars() -> int:
    return int(settings.CLAIMTRACK_INTAKE_MAX_CHARS)


def check_article_text(text: str) -> None:
    """Refuse text the intake does not take: longer than CLAIMTRACK_INTAKE_MAX_CHARS, which
    keeps the analysis within a request's time, or holding a NUL, which PostgreSQL cannot
    store."""
    limit = max_article_chars()
    if len(text) > limit:
        raise ValidationError(
            {
                "text": f"The article has {len(text):,} characters; the intake takes at most "
                f"{limit:,} (CLAIMTRACK_INTAKE_MAX_CHARS)."
            }
        )
    if "\x00" in text:
        raise ValidationError({"text": "The article holds a NUL character: give plain text."})


def fetch_article(url: str) -> tuple[str, str]:
    """(main text, final URL) of the article at `url`, fetched through the guarded fetcher."""
    try:
        result = fetch(url)
    except FetchError as exc:
        raise ArticleUnavailable(f"Could not fetch {url}: {exc}") from exc
    if result.status_code != 200:
        raise ArticleUnavailable(
            f"Could not fetch {url}: the server answered {result.status_code}."
        )
    text = extract_main_text(result.body, content_type=result.content_type, url=result.final_url)
    if not text:
        raise ArticleUnavailable(f"No article text found at {url}.")
    return text, result.final_url


def known_actors() -> list[KnownActor]:
    """Every actor with its aliases, as plain data for the analysis."""
    return [
        KnownActor(
            str(actor.public_id),
            (actor.name, *(alias.name for alias in actor.aliases.all())),
            actor.kind == ActorKind.PERSON,
        )
        for actor in Actor.objects.prefetch_related("aliases").order_by("id")
    ]


def suggest(text: str, *, language: str, published_on: date | None) -> list[Suggestion]:
    """The suggestions for an article's text (stored form), without storing anything."""
    check_article_text(text)
    return analyse_article(
        normalise_article_text(text),
        language=language,
        published_on=published_on,
        known_actors=known_actors(),
    )


def default_title(text: str, url: str = "") -> str:
    first_line = normalise_article_text(text).split("\n", 1)[0].strip()
    return (first_line or url or "Untitled article")[:500]


@transaction.atomic
def intake_article(
    *,
    text: str,
    language: str,
    recorded_by: User | None,
    title: str = "",
    url: str = "",
    publisher: Actor | None = None,
    published_on: date | None = None,
    kind: str = SourceKind.NEWS_ARTICLE,
) -> tuple[Source, list[IntakeSuggestion]]:
    """Store the article as a Source with its text, and its suggestions as pending.

    `recorded_by` is None only for system imports (the import_article command).
    """
    if recorded_by is not None and not roles.can_record(recorded_by):
        raise NotAllowed("Only editors and admins may take in articles.")
    if language not in LANGUAGES:
        raise ValidationError({"language": f"Language must be one of: {', '.join(LANGUAGES)}."})
    check_article_text(text)
    text = normalise_article_text(text)
    if not text:
        raise ValidationError({"text": "The article has no text."})
    source = Source(
        title=(title.strip() or default_title(text, url))[:500],
        url=url,
        publisher=publisher,
        published_at=said_at(published_on),
        language=language,
        kind=kind,
        text=text,
    )
    source.full_clean()
    source.save()
    suggestions = analyse_article(
        text, language=language, published_on=published_on, known_actors=known_actors()
    )
    return source, store_suggestions(source, suggestions)


def store_suggestions(source: Source, suggestions: Iterable[Suggestion]) -> list[IntakeSuggestion]:
    suggestions = list(suggestions)
    ids = {s.actor_id for s in suggestions if s.actor_id}
    actors = {str(a.public_id): a for a in Actor.objects.filter(public_id__in=ids)}
    rows = [
        IntakeSuggestion(
            source=source,
            kind=s.kind,
            text=s.text,
            start=s.start,
            end=s.end,
            speaker=s.speaker[:200],
            actor=actors.get(s.actor_id or ""),
            stance_hint=s.stance_hint,
            said_on=s.said_on,
            value=s.value,
            value_max=s.value_max,
            unit=s.unit[:50],
            qualifier=s.qualifier,
            name=s.name[:200],
            is_known=s.is_known,
        )
        for s in suggestions
    ]
    return IntakeSuggestion.objects.bulk_create(rows)


# --- Review --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewActor:
    name: str
    kind: str = ActorKind.PERSON
    country: str = ""


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
) -> Statement:
    """Record the statement a quote, statement or quantity suggestion proposes.

    The editor picks the claim (or describes a new one) and the actor (or names a new one); the
    statement is recorded through claims.services.record_statement with the editor as
    `recorded_by`. Raises NotAllowed for non-editors and ValidationError when the suggestion was
    already reviewed or the choices are incomplete; in every case nothing is written.
    """
    _require_editor(editor)
    current = _pending(suggestion)
    if current.kind == SuggestionKind.ACTOR:
        raise ValidationError("An actor suggestion records an actor, not a statement.")
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
    if new_actor is not None:
        actor = _create_actor(new_actor, aliases=_aliases_for(new_actor.name, current.speaker))
    assert actor is not None
    if new_claim is not None:
        claim = _create_claim(
            new_claim,
            claimant=actor if stance in (Stance.ASSERTS, Stance.SUPPORTS) else None,
            first_asserted_on=said_on
            or (source.published_at.date() if source.published_at else None),
            language=source.language,
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
        quote_language=source.language if quote.strip() else "",
        translation=translation,
        said_at=said_at(said_on),
        venue=venue,
        credibility=credibility,
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
    kind: str = ActorKind.PERSON,
    country: str = "",
    aliases: Iterable[str] = (),
) -> Actor:
    """Confirm a known actor's mention, or create the actor an unknown name suggests.

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
        name=new_actor.name, kind=new_actor.kind, country=new_actor.country, aliases=aliases
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
