"""Forms that feed the services; they validate input and turn domain errors into form errors."""

from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sources.models import Source

from . import services
from .errors import VerdictConflict
from .models import Claim, Verdict, VerdictChange


class VerdictChangeForm(forms.Form):
    to = forms.ChoiceField(label=_("New verdict"), choices=Verdict.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.ModelMultipleChoiceField(
        label=_("Evidence"),
        queryset=Source.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.claim = claim
        # `fields` holds copies of the declared fields, typed only as Field.
        evidence = cast(forms.ModelMultipleChoiceField, self.fields["evidence"])
        evidence.queryset = Source.objects.order_by("-published_at", "title")
        self.fields["expected_version"].initial = claim.version
        to = cast(forms.ChoiceField, self.fields["to"])
        to.choices = [c for c in Verdict.choices if c[0] != claim.verdict]

    def save(self, *, editor: User) -> VerdictChange | None:
        """Apply the change through the service; returns None and fills the errors on failure."""
        if not self.is_valid():
            return None
        try:
            return services.change_verdict(
                self.claim,
                to=self.cleaned_data["to"],
                editor=editor,
                rationale=self.cleaned_data["rationale"],
                evidence=self.cleaned_data["evidence"],
                expected_version=self.cleaned_data["expected_version"],
            )
        except VerdictConflict as conflict:
            self.add_error(None, str(conflict))
        except ValidationError as error:
            self.add_error(None, error)
        return None
