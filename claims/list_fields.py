"""Form fields of the directories' filter forms (claims.list_filters, actors.filters), made for
people rather than for API clients: names instead of ids, dates in the page's language, yes or
no instead of true or false."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The day the format hint shows, in the page's language and in ISO 8601.
EXAMPLE_DAY = date(2024, 10, 23)


@dataclass(frozen=True, eq=False)  # compared by identity: `ids` may be a query
class Named:
    """A name typed into a filter form and the rows it stands for (ids, or a query of them)."""

    text: str
    ids: list[int] | QuerySet[Any]


class NamedField(forms.CharField):
    """A name (an actor's, a topic's title, a source's title) resolved by `resolve` to the rows
    it names; a name that names nothing is the field's error, saying what to do instead."""

    def __init__(
        self, *, resolve: Callable[[str], list[int] | QuerySet[Any]], unknown: str, **kwargs: Any
    ) -> None:
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.resolve = resolve
        self.unknown = unknown

    def clean(self, value: Any) -> Named | None:
        text = super().clean(value)
        if not text:
            return None
        ids = self.resolve(text)
        found = ids.exists() if isinstance(ids, QuerySet) else bool(ids)
        if not found:
            raise ValidationError(self.unknown, code="unknown", params={"name": text})
        return Named(text, ids)


class NamedFilter(django_filters.Filter):
    """A filter on a NamedField; its `method` receives the Named value."""

    field_class = NamedField

    def __init__(self, *args: Any, suggest: str, **kwargs: Any) -> None:
        # static/js/lists.js offers names from the API at `suggest` while one types.
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"autocomplete": "off", "data-suggest": suggest, "spellcheck": "false"}
            ),
        )
        super().__init__(*args, **kwargs)


def _date_example() -> str:
    local = EXAMPLE_DAY.strftime(formats.get_format("DATE_INPUT_FORMATS")[0])
    iso = EXAMPLE_DAY.isoformat()
    if local == iso:
        return gettext("For example %(iso)s.") % {"iso": iso}
    return gettext("For example %(local)s or %(iso)s.") % {"local": local, "iso": iso}


def _date_invalid() -> str:
    return gettext("This is no date we can read. %(example)s") % {"example": _date_example()}


date_example = lazy(_date_example, str)
date_invalid = lazy(_date_invalid, str)


class LocalDateFilter(django_filters.DateFilter):
    """A day typed in the page's language's format (23.10.2024 on German pages) or in ISO 8601
    (2024-10-23), with a hint that shows both."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", date_example())
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "size": 12}))
        kwargs.setdefault("error_messages", {"invalid": date_invalid()})
        super().__init__(*args, **kwargs)


def day_starts(day: date) -> datetime:
    """The first moment of `day` in the current time zone: a day typed into a form means the
    reader's day."""
    return timezone.make_aware(datetime.combine(day, time.min))


def day_after(day: date) -> datetime:
    return day_starts(day + timedelta(days=1))


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class YesNoFilter(django_filters.ChoiceFilter):
    """Yes, no or either, as a select; its `method` receives "yes" or "no" (see `said_yes`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", YES_NO)
        kwargs.setdefault("empty_label", _("Either"))
        super().__init__(*args, **kwargs)


def said_yes(value: str) -> bool:
    return value == "yes"


def sort_choice(label: Any, choices: list[tuple[str, Any]], default: str) -> Any:
    """The select of a directory's orders; the list applies it after every filter."""
    return django_filters.ChoiceFilter(
        label=label,
        method=lambda queryset, name, value: queryset,
        empty_label=None,
        # static/js/dashboards.js leaves the default order out of the address.
        widget=forms.Select(attrs={"data-default": default}),
        choices=choices,
    )
