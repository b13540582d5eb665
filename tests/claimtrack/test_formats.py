"""One date and number format per language (claimtrack/formats/), the shape the browser's Intl
writes too (static/js/dashboards.js): no "Oct. 18, 2024" beside "10/18/2024 3:26 a.m."."""

from datetime import UTC, date, datetime

import pytest
from django import forms
from django.utils import formats, translation

MOMENT = datetime(2024, 10, 18, 15, 26, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "day", "moment", "number"),
    [
        ("en", "18 October 2024", "18 October 2024, 15:26", "1,500"),
        ("de", "18. Oktober 2024", "18. Oktober 2024, 15:26", "1.500"),
    ],
)
def test_each_language_writes_a_day_one_way_short_or_long(language, day, moment, number, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override(language):
        assert formats.date_format(MOMENT, "DATE_FORMAT") == day
        assert formats.date_format(MOMENT, "SHORT_DATE_FORMAT") == day
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == moment
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == moment
        assert formats.number_format(1500, force_grouping=True) == number


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "2024-10-23"),
        ("en", "23 October 2024"),
        ("de", "23.10.2024"),
        ("de", "2024-10-23"),
    ],
)
def test_a_date_field_takes_the_page_languages_way_of_writing_a_day(language, typed):
    with translation.override(language):
        assert forms.DateField().clean(typed) == date(2024, 10, 23)


def test_an_english_date_field_refuses_the_ambiguous_slashed_day():
    with translation.override("en"), pytest.raises(forms.ValidationError):
        forms.DateField().clean("10/11/2024")  # 10 November or 11 October?
