"""The figure a statement carries, as fields of the form that accepts a suggestion: prefilled
from the quantity the analysis found, checked as claims.models.Statement checks it (bounds in
order, a projection with its moment, a measure of the claim's topic with the figure's unit), so
that an editor sees what is wrong next to the field rather than a refusal of the whole form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from claims.estimates import (
    ESTIMATE_INCOMPLETE,
    Estimate,
    EstimateKind,
    EstimateQualifier,
)
from claims.models import Measure, Topic
from claims.precision import DatePrecision
from claims.units import Unit

from ..models import IntakeSuggestion
from ..nlp.figures import estimate_qualifier
from .article import DATE_INPUT

NONE: list[tuple[str, Any]] = [("", "---------")]
# The fields that say something about a figure; the precision alone says nothing.
FIGURE_FIELDS = (
    "estimate_value",
    "estimate_low",
    "estimate_high",
    "estimate_unit",
    "estimate_qualifier",
    "estimate_kind",
    "estimate_refers_to",
    "estimate_measure",
)
BOUNDS_OUT_OF_ORDER = _("The bounds must be in order: low, then the figure, then high.")


class MeasureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        measure = cast(Measure, obj)
        return f"{measure.topic.title}: {measure.name} ({measure.get_unit_display()})"


class EstimateFieldsForm(forms.Form):
    """The estimate fields, named as the Statement's columns so that a service's errors land on
    them. Leave every one empty for a statement without a figure."""

    estimate_value = forms.DecimalField(
        label=_("Figure"), required=False, max_digits=20, decimal_places=4
    )
    estimate_low = forms.DecimalField(
        label=_("Low"), required=False, max_digits=20, decimal_places=4
    )
    estimate_high = forms.DecimalField(
        label=_("High"), required=False, max_digits=20, decimal_places=4
    )
    estimate_unit = forms.ChoiceField(
        label=_("What it counts"), required=False, choices=[*NONE, *Unit.choices]
    )
    estimate_qualifier = forms.ChoiceField(
        label=_("Qualifier of the figure"),
        required=False,
        choices=[*NONE, *EstimateQualifier.choices],
    )
    estimate_kind = forms.ChoiceField(
        label=_("Observed or projected"), required=False, choices=[*NONE, *EstimateKind.choices]
    )
    estimate_refers_to = forms.DateField(
        label=_("Refers to"),
        required=False,
        widget=DATE_INPUT,
        help_text=_(
            "The moment the figure describes, apart from when it was said; for a month or a "
            "year, any day in it."
        ),
    )
    estimate_refers_to_precision = forms.ChoiceField(
        label=_("Precision of the moment"),
        required=False,
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
    )
    estimate_measure = MeasureChoiceField(
        label=_("Measure"),
        queryset=Measure.objects.none(),
        required=False,
        help_text=_("What the figure is a point of on the topic's chart; a measure of the "
                    "claim's topic with the figure's unit."),
    )  # fmt: skip

    def prefill_estimate(self, figure: IntakeSuggestion | None) -> None:
        """Offer the figure of a quantity suggestion, and the measures that count its unit."""
        unit = figure.estimate_unit if figure is not None else ""
        measures = Measure.objects.select_related("topic").order_by("topic__title", "name")
        measure = cast(MeasureChoiceField, self.fields["estimate_measure"])
        # Unbound, before a topic is chosen: the measures with the figure's unit. Bound: any,
        # so that a wrong choice gets its reason rather than "not one of the choices"; clean()
        # narrows them to the chosen topic's for the page shown again.
        measure.queryset = measures.filter(unit=unit) if unit and not self.is_bound else measures
        if figure is None or figure.value is None:
            return
        ranged = figure.value_max is not None
        self.initial.update(
            estimate_value=None if ranged else figure.value,
            estimate_low=figure.value if ranged else None,
            estimate_high=figure.value_max,
            estimate_unit=unit,
            estimate_qualifier=estimate_qualifier(figure.qualifier),
            estimate_kind=figure.estimate_kind,
            estimate_refers_to=figure.refers_to,
            estimate_refers_to_precision=figure.refers_to_precision or DatePrecision.DAY,
        )

    def clean_estimate(self, topic: Topic | None) -> None:
        """Check the figure against itself and the claim's topic (None: a new topic, which has
        no measures yet); call from clean()."""
        data = self.cleaned_data
        measure: Measure | None = data.get("estimate_measure")
        unit = data.get("estimate_unit", "")
        # Shown again, the measures are those of the chosen topic that count the figure's unit.
        cast(MeasureChoiceField, self.fields["estimate_measure"]).queryset = (
            Measure.objects.select_related("topic")
            .filter(Q(topic=topic, unit=unit) | Q(pk=measure.pk if measure else None))
            .order_by("name")
        )
        if any(name in self.errors for name in FIGURE_FIELDS):
            return  # a field's own error says what is wrong
        if not any(data.get(name) not in (None, "") for name in FIGURE_FIELDS):
            return
        missing = {
            "estimate_unit": _("Choose what the figure counts."),
            "estimate_qualifier": _("Choose the figure's qualifier."),
            "estimate_kind": _("Say whether the figure is observed or projected."),
        }
        for name, message in missing.items():
            if not data.get(name):
                self.add_error(name, message)
        low, value, high = data["estimate_low"], data["estimate_value"], data["estimate_high"]
        if low is None and value is None and high is None:
            self.add_error("estimate_value", ESTIMATE_INCOMPLETE)
        if (
            (low is not None and high is not None and low > high)
            or (low is not None and value is not None and low > value)
            or (value is not None and high is not None and value > high)
        ):
            self.add_error(
                "estimate_high" if high is not None else "estimate_low", BOUNDS_OUT_OF_ORDER
            )
        if data.get("estimate_kind") == EstimateKind.PROJECTION and not data["estimate_refers_to"]:
            self.add_error(
                "estimate_refers_to",
                _('A projection needs the moment it refers to ("by December").'),
            )
        if measure is not None:
            if measure.topic != topic:
                self.add_error(
                    "estimate_measure",
                    _("“%(measure)s” is a measure of another topic.") % {"measure": measure.name},
                )
            elif unit and measure.unit != unit:
                self.add_error(
                    "estimate_measure",
                    _("“%(measure)s” counts %(unit)s; this figure counts %(other)s.")
                    % {
                        "measure": measure.name,
                        "unit": measure.get_unit_display(),
                        "other": Unit(unit).label,
                    },
                )

    def estimate(self) -> Estimate | None:
        """The figure from the cleaned fields, or None when they are all empty."""
        data = self.cleaned_data
        if not any(data.get(name) not in (None, "") for name in FIGURE_FIELDS):
            return None
        measure: Measure | None = data["estimate_measure"]
        refers_to = data["estimate_refers_to"]
        return Estimate(
            unit=data["estimate_unit"],
            qualifier=data["estimate_qualifier"],
            value=data["estimate_value"],
            low=data["estimate_low"],
            high=data["estimate_high"],
            kind=data["estimate_kind"],
            refers_to=refers_to,
            refers_to_precision=(data["estimate_refers_to_precision"] or DatePrecision.DAY),
            measure_id=measure.pk if measure else None,
        )
