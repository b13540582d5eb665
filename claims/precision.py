"""How precisely a date is known: a claim first asserted "in October 2024", a figure for
"December 2024" or "2024". One list for both, stored as its values."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
