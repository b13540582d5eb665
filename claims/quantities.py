"""The figure a claim states: a value or a range, its unit and qualifier, observed or
projected ("North Korea could send up to 12,000 soldiers")."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class QuantityQualifier(models.TextChoices):
    EXACT = "exact", _("exact")
    APPROXIMATE = "approximate", _("approximate")
    AT_LEAST = "at_least", _("at least")
    UP_TO = "up_to", _("up to")
    PROJECTED = "projected", _("projected")


# The claim's check constraint and the forms that build a quantity refuse the same thing.
QUANTITY_INCOMPLETE = _(
    "A quantity needs a value, a unit and a qualifier; without a value leave the other "
    "quantity fields empty."
)


@dataclass(frozen=True)
class Quantity:
    """A claim's five quantity columns as one value. The columns stay apart in the table, where
    the check constraints keep them complete and ordered."""

    value: Decimal
    unit: str
    qualifier: str  # a QuantityQualifier
    upper_bound: Decimal | None = None
    # A projection ("could send about 12,000") can itself be approximate or a bound, so it is a
    # flag beside the qualifier rather than one more qualifier.
    is_projection: bool = False

    def as_fields(self) -> dict[str, Any]:
        """The claim columns that hold this quantity."""
        return {
            "quantity_value": self.value,
            "quantity_max": self.upper_bound,
            "quantity_unit": self.unit,
            "quantity_qualifier": self.qualifier,
            "quantity_is_projection": self.is_projection,
        }

    def __str__(self) -> str:
        """As the pages show it, in the active language: "at least 3,000 soldiers", "up to
        12,000 soldiers (projection)"; a range joins its bounds with an en dash."""
        label = dict(QuantityQualifier.choices).get(self.qualifier, self.qualifier)
        figure = floatformat(self.value, "-4g")
        if self.upper_bound is not None:
            figure = f"{figure}–{floatformat(self.upper_bound, '-4g')}"
        text = f"{label} {figure} {self.unit}"
        return f"{text} ({gettext('projection')})" if self.is_projection else text


# The columns of a claim without a quantity.
NO_QUANTITY_FIELDS: dict[str, Any] = {
    "quantity_value": None,
    "quantity_max": None,
    "quantity_unit": "",
    "quantity_qualifier": "",
    "quantity_is_projection": False,
}
