"""Forms that feed the services; they validate input and turn domain errors into form errors."""

from datetime import datetime, timedelta
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from common.moments import NOW, Moment, MomentError, parse_moment
from sources.models import Source

from . import services
from .errors import VerdictConflict
from .models import Claim, FlagReason, FlagStatus, Topic, Verdict, VerdictChange
from .moments import MOMENT_PARAMETERS, MomentInvalid, moment_from

# The verdict panel's keys (static/js/editor.js): one letter per verdict, the same in every
# language so that the help line and muscle memory agree. N for denied ("not true"): D is taken.
VERDICT_SHORTCUTS: dict[str, str] = {
    Verdict.CONFIRMED: "c",
    Verdict.PARTLY_CONFIRMED: "p",
    Verdict.DISPUTED: "d",
    Verdict.DENIED: "n",
    Verdict.RETRACTED: "r",
    Verdict.UNVERIFIED: "u",
}


class VerdictChangeForm(forms.Form):
    to = forms.ChoiceField(label=_("New verdict"), choices=Verdict.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.ModelMultipleChoiceField(
        label=_("Evidence"),
        queryset=Source.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note for editors"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the change for the newsroom; never published."),
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
                note=self.cleaned_data["note"],
            )
        except VerdictConflict as conflict:
            self.add_error(None, str(conflict))
        except ValidationError as error:
            self.add_error(None, error)
        return None


class ReviewQueueForm(forms.Form):
    """The review queue's filters: open or resolved flags, by reason and topic. An unknown
    value is a form error next to its field, and the queue then shows every open flag."""

    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(FlagStatus.OPEN, _("Open flags")), (FlagStatus.RESOLVED, _("Resolved flags"))],
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", _("Any reason")), *FlagReason.choices],
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.order_by("title"),
        to_field_name="slug",
        empty_label=_("Any topic"),
    )

    def filters(self) -> dict[str, Any]:
        """What the selector filters by; the defaults when the form is invalid."""
        if not self.is_valid():
            return {"status": FlagStatus.OPEN, "reason": "", "topic": None}
        return {
            "status": self.cleaned_data["status"] or FlagStatus.OPEN,
            "reason": self.cleaned_data["reason"],
            "topic": self.cleaned_data["topic"],
        }


class MomentForm(forms.Form):
    """The date control of the dashboards: which moment a page shows (claims.moments has the
    rules). Invalid, it shows now and says why next to the field."""

    as_of = forms.CharField(label=_("As of"), required=False)
    said_by = forms.CharField(label=_("Said by"), required=False)

    moment: Moment = NOW

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            self.moment = moment_from({name: cleaned.get(name) or "" for name in MOMENT_PARAMETERS})
        except MomentInvalid as invalid:
            for name, message in invalid.errors.items():
                self.add_error(name, message)
        return cleaned

    def query(self) -> dict[str, str]:
        """The parameters naming the moment shown, to keep it on links and API requests."""
        if self.moment.is_now:
            return {}
        return {
            name: self.cleaned_data[name].strip()
            for name in MOMENT_PARAMETERS
            if self.cleaned_data[name].strip()
        }


class SinceForm(forms.Form):
    """The start of the "What changed since…" panel: a day before the moment shown (`until`);
    a week before it unless given."""

    since = forms.CharField(label=_("Changes since"), required=False)

    DEFAULT = timedelta(days=7)

    def __init__(self, *args: Any, until: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.until = until
        self.start = self.default

    @property
    def default(self) -> datetime:
        return self.until - self.DEFAULT

    def clean_since(self) -> str:
        value: str = self.cleaned_data["since"].strip()
        if not value:
            return value
        try:
            since = parse_moment(value)
        except MomentError as error:
            raise ValidationError(str(error)) from error
        if since >= self.until:
            until = formats.date_format(timezone.localtime(self.until), "DATE_FORMAT")
            raise ValidationError(_("Pick a day before %(until)s.") % {"until": until})
        self.start = since
        return value
