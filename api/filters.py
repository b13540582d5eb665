"""Filter types shared by the apps' FilterSets: strict about what they accept, so a malformed
query parameter is a 400 the client can fix, never a silently ignored filter or a 500."""

from datetime import datetime, timedelta
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError

# Far enough for any story, near enough that converting to UTC can never overflow.
EARLIEST_YEAR, LATEST_YEAR = 1000, 9000
# PostgreSQL refuses a time zone displacement past 15:59 ("time zone displacement out of
# range"), so a larger offset Python accepts would otherwise reach the database and fail there.
MAX_UTC_OFFSET = timedelta(hours=15, minutes=59)
SEARCH_MAX_LENGTH = 200


class StrictBooleanField(forms.Field):
    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value: object) -> bool | None:
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        try:
            return self.VALUES[str(value).lower()]
        except KeyError as exc:
            raise ValidationError("Use true or false.", code="invalid") from exc


class StrictBooleanFilter(django_filters.BooleanFilter):
    """`true` / `false` (or 1 / 0); anything else is refused rather than ignored."""

    field_class = StrictBooleanField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class BoundedIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    def to_python(self, value: object) -> datetime | None:
        result = super().to_python(value)
        offset = result.utcoffset() if result is not None else None
        if offset is not None and abs(offset) > MAX_UTC_OFFSET:
            raise ValidationError(
                "Give a time zone offset between -15:59 and +15:59, e.g. Z or +02:00.",
                code="invalid",
            )
        if result is not None and not EARLIEST_YEAR <= result.year <= LATEST_YEAR:
            raise ValidationError(
                f"Give a date-time between the years {EARLIEST_YEAR} and {LATEST_YEAR}.",
                code="invalid",
            )
        return result


class DateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time with a time zone, e.g. 2024-10-21T00:00:00Z."""

    field_class = BoundedIsoDateTimeField


class SearchFilter(django_filters.CharFilter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        super().__init__(*args, **kwargs)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """One or more of a field's choices (repeat the parameter).

    django-filter's MultipleChoiceFilter adds SELECT DISTINCT by default, for fields reached
    through a to-many join. These filters are on the row's own field or one reached through
    foreign keys, where a row cannot match twice: DISTINCT would only make PostgreSQL sort the
    whole result on every selected column before it can return the first page.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)
