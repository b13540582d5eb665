"""The figure an actor gives in a statement: a value or bounds, what it counts, and whether it
describes what is (an observation) or what will be (a projection), for which moment.

"NIS: about 10,000 soldiers by December" is an approximate projection of the measure "DPRK
troops in Russia" that refers to December 2024, said on 18 October. The moment a figure refers
to is kept apart from when it was said, so a chart can draw it where it belongs and a
projection can come back for a verdict once its moment has passed.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .precision import DatePrecision
from .units import Unit


class EstimateKind(models.TextChoices):
    OBSERVATION = "observation", _("observation")
    PROJECTION = "projection", _("projection")


class EstimateQualifier(models.TextChoices):
    EXACT = "exact", _("exact")
    APPROXIMATE = "approximate", _("approximate")
    AT_LEAST = "at_least", _("at least")
    UP_TO = "up_to", _("up to")


class ProjectionOutcomeKind(models.TextChoices):
    BORNE_OUT = "borne_out", _("Borne out")
    NOT_BORNE_OUT = "not_borne_out", _("Not borne out")
    CANNOT_TELL = "cannot_tell", _("Cannot tell")


def end_of(day: date, precision: str) -> date:
    """The last day of the period a moment names: "by December 2024" runs to 31 December."""
    if precision == DatePrecision.YEAR:
        return date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


@dataclass(frozen=True)
class Estimate:
    """A statement's estimate columns as one value; the columns stay apart in the table, where
    the check constraints keep them complete and ordered (claims.models.Statement)."""

    unit: str  # a Unit
    qualifier: str = EstimateQualifier.EXACT
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    kind: str = EstimateKind.OBSERVATION
    # Stored as the period's last day ("by December" → 31 December), with its precision.
    refers_to: date | None = None
    refers_to_precision: str = DatePrecision.DAY
    measure_id: int | None = None

    def __post_init__(self) -> None:
        # A day is its own end; rows read back are already stored as their period's end.
        if self.refers_to is not None and self.refers_to_precision != DatePrecision.DAY:
            end = end_of(self.refers_to, self.refers_to_precision)
            if end != self.refers_to:
                object.__setattr__(self, "refers_to", end)

    @property
    def is_projection(self) -> bool:
        return self.kind == EstimateKind.PROJECTION

    @property
    def central(self) -> Decimal:
        """The figure a chart line passes through: the value, else the middle of the bounds,
        else the one bound given."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        bound = self.low if self.low is not None else self.high
        assert bound is not None  # the constraint wants a value or a bound
        return bound

    def with_measure(self, measure_id: int | None) -> Estimate:
        return replace(self, measure_id=measure_id)

    def as_fields(self) -> dict[str, Any]:
        """The statement columns that hold this estimate."""
        return {
            "estimate_value": self.value,
            "estimate_low": self.low,
            "estimate_high": self.high,
            "estimate_unit": self.unit,
            "estimate_qualifier": self.qualifier,
            "estimate_kind": self.kind,
            "estimate_refers_to": self.refers_to,
            "estimate_refers_to_precision": self.refers_to_precision if self.refers_to else "",
            "estimate_measure_id": self.measure_id,
        }

    def figure(self) -> str:
        """The figure as the pages show it: "about 10,000 soldiers", "1.500 Soldaten"."""
        if self.value is not None:
            number = _number(self.value)
        elif self.low is not None and self.high is not None:
            number = f"{_number(self.low)}–{_number(self.high)}"
        elif self.low is not None:
            number = f"{gettext('at least')} {_number(self.low)}"
        else:
            assert self.high is not None
            number = f"{gettext('up to')} {_number(self.high)}"
        qualifier = QUALIFIER_WORDS.get(self.qualifier, "") if self.value is not None else ""
        unit = unit_label(self.unit)
        return " ".join(part for part in (str(qualifier), number, unit) if part)

    def moment(self) -> str:
        """When the figure applies, as a reader says it: "December 2024", "2024", "23 Oct 2024"."""
        if self.refers_to is None:
            return ""
        if self.refers_to_precision == DatePrecision.YEAR:
            return str(self.refers_to.year)
        if self.refers_to_precision == DatePrecision.MONTH:
            return format_date(self.refers_to, "F Y")
        return format_date(self.refers_to, "DATE_FORMAT")

    def __str__(self) -> str:
        """ "about 10,000 soldiers by December 2024", "at least 3,000 soldiers as of 23 Oct"."""
        moment = self.moment()
        if not moment:
            return self.figure()
        if self.is_projection:
            return gettext("%(figure)s by %(moment)s") % {"figure": self.figure(), "moment": moment}
        return gettext("%(figure)s as of %(moment)s") % {"figure": self.figure(), "moment": moment}


QUALIFIER_WORDS: dict[str, Any] = {
    EstimateQualifier.EXACT: "",
    EstimateQualifier.APPROXIMATE: _("about"),
    EstimateQualifier.AT_LEAST: _("at least"),
    EstimateQualifier.UP_TO: _("up to"),
}


def unit_label(unit: str) -> str:
    """The unit in the active language; one not in the list as given. Not `in Unit.values`:
    that builds the whole list of choices, every time (a topic's estimates call this 10,000
    times)."""
    try:
        return str(Unit(unit).label)
    except ValueError:
        return unit


def _number(value: Decimal) -> str:
    return str(floatformat(value, "-4g"))


# The statement columns of a statement without an estimate.
NO_ESTIMATE_FIELDS: dict[str, Any] = {
    "estimate_value": None,
    "estimate_low": None,
    "estimate_high": None,
    "estimate_unit": "",
    "estimate_qualifier": "",
    "estimate_kind": "",
    "estimate_refers_to": None,
    "estimate_refers_to_precision": "",
    "estimate_measure_id": None,
}

ESTIMATE_INCOMPLETE = _(
    "An estimate needs a unit, a qualifier, a kind and a value or a bound; without one leave "
    "every estimate field empty."
)
