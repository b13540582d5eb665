"""Figures as estimates: observed or projected, the moment they refer to, the unit from the list
and the qualifier, found in the figure's own clause and resolved against the publication day."""

from datetime import date
from decimal import Decimal

import pytest

from claims.estimates import EstimateKind, EstimateQualifier
from claims.precision import DatePrecision
from claims.units import Unit
from intake.nlp import analyse_article
from intake.nlp.figures import estimate_qualifier, estimate_unit

PUBLISHED = date(2024, 10, 22)
GERMAN = (
    "Nach Angaben des südkoreanischen Geheimdienstes hat Nordkorea 1.500 Soldaten nach Russland "
    "verlegt; bis Dezember sollen es rund 10.000 sein."
)
ENGLISH = (
    "North Korea has sent 1,500 soldiers to Russia, and about 10,000 are expected there by "
    "December, the NIS said."
)


def figures(text: str, language: str, published_on: date | None = PUBLISHED) -> list[tuple]:
    return [
        (
            s.value,
            s.value_max,
            s.estimate_unit,
            s.qualifier,
            s.estimate_kind,
            s.refers_to,
            s.refers_to_precision,
        )
        for s in analyse_article(text, language=language, published_on=published_on)
        if s.kind == "quantity"
    ]


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (ENGLISH, "en")])
def test_an_observed_figure_and_a_projection_in_one_sentence_keep_their_own_kinds(text, language):
    assert figures(text, language) == [
        (Decimal(1500), None, "soldiers", "exact", "observation", PUBLISHED, "day"),
        (
            Decimal(10000),
            None,
            "soldiers",
            "approximate",
            "projection",
            date(2024, 12, 31),
            "month",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "language", "published_on", "refers_to", "precision"),
    [
        ("Bis Dezember sollen 3.000 Soldaten geschickt werden.", "de", PUBLISHED, "2024-12-31",
         "month"),
        ("Bis Januar sollen 3.000 Soldaten geschickt werden.", "de", PUBLISHED, "2025-01-31",
         "month"),
        ("Bis Ende des Jahres könnten es 3.000 Soldaten sein.", "de", PUBLISHED, "2024-12-31",
         "year"),
        ("Bis Jahresende sollen es 3.000 Soldaten sein.", "de", PUBLISHED, "2024-12-31", "year"),
        ("Bis zum 15. November sollen 3.000 Soldaten geschickt werden.", "de", PUBLISHED,
         "2024-11-15", "day"),
        ("Erwartet werden bis Ende 2025 rund 3.000 Soldaten.", "de", PUBLISHED, "2025-12-31",
         "year"),
        ("Im kommenden Jahr könnten 3.000 Soldaten folgen.", "de", PUBLISHED, "2025-12-31",
         "year"),
        ("North Korea could send 3,000 soldiers by the end of the year.", "en", PUBLISHED,
         "2024-12-31", "year"),
        ("North Korea plans to send 3,000 soldiers by January.", "en", PUBLISHED, "2025-01-31",
         "month"),
        ("North Korea will send 3,000 soldiers by December 15.", "en", PUBLISHED, "2024-12-15",
         "day"),
        ("About 3,000 soldiers are expected in Russia by 2026.", "en", PUBLISHED, "2026-12-31",
         "year"),
        ("It could send 800 drones by May.", "en", PUBLISHED, "2025-05-31", "month"),
    ],
)  # fmt: skip
def test_projections_refer_to_the_moment_the_text_names(
    text, language, published_on, refers_to, precision
):
    ((*_, kind, moment, found_precision),) = figures(text, language, published_on)
    assert (kind, moment, found_precision) == (
        "projection",
        date.fromisoformat(refers_to),
        precision,
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nordkorea habe 1.500 Soldaten verlegt; insgesamt könnten es bis zu 12.000 werden.", "de"),
        ("In den kommenden Wochen sollen 2.000 Soldaten geschickt werden.", "de"),
        ("Up to 12,000 soldiers could eventually be sent.", "en"),
        ("North Korea will send 2,000 soldiers in the coming weeks.", "en"),
    ],
)
def test_a_projection_for_no_moment_in_particular_leaves_the_kind_to_the_editor(text, language):
    last = figures(text, language)[-1]
    assert last[2:] == ("soldiers", last[3], "", None, "")


def test_without_a_publication_date_a_month_has_no_year_and_the_editor_gives_the_moment():
    ((*_, kind, moment, precision),) = figures(
        "Bis Dezember sollen es 3.000 Soldaten sein.", "de", published_on=None
    )
    assert (kind, moment, precision) == ("", None, "")


@pytest.mark.parametrize(
    ("text", "language", "refers_to"),
    [
        ("Stand 20. Oktober waren 3.000 Soldaten in Russland.", "de", "2024-10-20"),
        ("(Stand: 23. Dezember) 3.000 Soldaten sind in Russland.", "de", "2023-12-23"),
        ("As of October 20, 3,000 soldiers were in Russia.", "en", "2024-10-20"),
        ("As of 20 October, 3,000 soldiers were in Russia.", "en", "2024-10-20"),
        ("Nordkorea soll 1.500 Soldaten verlegt haben.", "de", "2024-10-22"),
        ("Bis September waren 3.000 Soldaten angekommen.", "de", "2024-09-30"),
        ("Im September waren 3.000 Soldaten in Russland.", "de", "2024-09-30"),
        ("3,000 soldiers had moved to Russia in early to mid-October.", "en", "2024-10-31"),
    ],
)
def test_observations_refer_to_the_day_counted_or_else_the_article_s_day(text, language, refers_to):
    ((*_, kind, moment, _precision),) = figures(text, language)
    assert (kind, moment) == ("observation", date.fromisoformat(refers_to))


def test_a_range_keeps_its_bounds_and_a_unit_outside_the_list_gives_no_estimate_unit():
    (soldiers,) = figures("Bis Jahresende sollen es 10.000 bis 12.000 Soldaten sein.", "de")
    assert soldiers[:5] == (Decimal(10000), Decimal(12000), "soldiers", "approximate", "projection")
    (rain,) = figures("Es fielen bis zu 80 Liter Regen pro Quadratmeter.", "de")
    assert rain[2] == "" and rain[4] == "observation"


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("soldiers", Unit.SOLDIERS),
        ("soldier", Unit.SOLDIERS),
        ("troops", Unit.TROOPS),
        ("persons", Unit.PEOPLE),
        ("dollars", Unit.US_DOLLARS),
        ("US dollars", Unit.US_DOLLARS),
        ("rail workers", ""),
        ("litres per square metre", ""),
    ],
)
def test_units_map_to_the_list_or_to_nothing(unit, expected):
    assert estimate_unit(unit) == expected


def test_every_german_unit_of_the_lexicon_is_on_the_list():
    from intake.nlp import lexicon

    assert {estimate_unit(unit) for unit in lexicon.UNITS.values()} <= set(Unit.values)
    assert "" not in {estimate_unit(unit) for unit in lexicon.UNITS.values()}


def test_qualifiers_map_to_estimate_qualifiers():
    for qualifier in ("exact", "approximate", "at_least", "up_to"):
        assert estimate_qualifier(qualifier) in EstimateQualifier.values
    assert estimate_qualifier("projected") == ""
    assert {EstimateKind.OBSERVATION, DatePrecision.DAY}  # the values the tests compare with
