"""Quantities in German and English news text: values, ranges, units and qualifiers."""

from decimal import Decimal

import pytest

from claims.models import QuantityQualifier
from intake.nlp.quantities import find_quantities


@pytest.mark.parametrize(
    ("text", "language", "value", "value_max", "unit", "qualifier"),
    [
        ("Nordkorea hat 1.500 Soldaten verlegt.", "de", 1500, None, "soldiers", "exact"),
        ("Es sind 12.000 Soldaten.", "de", 12000, None, "soldiers", "exact"),
        ("Hilfen von 1,5 Millionen Euro", "de", 1_500_000, None, "euros", "exact"),
        ("eine Lohnerhöhung von 3,5 Prozent", "de", Decimal("3.5"), None, "percent", "exact"),
        ("North Korea moved 1,500 troops.", "en", 1500, None, "troops", "exact"),
        ("savings of 2.5 billion euros", "en", 2_500_000_000, None, "euros", "exact"),
        ("zwölftausend Soldaten", "de", 12000, None, "soldiers", "exact"),
        ("twelve thousand soldiers", "en", 12000, None, "soldiers", "exact"),
        ("Tausende Menschen flohen.", "de", 1000, None, "people", "at_least"),
        ("thousands of people fled", "en", 1000, None, "people", "at_least"),
        ("10.000 bis 12.000 Soldaten", "de", 10000, 12000, "soldiers", "approximate"),
        ("zwischen 10.000 und 12.000 Soldaten", "de", 10000, 12000, "soldiers", "approximate"),
        ("between 10,000 and 12,000 soldiers", "en", 10000, 12000, "soldiers", "approximate"),
        ("10 bis 15 Millionen Euro", "de", 10_000_000, 15_000_000, "euros", "approximate"),
        ("rund 12.000 Soldaten", "de", 12000, None, "soldiers", "approximate"),
        ("etwa 12.000 Soldaten", "de", 12000, None, "soldiers", "approximate"),
        ("mehr als 3.000 Soldaten", "de", 3000, None, "soldiers", "at_least"),
        ("mindestens 3.000 Soldaten", "de", 3000, None, "soldiers", "at_least"),
        ("bis zu 12.000 Soldaten", "de", 12000, None, "soldiers", "up_to"),
        ("about 12,000 soldiers", "en", 12000, None, "soldiers", "approximate"),
        ("more than 3,000 soldiers", "en", 3000, None, "soldiers", "at_least"),
        ("at least 3,000 North Korean soldiers", "en", 3000, None, "soldiers", "at_least"),
        ("up to 12,000 troops", "en", 12000, None, "troops", "up_to"),
        ("about a dozen specialists", "en", 12, None, "specialists", "approximate"),
        ("thousands of rail workers", "en", 1000, None, "rail workers", "at_least"),
        ("124 confirmed cases", "en", 124, None, "cases", "exact"),
        ("mehr als 30 Zeugen", "de", 30, None, "witnesses", "at_least"),
        ("eine Million Euro", "de", 1_000_000, None, "euros", "exact"),
        ("ein Dutzend Drohnen", "de", 12, None, "drones", "exact"),
        (
            "bis zu 80 Liter Regen pro Quadratmeter",
            "de",
            80,
            None,
            "litres per square metre",
            "up_to",
        ),
    ],
)
def test_quantities_with_units_and_qualifiers(text, language, value, value_max, unit, qualifier):
    (quantity,) = find_quantities(text, language=language)
    assert quantity.value == Decimal(value)
    assert quantity.value_max == (Decimal(value_max) if value_max is not None else None)
    assert (quantity.unit, quantity.qualifier) == (unit, qualifier)
    assert quantity.qualifier in QuantityQualifier.values


def test_a_number_without_its_noun_takes_the_unit_before_it():
    text = "Nordkorea hat 1.500 Soldaten verlegt; insgesamt könnten es bis zu 12.000 werden."
    assert [(q.text, q.unit) for q in find_quantities(text, language="de")] == [
        ("1.500 Soldaten", "soldiers"),
        ("bis zu 12.000", "soldiers"),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Wahl fand 2024 statt.", "de"),
        ("am 21. Oktober 2024", "de"),
        ("Wir arbeiten seit 48 Stunden.", "de"),
        ("um 14.30 Uhr", "de"),
        ("on October 21, 2024", "en"),
        ("within two days", "en"),
        ("one of the strongest storms", "en"),
        ("the G7 summit", "en"),
    ],
)
def test_years_dates_times_and_durations_are_not_quantities(text, language):
    assert find_quantities(text, language=language) == []
