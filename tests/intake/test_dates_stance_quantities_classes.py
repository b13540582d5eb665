"""Failure classes 6, 7 and 8 of the intake (issue #19), on sentences written for these tests:
the date of a statement (a speaker going on keeps the occasion's date, another clause's weekday
dates nothing), its stance read from the reported clause (and narration is no statement), and
quantities (hyphenated units, magnitudes, vague counts, units in English)."""

from datetime import date
from decimal import Decimal

import pytest

from claims.units import Unit
from intake import services
from intake.models import IntakeSuggestion, SuggestionKind
from intake.nlp import Suggestion, analyse_article
from intake.nlp.figures import estimate_unit, unit_needs_decision
from intake.nlp.quantities import find_quantities

PUBLISHED = date(2026, 3, 11)  # a Wednesday
MONDAY, SATURDAY, SUNDAY = date(2026, 3, 9), date(2026, 3, 7), date(2026, 3, 8)


def spoken(text: str, language: str) -> list[Suggestion]:
    return [
        s
        for s in analyse_article(text, language=language, published_on=PUBLISHED)
        if s.kind in ("quote", "statement")
    ]


def said_on(text: str, language: str, starting: str) -> date | None:
    (found,) = [s for s in spoken(text, language) if s.text.startswith(starting)]
    return found.said_on


# --- Class 6: dates ------------------------------------------------------------------------------

GERMAN_OCCASION = (
    "Kiel (dpa) - Im Streit um die Fährpreise bleibt die Reederei hart.\n\n"
    "Reedereichefin Marta Holm sagte am Montag in Kiel, die Preise seien nicht verhandelbar. "
    "Holm sagte weiter, man habe die Kosten lange selbst getragen.\n\n"
    "Holm sagte weiter, ein Ende der Zuschläge sei nicht in Sicht. "
    "„Wir haben keine andere Wahl“, fuhr Holm fort.\n\n"
    "Sie fuhr fort, die Kunden hätten Verständnis gezeigt.\n"
)

ENGLISH_OCCASION = (
    "Leeds (PA) - The bus operator defended its timetable cuts.\n\n"
    "Operations director Kofi Mensah said on Monday that the cuts were unavoidable. "
    "He added that drivers were in short supply.\n\n"
    "Mensah went on to say that services would be reviewed in the summer.\n\n"
    '"Nobody wanted this," Mensah added.\n'
)


@pytest.mark.parametrize(
    "starting",
    [
        "Holm sagte weiter, man habe",  # the same paragraph
        "Holm sagte weiter, ein Ende",  # the next paragraph
        "Wir haben keine andere Wahl",  # a quote, "fuhr … fort"
        "Sie fuhr fort",  # a pronoun, another paragraph
    ],
)
def test_a_german_speaker_going_on_keeps_the_date_of_the_occasion(starting):
    assert said_on(GERMAN_OCCASION, "de", starting) == MONDAY


@pytest.mark.parametrize(
    "starting", ["He added that", "Mensah went on to say", "Nobody wanted this"]
)
def test_an_english_speaker_going_on_keeps_the_date_of_the_occasion(starting):
    assert said_on(ENGLISH_OCCASION, "en", starting) == MONDAY


def test_a_speaker_s_later_words_keep_the_day_the_text_named_for_them():
    text = (
        "Police chief Dana Ortiz told reporters Sunday that the attack was unprovoked.\n\n"
        "The officer was wounded in the exchange, Ortiz said.\n\n"
        "The union said the station had asked for more staff."
    )
    assert said_on(text, "en", "The officer was wounded") == SUNDAY
    assert said_on(text, "en", "The union said") is None  # another speaker, no day


@pytest.mark.parametrize(
    ("text", "language", "starting"),
    [
        (
            "The council said the closure, which began on Tuesday, was temporary.",
            "en",
            "The council said",
        ),
        ("The council said the closure on Tuesday was temporary.", "en", "The council said"),
        ("When talks failed Tuesday, the union said it would strike.", "en", "When talks"),
        (
            "Die Stadt erklärte, die Sperrung, die am Dienstag begann, sei vorübergehend.",
            "de",
            "Die Stadt erklärte",
        ),
        (
            "Als die Gespräche am Dienstag scheiterten, erklärte die Gewerkschaft, sie werde "
            "streiken.",
            "de",
            "Als die Gespräche",
        ),
    ],
)
def test_a_weekday_of_another_clause_does_not_date_the_statement(text, language, starting):
    assert said_on(text, language, starting) is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The ministry said in a statement on Saturday that talks would resume.", "en", SATURDAY),
        ("The ministry said on Saturday in a statement that talks would resume.", "en", SATURDAY),
        ("The mayor told reporters in Leeds on Sunday that the cuts were wrong.", "en", SUNDAY),
        ("The mayor said late on Sunday that the cuts were wrong.", "en", SUNDAY),
        ("Das Ministerium teilte am Samstag in einer Erklärung mit, die Gespräche gingen weiter.",
         "de", SATURDAY),
        ("Das Ministerium erklärte in einer Erklärung am Samstag, die Gespräche gingen weiter.",
         "de", SATURDAY),
        # The publication day itself, and a weekday after it is the week before's.
        ("The ministry said on Wednesday that talks would resume.", "en", PUBLISHED),
        ("The ministry said on Thursday that talks would resume.", "en", date(2026, 3, 5)),
        ("Die Stadt sagte am Donnerstag, die Sperrung bleibe.", "de", date(2026, 3, 5)),
        ("The ministry said last Wednesday that talks would resume.", "en", date(2026, 3, 4)),
        ("The ministry said last night that talks would resume.", "en", date(2026, 3, 10)),
    ],
)  # fmt: skip
def test_the_occasion_s_weekday_dates_the_statement_against_the_publication_day(
    text, language, expected
):
    (statement,) = spoken(text, language)
    assert statement.said_on == expected


# --- Class 7: stance, and sentences that report no speech ----------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "stance"),
    [
        ("Ein Sprecher der Stadt erklärte, man könne die Zahlen nicht bestätigen.", "de",
         "cannot_confirm"),
        ("Die Reederei erklärte, dass man die Zahlen nicht bestätigen könne.", "de",
         "cannot_confirm"),
        ("Man könne die Zahlen nicht bestätigen, sagte ein Sprecher der Stadt.", "de",
         "cannot_confirm"),
        ("Die Reederei erklärte, sie weise die Vorwürfe zurück.", "de", "denies"),
        ("Die Reederei wies die Vorwürfe zurück.", "de", "denies"),
        ("Der Verband warnte vor weiteren Preiserhöhungen.", "de", "comments"),
        ("Die Stadt bestätigte die Schließung.", "de", "supports"),
        ("Der Bürgermeister sagte, die Opposition bestreite die Zahlen.", "de", "asserts"),
        ("The council said it could not confirm the figures.", "en", "cannot_confirm"),
        ("The council said that it was unable to confirm the figures.", "en", "cannot_confirm"),
        ("The operator rejected the claim.", "en", "denies"),
        ("The operator said it rejected the claim.", "en", "denies"),
        ("The union warned of further cuts.", "en", "comments"),
        ("The council confirmed that two routes would close.", "en", "supports"),
        ("The mayor said the union rejected the offer.", "en", "asserts"),
        ("Ein Sprecher wollte die Zahlen weder bestätigen noch dementieren.", "de",
         "cannot_confirm"),
        ("The operator would neither confirm nor deny the figures.", "en", "cannot_confirm"),
        ("The operator declined to confirm the figures.", "en", "cannot_confirm"),
    ],
)  # fmt: skip
def test_the_stance_is_read_from_the_reported_clause(text, language, stance):
    (statement,) = spoken(text, language)
    assert statement.stance_hint == stance


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Reederei sagte alle Abendfähren ab.", "de"),
        ("Das Unglück forderte mindestens zwölf Todesopfer.", "de"),
        ("The drivers' union called a strike.", "en"),
        ("The operator added 40 buses to its fleet.", "en"),
        ("The storm claimed 12 lives.", "en"),
        ("Fighting continued on Wednesday.", "en"),
        ("The judge denied a request to lift the ban.", "en"),
        ("Das Gericht lehnte den Eilantrag der Reederei ab.", "de"),
    ],
)
def test_narration_without_speech_is_no_statement(text, language):
    assert spoken(text, language) == []


def test_a_demand_with_a_count_is_still_a_statement():
    (statement,) = spoken("Die Gewerkschaft fordert für 900 Fahrer sechs Prozent mehr Lohn.", "de")
    assert statement.speaker == "Gewerkschaft"


# --- Class 8: quantities, with their units in English ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "value", "unit", "qualifier"),
    [
        ("a 19-percent pay rise", "en", 19, "percent", "exact"),
        ("a 3,500-U.S. dollar bonus", "en", 3500, "US dollars", "exact"),
        ("a bonus of $3,500", "en", 3500, "US dollars", "exact"),
        ("a magnitude 7.4 earthquake", "en", Decimal("7.4"), "magnitude", "exact"),
        ("a 6.1-magnitude quake", "en", Decimal("6.1"), "magnitude", "exact"),
        ("The quake measured 5.8 on the Richter scale.", "en", Decimal("5.8"), "magnitude",
         "exact"),
        ("thousands of commuters", "en", 1000, "commuters", "at_least"),
        ("hundreds of people", "en", 100, "people", "at_least"),
        ("ein Erdbeben der Stärke 7,4", "de", Decimal("7.4"), "magnitude", "exact"),
        ("Das Beben hatte eine Stärke von 6,1.", "de", Decimal("6.1"), "magnitude", "exact"),
        ("Seine Stärke wurde zunächst mit 7,9 angegeben.", "de", Decimal("7.9"), "magnitude",
         "exact"),
        ("eine Einheit in Stärke von 500 Mann", "de", 500, "troops", "exact"),
        ("eine 19-prozentige Erhöhung", "de", 19, "percent", "exact"),
        ("Tausende Pendler warteten.", "de", 1000, "commuters", "at_least"),
        ("Tausende von Menschen flohen.", "de", 1000, "people", "at_least"),
        ("Hunderte Verletzte", "de", 100, "injured", "at_least"),
        ("rund 3.000 Lokführer", "de", 3000, "train drivers", "approximate"),
        ("500 Arbeiter streikten.", "de", 500, "workers", "exact"),
        ("45 Abgeordnete stimmten dagegen.", "de", 45, "members of parliament", "exact"),
        ("Es gab 19 Tote.", "de", 19, "dead", "exact"),
        ("um 19 Prozent", "de", 19, "percent", "exact"),
        ("3.500 Euro", "de", 3500, "euros", "exact"),
        ("3.500 US-Dollar", "de", 3500, "US dollars", "exact"),
        ("It cost 3,500 U.S. dollars.", "en", 3500, "US dollars", "exact"),
        ("several thousand protesters", "en", 1000, "protesters", "at_least"),
        ("damages of more than $3.5 million", "en", 3_500_000, "US dollars", "at_least"),
        ("a £2m grant", "en", 2_000_000, "pounds", "exact"),
        ("She went out to 17.79m, the best this year.", "en", Decimal("17.79"), "metres",
         "exact"),
        ("still 50cm short", "en", 50, "centimetres", "exact"),
        ("The shelling killed 40 Palestinians.", "en", 40, "Palestinians", "exact"),
        ("The crash left 107 wounded.", "en", 107, "wounded", "exact"),
        ("an 8-passenger aircraft", "en", 8, "passengers", "exact"),
        ("Millionen Pendler sind betroffen.", "de", 1_000_000, "commuters", "at_least"),
        ("sechs Rettungshubschrauber", "de", 6, "helicopters", "exact"),
        ("einige Tausend Demonstranten", "de", 1000, "protesters", "at_least"),
    ],
)  # fmt: skip
def test_quantities_of_class_8(text, language, value, unit, qualifier):
    (quantity,) = find_quantities(text, language=language)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (Decimal(value), unit, qualifier)


def test_compound_words_and_durations_with_hyphens_stay_no_quantities():
    assert find_quantities("a 12,000-strong force for a 10-year mission", language="en") == []
    assert find_quantities("a 2-1 vote in the 2024-25 season", language="en") == []


@pytest.mark.parametrize(
    "german", ["Lokführer", "Arbeiter", "Abgeordnete", "Tote", "Verletzte", "Prozent", "Euro"]
)
def test_the_newsroom_s_german_units_are_english_units_of_the_list(german):
    (quantity,) = find_quantities(f"Es waren 40 {german}.", language="de")
    assert estimate_unit(quantity.unit) in Unit.values
    assert not unit_needs_decision(quantity.unit, "de")


def test_a_german_unit_without_an_english_entry_is_kept_and_flagged():
    (quantity,) = [
        s
        for s in analyse_article("Es kamen 120 Schornsteinfeger.", language="de")
        if s.kind == "quantity"
    ]
    assert quantity.unit == "Schornsteinfeger" and quantity.estimate_unit == ""
    assert quantity.as_dict()["unit_needs_decision"] is True
    (english,) = [
        s for s in analyse_article("About 120 chimney sweeps came.", language="en")
        if s.kind == "quantity"
    ]  # fmt: skip
    assert english.as_dict()["unit_needs_decision"] is False


@pytest.mark.django_db
def test_accepting_a_figure_with_a_german_unit_asks_for_its_english_unit():
    source, _ = services.intake_article(
        text="Hamburg (dpa) - Es kamen 120 Schornsteinfeger und rund 3.000 Lokführer.",
        language="de",
        recorded_by=None,
        published_on=PUBLISHED,
    )
    figures = IntakeSuggestion.objects.filter(source=source, kind=SuggestionKind.QUANTITY)
    sweeps = figures.get(unit="Schornsteinfeger")
    reason = services.propose_statement(sweeps).undecided["estimate_unit"]
    assert "Schornsteinfeger" in reason and "English" in reason
    drivers = figures.get(unit="train drivers")
    assert drivers.estimate_unit == Unit.TRAIN_DRIVERS
    assert "estimate_unit" not in services.propose_statement(drivers).undecided
