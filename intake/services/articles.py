"""Taking in an article: fetch or paste its text, store it as a source, and store what the
analysis suggests as pending suggestions."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from actors.models import Actor, ActorKind
from claims.errors import NotAllowed
from common import roles
from sources.fetching import FetchError, fetch
from sources.models import Source, SourceKind
from sources.text import extract_main_text

from ..models import IntakeSuggestion
from ..nlp import LANGUAGES, KnownActor, Suggestion, analyse_article
from ..nlp.language import detect_language
from ..nlp.suggestions import QUOTE, STATEMENT


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


def article_language(text: str, *, fallback: str = "") -> str:
    """The language the intake reads `text` in: the one detected from it, else (a text too
    short or too mixed to tell) `fallback`, the page's language. Raises ValidationError on the
    language when that is none the analysis reads, so the editor chooses."""
    detected = detect_language(text)
    if detected in LANGUAGES:
        return detected
    if detected is not None:
        raise ValidationError(
            {
                "language": _(
                    "The text seems to be in %(language)s; suggestions are made for German and "
                    "English texts only. Choose the language to read it in."
                )
                % {"language": language_name(detected)}
            }
        )
    if fallback in LANGUAGES:
        return fallback
    raise ValidationError({"language": _("The text is too short to tell its language: choose it.")})


def language_name(code: str) -> str:
    """A language's name in the page's language ("French", "Französisch"); the code itself
    for one Django does not know."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def known_actors() -> list[KnownActor]:
    """Every actor with its aliases, as plain data for the analysis."""
    return [
        KnownActor(
            str(actor.public_id),
            (actor.name, *(alias.name for alias in actor.aliases.all())),
            actor.kind == ActorKind.PERSON,
            actor.kind,
        )
        for actor in Actor.objects.prefetch_related("aliases").order_by("id")
    ]


def suggest(
    text: str, *, language: str, published_on: date | None, publisher: Actor | None = None
) -> list[Suggestion]:
    """The suggestions for an article's text (stored form), without storing anything."""
    check_article_text(text)
    return analyse_article(
        normalise_article_text(text),
        language=language,
        published_on=published_on,
        known_actors=known_actors(),
        publisher_id=str(publisher.public_id) if publisher else None,
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
    fallback_language: str = "",
) -> tuple[Source, list[IntakeSuggestion]]:
    """Store the article as a Source with its text, and its suggestions as pending.

    An empty `language` is detected from the text (`fallback_language` for a text too short
    to tell; see article_language). `recorded_by` is None only for system imports (the
    import_article command).
    """
    if recorded_by is not None and not roles.can_record(recorded_by):
        raise NotAllowed("Only editors and admins may take in articles.")
    if not language:
        check_article_text(text)
        language = article_language(normalise_article_text(text), fallback=fallback_language)
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
        text,
        language=language,
        published_on=published_on,
        known_actors=known_actors(),
        publisher_id=str(publisher.public_id) if publisher else None,
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
            speaker_confidence=s.confidence if s.kind in (QUOTE, STATEMENT) else None,
            stance_hint=s.stance_hint,
            said_on=s.said_on,
            value=s.value,
            value_max=s.value_max,
            unit=s.unit[:50],
            qualifier=s.qualifier,
            estimate_unit=s.estimate_unit,
            estimate_kind=s.estimate_kind,
            refers_to=s.refers_to,
            refers_to_precision=s.refers_to_precision,
            name=s.name[:200],
            is_known=s.is_known,
            actor_kind=s.actor_kind,
        )
        for s in suggestions
    ]
    return IntakeSuggestion.objects.bulk_create(rows)
