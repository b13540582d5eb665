"""Filter types shared by the apps' FilterSets: strict about what they accept, so a malformed
query parameter is a 400 the client can fix, never a silently ignored filter or a 500."""

from datetime import UTC, datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError

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


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """Any ISO 8601 date-time, as the schema's date-time format allows, converted to UTC.

    Left in its own offset, a moment would reach PostgreSQL, which refuses an offset past
    15:59 ("time zone displacement out of range"), or Django, which converts it to UTC for
    SQLite and overflows in the first or last hours of Python's calendar (year 1, year 9999).
    Such a moment lies before or after every row, so its calendar's first or last moment
    stands in for it.
    """

    def to_python(self, value: object) -> datetime | None:
        result = super().to_python(value)
        if result is None:
            return None
        try:
            return result.astimezone(UTC)
        except OverflowError:
            return (datetime.min if result.year == datetime.min.year else datetime.max).replace(
                tzinfo=UTC
            )


class CountFilter(django_filters.NumberFilter):
    """A whole number, as the schema says: 0.5 is refused with a field message, not rounded."""

    field_class = forms.IntegerField


class DateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time with a time zone, e.g. 2024-10-21T00:00:00Z."""

    field_class = UtcIsoDateTimeField


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
