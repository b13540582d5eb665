"""The form that takes in an article: its URL or text, and what the newsroom knows of it."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, ActorKind
from sources.models import Source, SourceKind

from .. import services

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ArticleForm(forms.Form):
    url = forms.URLField(
        label=_("Article URL"),
        required=False,
        assume_scheme="https",
        max_length=2000,
        help_text=_("Fetched through the newsroom's guarded fetcher; its main text is stored."),
    )
    text = forms.CharField(
        label=_("Article text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Or paste the article: headline first, then its paragraphs."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Detect from the text")), ("de", _("German")), ("en", _("English"))],
        required=False,
        help_text=_("Suggestions are made for German and English texts."),
    )
    published_on = forms.DateField(
        label=_("Published on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_('Resolves relative dates such as "am Montag" or "yesterday".'),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=500,
        help_text=_("Defaults to the article's first line."),
    )
    publisher = forms.ModelChoiceField(
        label=_("Publisher"), queryset=Actor.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of source"), choices=SourceKind.choices, initial=SourceKind.AGENCY_WIRE
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # `fields` holds copies of the declared fields, typed only as Field.
        publisher = cast(forms.ModelChoiceField, self.fields["publisher"])
        publisher.queryset = Actor.objects.filter(
            kind__in=[ActorKind.NEWS_AGENCY, ActorKind.MEDIA_OUTLET]
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if bool(data.get("url")) == bool((data.get("text") or "").strip()):
            raise ValidationError(_("Give either the article's URL or its text."))
        return data

    # The language detected from the text, once saved with "Detect from the text"; "" else.
    detected_language = ""

    def save(self, *, editor: User) -> Source | None:
        """Store the source and its suggestions; None (with form errors) when that fails. A
        text too short to tell its language is read in the page's language."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        text, url = data["text"], data["url"]
        if url:
            try:
                text, url = services.fetch_article(url)
            except services.ArticleUnavailable as error:
                self.add_error("url", str(error))
                return None
        try:
            source, _suggestions = services.intake_article(
                text=text,
                language=data["language"],
                recorded_by=editor,
                title=data["title"],
                url=url,
                publisher=data["publisher"],
                published_on=data["published_on"],
                kind=data["kind"],
                fallback_language=(get_language() or "").split("-")[0],
            )
        except ValidationError as error:
            self.add_error(None, error)
            return None
        if not data["language"]:
            self.detected_language = source.language
        return source
