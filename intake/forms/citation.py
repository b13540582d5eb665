"""The form that accepts a proposed citation: which source the article cites, one the party
published or a new one for the party's report."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, ActorKind
from sources.models import Citation, Source, SourceKind

from .. import selectors, services
from ..models import IntakeSuggestion
from ..nlp.actor_kinds import guess_actor_kind
from .article import DATE_INPUT
from .review import add_model_errors

NEW_SOURCE = "new"
# Errors of the services about a model field, shown on the form field that sets it.
_FIELD_OF_MODEL_FIELD = {
    "title": "new_source_title",
    "kind": "new_source_kind",
    "name": "new_publisher_name",
    "country": "new_publisher_country",
}


class AcceptCitationForm(forms.Form):
    cited = forms.ChoiceField(
        label=_("Cited source"), widget=forms.RadioSelect, required=False, choices=()
    )
    new_source_title = forms.CharField(
        label=_("Title of the new source"), required=False, max_length=500
    )
    new_source_kind = forms.ChoiceField(
        label=_("Kind of the new source"),
        required=False,
        choices=[("", _("From the publisher's kind")), *SourceKind.choices],
    )
    new_source_published_on = forms.DateField(
        label=_("New source published on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave it empty when the day is unknown."),
    )
    publisher = forms.ModelChoiceField(
        label=_("Publisher of the new source"),
        queryset=Actor.objects.order_by("name"),
        required=False,
    )
    new_publisher_name = forms.CharField(
        label=_("Or a new actor named"), required=False, max_length=200
    )
    new_publisher_kind = forms.ChoiceField(
        label=_("Kind of the new actor"),
        choices=ActorKind.choices,
        initial=ActorKind.ORGANISATION,
        required=False,  # asked for only when a new actor is named
    )
    new_publisher_country = forms.CharField(
        label=_("Country of the new actor"),
        required=False,
        max_length=2,
        help_text=_("ISO 3166-1 alpha-2 code, e.g. KR."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_("Kept with the citation: where the article says so."),
    )

    def __init__(self, *args: Any, suggestion: IntakeSuggestion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestion = suggestion
        source, actor = suggestion.source, suggestion.actor
        self.offered = (
            selectors.sources_published_by(actor, excluding=source) if actor is not None else []
        )
        cited = cast(forms.ChoiceField, self.fields["cited"])
        cited.choices = [
            *((str(s.public_id), _describe(s)) for s in self.offered),
            (NEW_SOURCE, gettext("A new source")),
        ]
        party = actor.name if actor is not None else suggestion.name
        self.initial.update(
            cited=None if self.offered else NEW_SOURCE,
            new_source_title=(
                gettext("%(party)s report cited by %(article)s")
                % {"party": party, "article": source.title}
            )[:500],
            publisher=actor,
            new_publisher_name="" if actor is not None else suggestion.name,
            # What the text says the party is, else what its name suggests (a party cited is
            # rarely a person).
            new_publisher_kind=suggestion.actor_kind
            or guess_actor_kind(suggestion.name, default=ActorKind.ORGANISATION),
            note=suggestion.text[:500],
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        choice = data.get("cited")
        if not choice and "cited" not in self.errors:
            self.add_error("cited", _("Choose the cited source: one of these, or a new one."))
        if choice == NEW_SOURCE:
            if not data.get("new_source_title", "").strip():
                self.add_error("new_source_title", _("Give the new source a title."))
            if bool(data.get("publisher")) == bool(data.get("new_publisher_name", "").strip()):
                self.add_error(
                    "publisher", _("Choose who published the new source, or name a new actor.")
                )
        return data

    def save(self, *, editor: User) -> Citation | None:
        """Record the citation through the service; None (with form errors) when that fails."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        cited, new_source, new_publisher = None, None, None
        if data["cited"] == NEW_SOURCE:
            new_source = services.NewCitedSource(
                title=data["new_source_title"],
                kind=data["new_source_kind"],
                published_on=data["new_source_published_on"],
            )
            if not data["publisher"]:
                new_publisher = services.NewActor(
                    name=data["new_publisher_name"],
                    kind=data["new_publisher_kind"] or ActorKind.ORGANISATION,
                    country=data["new_publisher_country"],
                )
        else:
            cited = next(s for s in self.offered if str(s.public_id) == data["cited"])
        try:
            return services.accept_citation(
                self.suggestion,
                editor=editor,
                cited=cited,
                new_source=new_source,
                publisher=data["publisher"] if new_source else None,
                new_publisher=new_publisher,
                note=data["note"],
            )
        except ValidationError as error:
            add_model_errors(self, error, _FIELD_OF_MODEL_FIELD)
            return None


def _describe(source: Source) -> str:
    published = (
        date_format(source.published_at, "DATE_FORMAT")
        if source.published_at
        else gettext("date unknown")
    )
    return f"{source.title} ({source.get_kind_display()}, {published})"
