"""Database constraints shared by the apps."""

from typing import Any

from django.db import models
from django.db.models import Q


def choices_check(field: str, choices: type[models.TextChoices]) -> models.CheckConstraint:
    """A database check that `field` holds one of `choices`.

    Django validates choices only in forms; the database must also refuse bad values written by
    services, raw SQL or future code paths.
    """
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}),
        name=f"%(app_label)s_%(class)s_{field}_valid",
        violation_error_message=f"{field} must be one of: {', '.join(choices.values)}.",
    )


def optional_choices_check(
    field: str,
    choices: type[models.TextChoices],
    message: Any,
    *,
    name: str | None = None,
) -> models.CheckConstraint:
    """A database check that `field` is blank or holds one of `choices` (a figure's unit, a
    suggestion's stance hint): choices_check for a field that may be left empty."""
    return models.CheckConstraint(
        condition=Q(**{field: ""}) | Q(**{f"{field}__in": choices.values}),
        name=name or f"%(app_label)s_%(class)s_{field}_valid",
        violation_error_message=message,
    )
