"""Accepting a citation the intake proposed: the article's source cites an existing source of
the party it relies on, or a new source made for that party's report. The citation itself is
always written by sources.services.cite_source, which retraces the origins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from actors.models import Actor, ActorKind
from sources import services as source_services
from sources.models import Citation, Reliability, Source, SourceKind

from ..models import IntakeSuggestion, ReviewStatus, SuggestionKind
from .articles import said_at
from .review import (
    NewActor,
    _aliases_for,
    _create_actor,
    _link_speaker,
    _pending,
    _require_editor,
    _reviewed,
)

# What a party's report is, by the kind of party: everyone else (government bodies, states,
# organisations, people) issues statements.
CITED_SOURCE_KINDS: dict[str, str] = {
    ActorKind.INTELLIGENCE_SERVICE: SourceKind.INTELLIGENCE_BRIEFING,
    ActorKind.NEWS_AGENCY: SourceKind.AGENCY_WIRE,
    ActorKind.MEDIA_OUTLET: SourceKind.NEWS_ARTICLE,
}


def cited_source_kind(actor_kind: str) -> str:
    return CITED_SOURCE_KINDS.get(actor_kind, SourceKind.OFFICIAL_STATEMENT)


@dataclass(frozen=True)
class NewCitedSource:
    """The cited party's report, when the newsroom has no source for it yet: its title, its kind
    (empty: derived from the publisher's kind) and the day it was published (None: unknown)."""

    title: str
    kind: str = ""
    published_on: date | None = None


@transaction.atomic
def accept_citation(
    suggestion: IntakeSuggestion,
    *,
    editor: User,
    cited: Source | None = None,
    new_source: NewCitedSource | None = None,
    publisher: Actor | None = None,
    new_publisher: NewActor | None = None,
    note: str | None = None,
) -> Citation:
    """Record that the suggestion's source cites `cited`, or a new source described by
    `new_source` and published by `publisher` (or by `new_publisher`, created with the name the
    article wrote as an alias). `note` defaults to the phrase that says so.

    The new source's reliability is F (cannot be judged) until an editor grades it. Raises
    NotAllowed for non-editors, and ValidationError when the suggestion was reviewed already,
    the choices are incomplete or cite_source refuses the citation (the article itself, or a
    source it cites already); in every case nothing is written.
    """
    _require_editor(editor)
    current = _pending(suggestion)
    if current.kind != SuggestionKind.CITATION:
        raise ValidationError(_("Only citation suggestions record citations."))
    if (cited is None) == (new_source is None):
        raise ValidationError({"cited": _("Choose the cited source, or describe a new one.")})
    if new_source is not None:
        if (publisher is None) == (new_publisher is None):
            raise ValidationError(
                {"publisher": _("Choose who published the new source, or name a new actor.")}
            )
        if new_publisher is not None:
            publisher = _create_actor(
                new_publisher, aliases=_aliases_for(new_publisher.name, current.name)
            )
        assert publisher is not None
        cited = _create_cited_source(new_source, publisher=publisher)
    assert cited is not None
    try:
        with transaction.atomic():
            citation = source_services.cite_source(
                citing=current.source,
                cited=cited,
                note=current.text if note is None else note,
                editor=editor,
            )
    except IntegrityError as error:
        # Another editor recorded the same citation after cite_source looked for it.
        raise ValidationError({"cited": _("The article cites this source already.")}) from error
    _reviewed(current, ReviewStatus.ACCEPTED, editor, citation=citation, actor=cited.publisher)
    if cited.publisher is not None:
        _link_speaker(current, cited.publisher)
    return citation


def _create_cited_source(new_source: NewCitedSource, *, publisher: Actor) -> Source:
    source = Source(
        title=new_source.title.strip()[:500],
        publisher=publisher,
        kind=new_source.kind or cited_source_kind(publisher.kind),
        reliability=Reliability.F,
        published_at=said_at(new_source.published_on),
    )
    source.full_clean()
    source.save()
    return source
