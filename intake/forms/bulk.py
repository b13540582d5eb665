"""The form that accepts many suggestions of an article at once, as they stand: which ones
("Accept selected", or "Accept all" pending), the claim their statements go on, and a date for
those neither their text nor the article dates."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, Topic
from sources.models import Source

from .. import selectors, services
from ..models import IntakeSuggestion
from .article import DATE_INPUT

SELECTED, ALL = "selected", "all"


class ClaimChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        claim = cast(Claim, obj)
        return f"{claim.topic.title}: {claim.text}"


class BulkAcceptForm(forms.Form):
    """Bound to the review page's POST; `scope` is the button pressed."""

    scope = forms.ChoiceField(choices=[(SELECTED, SELECTED), (ALL, ALL)])
    selected = forms.MultipleChoiceField(label=_("Selected suggestions"), required=False)
    claim = ClaimChoiceField(
        label=_("Claim of the statements"),
        queryset=Claim.objects.none(),
        required=False,
        empty_label=_("Each on the existing claim it matches, when sure"),
        help_text=_(
            "Left as it is, each statement goes on the existing claim proposed for it when the "
            "match is sure, and waits for you otherwise. Or one claim for them all: those "
            "recorded from this article, those its known actors spoke on, and the latest; for "
            "another, accept a suggestion on its own page."
        ),
    )
    new_claim_text = forms.CharField(
        label=_("Or a new claim, stated neutrally"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic of the new claim"), queryset=Topic.objects.order_by("title"), required=False
    )
    new_topic_title = forms.CharField(label=_("Or a new topic"), required=False, max_length=200)
    said_on = forms.DateField(
        label=_("Said on, where the text gives no date"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("The article has no date; without one these stay for you to date."),
    )

    def __init__(
        self, *args: Any, source: Source, pending: list[IntakeSuggestion], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.source = source
        self.pending = pending
        selected = cast(forms.MultipleChoiceField, self.fields["selected"])
        selected.choices = [(str(s.public_id), str(s.public_id)) for s in pending]
        claim = cast(ClaimChoiceField, self.fields["claim"])
        claim.queryset = (
            Claim.objects.filter(pk__in=selectors.claims_to_offer(source))
            .select_related("topic")
            .order_by("topic__title", "text")
        )
        if source.published_at is not None:
            del self.fields["said_on"]  # the article's date dates them

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("scope") == SELECTED and "selected" in data and not data["selected"]:
            self.add_error("selected", _("Select the suggestions to accept, or accept all."))
        new_claim = data.get("new_claim_text", "").strip()
        if data.get("claim") and new_claim:
            self.add_error("claim", _("Choose a claim or describe a new one, not both."))
        if new_claim and not data.get("topic") and not data.get("new_topic_title", "").strip():
            self.add_error("topic", _("Choose a topic for the new claim or name a new one."))
        return data

    def chosen(self) -> list[IntakeSuggestion]:
        """The suggestions to accept: the selected pending ones, or every pending one."""
        if self.cleaned_data["scope"] == ALL:
            return list(self.pending)
        ids = set(self.cleaned_data["selected"])
        return [s for s in self.pending if str(s.public_id) in ids]

    def save(self, *, editor: User) -> services.BulkAcceptance | None:
        if not self.is_valid():
            return None
        data = self.cleaned_data
        new_claim = None
        if data["new_claim_text"].strip():
            new_claim = services.NewClaim(
                text=data["new_claim_text"],
                topic=data["topic"],
                new_topic_title=data["new_topic_title"],
            )
        return services.accept_suggestions(
            self.chosen(),
            editor=editor,
            claim=data["claim"],
            new_claim=new_claim,
            said_on=data.get("said_on"),
        )
