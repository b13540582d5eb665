"""Date expressions in news text, relative ones resolved against the publication date."""

from datetime import date

import pytest

from intake.nlp.dates import find_dates

PUBLISHED = date(2024, 10, 22)  # a Tuesday


@pytest.mark.parametrize(
    ("expression", "language", "expected"),
    [
        ("am Montag", "de", date(2024, 10, 21)),
        ("am Samstag", "de", date(2024, 10, 19)),
        ("am Dienstag", "de", date(2024, 10, 22)),  # the publication day itself
        ("am Montagabend", "de", date(2024, 10, 21)),
        ("gestern", "de", date(2024, 10, 21)),
        ("on Friday", "en", date(2024, 10, 18)),
        ("on Wednesday", "en", date(2024, 10, 16)),
        ("yesterday", "en", date(2024, 10, 21)),
        ("am 18. Oktober", "de", date(2024, 10, 18)),
        ("on October 18", "en", date(2024, 10, 18)),
    ],
)
def test_relative_dates_resolve_to_the_latest_such_day_on_or_before_publication(
    expression, language, expected
):
    (mention,) = find_dates(expression, language=language, published_on=PUBLISHED)
    assert mention.resolved == expected


def test_dates_that_say_when_something_happens_are_not_when_it_was_said():
    (mention,) = find_dates("bis Dienstag", language="de", published_on=PUBLISHED)
    assert mention.resolved is None
