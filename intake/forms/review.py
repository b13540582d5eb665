"""The forms that accept a quote, statement or quantity as a statement, and an actor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Choices
from django.forms.boundfield import BoundWidget
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, ActorKind
from claims.models import Claim, Credibility, Stance, Statement, Topic
from claims.quantities import QUANTITY_INCOMPLETE, Quantity, QuantityQualifier

from .. import selectors, services
from ..matching import ClaimProposal
from ..models import IntakeSuggestion
from ..nlp.actor_kinds import guess_actor_kind
from ..nlp.language import LANGUAGES_DETECTED
from ..services import language_name
from .article import DATE_INPUT
from .estimate import FIGURE_FIELDS, EstimateFieldsForm

# The quantity fields that mean nothing without a value.
QUANTITY_DETAILS = ("quantity_max", "quantity_unit", "quantity_qualifier", "quantity_is_projection")
QUANTITY_FIELDS = ("quantity_value", *QUANTITY_DETAILS)
ACTOR_FIELDS = ("actor", "new_actor_name", "new_actor_kind", "new_actor_country")
STATEMENT_FIELDS = ("stance", "quote", "translation", "said_on", "venue", "credibility", "language")


@dataclass(frozen=True)
class Fold:
    """A part of the accept form: open when it needs a decision, else folded under `summary`."""

    open: bool
    summary: str


def _label(choices: type[Choices], value: Any) -> str:
    """The label of a choice given as posted (a string, even for integers), or ""."""
    labels = {str(v): str(label) for v, label in choices.choices}
    return labels.get(str(value), "")


def language_choices(current: str) -> list[tuple[str, str]]:
    """The languages a quote may be in: those the intake detects, and the source's own."""
    codes = dict.fromkeys([*LANGUAGES_DETECTED, *([current] if current else [])])
    return [(code, language_name(code)) for code in codes]


# The last two choices of `match`, after the proposed claims.
OTHER_CLAIM, NEW_CLAIM = "other", "new"


class ClaimMatchField(forms.ChoiceField):
    """The claim a statement goes on: a proposed claim's id, "other" (the `claim` list) or
    "new". Any existing claim's id is valid, not only those proposed when the page was shown:
    a claim recorded meanwhile may have pushed the editor's choice out of the proposals."""

    widget = forms.RadioSelect

    def valid_value(self, value: Any) -> bool:
        return value in (OTHER_CLAIM, NEW_CLAIM) or str(value).isdigit()


class AcceptStatementForm(EstimateFieldsForm):
    """Edit what a quote, statement or quantity suggestion proposes, then record it.

    The statement's figure is prefilled from the suggestion's quantity, or from the quantity of
    a statement that `figure` names (its public id) when the statement gives several: a
    statement carries one figure, and the others can be accepted as quantities of their own.
    """

    actor = forms.ModelChoiceField(
        label=_("Actor"), queryset=Actor.objects.order_by("name"), required=False
    )
    new_actor_name = forms.CharField(
        label=_("Or a new actor named"), required=False, max_length=200
    )
    new_actor_kind = forms.ChoiceField(
        label=_("Kind of the new actor"), choices=ActorKind.choices, initial=ActorKind.PERSON
    )
    new_actor_country = forms.CharField(
        label=_("Country of the new actor"),
        required=False,
        max_length=2,
        help_text=_("ISO 3166-1 alpha-2 code, e.g. KR."),
    )
    match = ClaimMatchField(label=_("On which claim"), required=False)
    claim = forms.ModelChoiceField(label=_("Claim"), queryset=Claim.objects.none(), required=False)
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
    quantity_value = forms.DecimalField(
        label=_("Quantity"), required=False, max_digits=20, decimal_places=4
    )
    quantity_max = forms.DecimalField(
        label=_("Upper bound"), required=False, max_digits=20, decimal_places=4
    )
    quantity_unit = forms.CharField(label=_("Unit"), required=False, max_length=50)
    quantity_qualifier = forms.ChoiceField(
        label=_("Qualifier"),
        required=False,
        choices=[("", _("none")), *QuantityQualifier.choices],
    )
    quantity_is_projection = forms.BooleanField(label=_("Projection"), required=False)
    stance = forms.ChoiceField(label=_("Stance"), choices=Stance.choices)
    quote = forms.CharField(
        label=_("Quote, in the source's language"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    translation = forms.CharField(
        label=_("Translation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    said_on = forms.DateField(label=_("Said on"), required=False, widget=DATE_INPUT)
    venue = forms.CharField(label=_("Venue"), required=False, max_length=200)
    credibility = forms.TypedChoiceField(
        label=_("Credibility"),
        choices=Credibility.choices,
        coerce=int,
        initial=Credibility.CANNOT_BE_JUDGED,
    )
    language = forms.ChoiceField(
        label=_("Language of the quote"),
        required=False,  # the source's
        help_text=_("Detected from the article's text; also the new claim's original language."),
    )

    def __init__(
        self, *args: Any, suggestion: IntakeSuggestion, figure: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.suggestion = suggestion
        claim = cast(forms.ModelChoiceField, self.fields["claim"])
        claim.queryset = Claim.objects.select_related("topic").order_by("topic__title", "text")
        self.proposal = services.propose_statement(suggestion, figure=figure)
        proposal = self.proposal
        # The existing claims it most likely belongs to, best first, then another or a new one.
        self.claim_proposals = selectors.claim_proposals(
            proposal.spoken, figures=proposal.figures, carried=proposal.figure
        )
        match = cast(ClaimMatchField, self.fields["match"])
        match.choices = [
            *((str(p.claim.pk), p.claim.text) for p in self.claim_proposals),
            (OTHER_CLAIM, gettext("Another claim")),
            (NEW_CLAIM, gettext("New claim")),
        ]
        top = self.claim_proposals.top
        if top is not None:
            self.initial["match"] = str(top.claim.pk)
        language = suggestion.source.language
        language_field = cast(forms.ChoiceField, self.fields["language"])
        language_field.choices = language_choices(language)
        self.initial.update(
            actor=proposal.actor,
            new_actor_name=proposal.new_actor.name if proposal.new_actor else "",
            new_actor_kind=proposal.new_actor.kind if proposal.new_actor else ActorKind.PERSON,
            stance=proposal.stance,
            quote=proposal.quote,
            said_on=proposal.said_on,
            language=language,
        )
        if proposal.dated_by == "article":
            self.fields["said_on"].help_text = _(
                "The text gives no date: the article's publication date."
            )
        elif not proposal.dated_by:
            self.fields["said_on"].help_text = _(
                "Neither the text nor the article gives a date: say when it was said, or "
                "leave it empty to record the statement undated."
            )
        # The figures the suggestion gives, and the one the statement carries.
        self.figures = proposal.figures
        self.figure = proposal.figure
        self.prefill_estimate(self.figure)
        if len(self.figures) == 1:
            quantity = self.figures[0]
            self.initial.update(
                quantity_value=quantity.value,
                quantity_max=quantity.value_max,
                quantity_unit=quantity.unit,
                quantity_qualifier=quantity.qualifier,
            )

    def claim_choices(self) -> list[tuple[BoundWidget, ClaimProposal | None]]:
        """The radio buttons of `match`, each with its proposal (None for another claim and
        a new one), for the page to say why each claim is proposed."""
        by_id = {str(p.claim.pk): p for p in self.claim_proposals}
        return [(radio, by_id.get(str(radio.data["value"]))) for radio in self["match"]]

    def folds(self) -> dict[str, Fold]:
        """Each part of the form, folded with a summary of what it holds, or open: when a
        field of it needs a decision or has an error."""
        undecided = self.proposal.undecided
        errors = set(self.errors) if self.is_bound else set()

        def is_open(*names: str) -> bool:
            return any(n in undecided or n in errors for n in names)

        value = self._shown_value
        actor = value("actor")
        if actor:
            who = str(actor)
        elif value("new_actor_name"):
            who = gettext("new: %(name)s (%(kind)s)") % {
                "name": value("new_actor_name"),
                "kind": _label(ActorKind, value("new_actor_kind")),
            }
        else:
            who = gettext("nobody chosen")
        said_on = value("said_on")
        statement = [
            _label(Stance, value("stance")),
            date_format(said_on, "DATE_FORMAT")
            if isinstance(said_on, date)
            else (said_on or gettext("undated")),
            language_name(value("language") or ""),
            _label(Credibility, value("credibility")),
        ]
        estimate = self.proposal.estimate
        return {
            "who": Fold(
                is_open("actor", *ACTOR_FIELDS),
                gettext("Who: %(who)s") % {"who": who},
            ),
            "quantity": Fold(
                is_open(*QUANTITY_FIELDS), gettext("Quantity of a new claim: optional")
            ),
            "figure": Fold(
                is_open(*FIGURE_FIELDS) or len(self.figures) > 1,
                gettext("Figure: %(figure)s")
                % {"figure": estimate if estimate else gettext("none")},
            ),
            "statement": Fold(
                is_open(*STATEMENT_FIELDS),
                gettext("Statement: %(summary)s")
                % {"summary": " · ".join(str(p) for p in statement if p)},
            ),
        }

    def _shown_value(self, name: str) -> Any:
        """A field's value as the page shows it: as cleaned, else as posted, else initial."""
        if self.is_bound:
            cleaned = getattr(self, "cleaned_data", {})
            return cleaned[name] if name in cleaned else self[name].value()
        return self.initial.get(name, self.fields[name].initial)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if bool(data.get("actor")) == bool(data.get("new_actor_name", "").strip()):
            self.add_error("actor", _("Choose an actor or name a new one."))
        if not self._clean_match(data) and bool(data.get("claim")) == bool(
            data.get("new_claim_text", "").strip()
        ):
            self.add_error("claim", _("Choose a claim or describe a new one."))
        if (
            data.get("new_claim_text", "").strip()
            and not data.get("topic")
            and not data.get("new_topic_title", "").strip()
        ):
            self.add_error("topic", _("Choose a topic for the new claim or name a new one."))
        if (
            data.get("new_claim_text", "").strip()
            and "quantity_value" in data  # else its own error says what is wrong
            and data["quantity_value"] is None
            and any(data.get(name) for name in QUANTITY_DETAILS)
        ):
            self.add_error(None, QUANTITY_INCOMPLETE)
        claim = data.get("claim")
        self.clean_estimate(claim.topic if claim else data.get("topic"))
        return data

    def _clean_match(self, data: dict[str, Any]) -> bool:
        """Turn the chosen proposal into `claim`, and say whether `match` decided. Without a
        choice (a client that posts only `claim` or `new_claim_text`) those decide alone."""
        match = data.get("match")
        if not match:
            return False
        new_text = data.get("new_claim_text", "").strip()
        if match == NEW_CLAIM:
            data["claim"] = None
            if not new_text:
                self.add_error("new_claim_text", _("Describe the new claim, stated neutrally."))
        elif match == OTHER_CLAIM:
            if not data.get("claim"):
                self.add_error("claim", _("Choose the claim, or pick a proposed or new one."))
            if new_text:
                self.add_error(
                    "match", _("You chose another claim and described a new one: choose one.")
                )
        elif match:
            proposed = next(
                (p.claim for p in self.claim_proposals if str(p.claim.pk) == match), None
            )
            proposed = proposed or Claim.objects.select_related("topic").filter(pk=match).first()
            if proposed is None:
                self.add_error("match", _("That claim no longer exists: choose again."))
            elif new_text or (data.get("claim") and data["claim"] != proposed):
                self.add_error(
                    "match",
                    _(
                        "You chose a proposed claim and also another or a new one: choose "
                        "“Another claim” or “New claim” to use those."
                    ),
                )
            else:
                data["claim"] = proposed
        return True

    def quantity(self) -> Quantity | None:
        """The new claim's quantity from the cleaned fields, or None without a value."""
        data = self.cleaned_data
        if data["quantity_value"] is None:
            return None
        return Quantity(
            value=data["quantity_value"],
            upper_bound=data["quantity_max"],
            unit=data["quantity_unit"],
            qualifier=data["quantity_qualifier"],
            is_projection=data["quantity_is_projection"],
        )

    def save(self, *, editor: User) -> Statement | None:
        if not self.is_valid():
            return None
        data = self.cleaned_data
        new_claim = None
        if not data["claim"]:
            new_claim = services.NewClaim(
                text=data["new_claim_text"],
                topic=data["topic"],
                new_topic_title=data["new_topic_title"],
                quantity=self.quantity(),
            )
        new_actor = None
        if not data["actor"]:
            new_actor = services.NewActor(
                name=data["new_actor_name"],
                kind=data["new_actor_kind"],
                country=data["new_actor_country"],
            )
        try:
            return services.accept_suggestion(
                self.suggestion,
                editor=editor,
                stance=data["stance"],
                quote=data["quote"],
                claim=data["claim"],
                new_claim=new_claim,
                actor=data["actor"],
                new_actor=new_actor,
                said_on=data["said_on"],
                translation=data["translation"],
                venue=data["venue"],
                credibility=data["credibility"],
                estimate=self.estimate(),
                language=data["language"],
            )
        except ValidationError as error:
            add_model_errors(self, error)
            return None


class AcceptActorForm(forms.Form):
    """Create the actor an unknown name suggests (a known actor needs no fields)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActorKind.choices, initial=ActorKind.PERSON)
    country = forms.CharField(
        label=_("Country"),
        required=False,
        max_length=2,
        help_text=_("ISO 3166-1 alpha-2 code, e.g. KR."),
    )
    aliases = forms.CharField(
        label=_("Other spellings"),
        required=False,
        help_text=_("Separated by commas: Selenskyj, Zelenskyy."),
    )

    def __init__(self, *args: Any, suggestion: IntakeSuggestion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestion = suggestion
        self.initial.setdefault("name", suggestion.name)
        self.initial.setdefault("kind", guess_actor_kind(suggestion.name, default=ActorKind.PERSON))
        if suggestion.actor is not None:
            for field in self.fields.values():
                field.required = False

    def save(self, *, editor: User) -> Actor | None:
        if not self.is_valid():
            return None
        data = self.cleaned_data
        try:
            return services.accept_actor(
                self.suggestion,
                editor=editor,
                name=data["name"],
                kind=data["kind"],
                country=data["country"],
                aliases=[a.strip() for a in data["aliases"].split(",") if a.strip()],
            )
        except ValidationError as error:
            add_model_errors(self, error)
            return None


# Model fields whose errors belong to a form field of the same meaning.
_FIELD_OF_MODEL_FIELD = {
    "name": "new_actor_name",
    "country": "new_actor_country",
    "text": "new_claim_text",
}


def add_model_errors(
    form: forms.Form, error: ValidationError, fields: Mapping[str, str] = _FIELD_OF_MODEL_FIELD
) -> None:
    """The errors of a service as form errors: on the form field that means the same as the
    model field (through `fields`), else on the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else fields.get(field)
        if target not in form.fields:
            target = None
        for message in errors:
            form.add_error(target, message)
