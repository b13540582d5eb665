"""The article analysis: plain functions over text, no database."""

import json
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from claims.models import QuantityQualifier, Stance
from intake.nlp import KnownActor, analyse_article

DATA = Path(__file__).resolve().parent.parent / "data" / "intake"
PUBLISHED = date(2024, 10, 22)  # a Tuesday
ACTORS = [
    KnownActor("wood", ("Robert Wood",), is_person=True),
    KnownActor("kim_yo_jong", ("Kim Yo Jong", "Kim Yo-jong"), is_person=True),
    KnownActor("kim_jong_un", ("Kim Jong Un", "Kim Jong-un"), is_person=True),
    KnownActor("nis", ("National Intelligence Service", "NIS", "südkoreanischer Geheimdienst")),
    KnownActor("state_dept", ("US Department of State", "State Department", "US-Außenministerium")),
    KnownActor("zelensky", ("Volodymyr Zelensky", "Selenskyj", "Zelenskyy"), is_person=True),
    KnownActor("nato", ("NATO", "Nato")),
]


def analyse(text, language="de", published_on=PUBLISHED, actors=ACTORS):
    return analyse_article(text, language=language, published_on=published_on, known_actors=actors)


def spoken(text, language="de", **kwargs):
    """(kind, speaker, stance) of each quote and statement."""
    return [
        (s.kind, s.speaker, s.stance_hint)
        for s in analyse(text, language, **kwargs)
        if s.kind in ("quote", "statement")
    ]


def only(suggestions, kind):
    found = [s for s in suggestions if s.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- The story's wire report ---------------------------------------------------------------------


def test_the_story_report_yields_each_quote_with_its_speaker_quantities_and_dates():
    text = (DATA / "de_nordkorea_truppen.txt").read_text()
    suggestions = analyse(text)
    quotes = [(s.text[:25], s.actor_id, s.said_on) for s in suggestions if s.kind == "quote"]
    assert quotes == [
        ("Wenn das zutrifft, wäre d", "wood", date(2024, 10, 21)),
        ("Wir beraten uns mit unser", "wood", date(2024, 10, 21)),
        ("wahllose und unbewiesene ", "kim_yo_jong", date(2024, 10, 21)),
    ]
    quantities = [(s.value, s.unit, s.qualifier) for s in suggestions if s.kind == "quantity"]
    assert quantities == [
        (Decimal(1500), "soldiers", QuantityQualifier.EXACT),
        (Decimal(12000), "soldiers", QuantityQualifier.UP_TO),
    ]
    state_dept = next(
        s for s in suggestions if s.actor_id == "state_dept" and s.kind == "statement"
    )
    assert (state_dept.stance_hint, state_dept.said_on) == ("cannot_confirm", date(2024, 10, 21))


def test_every_suggestion_points_at_its_own_words():
    for path in DATA.glob("*.txt"):
        language = json.loads(path.with_suffix(".json").read_text())["language"]
        text = path.read_text()
        for suggestion in analyse(text, language):
            assert text[suggestion.start : suggestion.end] == suggestion.text, path.name


# --- Quotes and their speakers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("„Das ist eine gefährliche Entwicklung“, sagte Robert Wood.", "de"),
        ("»Das ist eine gefährliche Entwicklung«, sagte Robert Wood.", "de"),
        ('"Das ist eine gefährliche Entwicklung", sagte Robert Wood.', "de"),
        ("Robert Wood sagte: „Das ist eine gefährliche Entwicklung.“", "de"),
        ("“That is a dangerous development,” Robert Wood said.", "en"),
        ('"That is a dangerous development," said Robert Wood.', "en"),
        ('Robert Wood told the council: "That is a dangerous development."', "en"),
    ],
)
def test_direct_quotes_in_both_languages_are_attributed(text, language):
    quote = only(analyse(text, language), "quote")
    assert (quote.speaker, quote.actor_id, quote.stance_hint) == ("Robert Wood", "wood", "asserts")
    assert "dangerous development" in quote.text or "gefährliche Entwicklung" in quote.text


def test_a_speaker_named_after_the_quote_continues_with_fuhr_fort():
    text = (
        "„Wir beraten uns mit unseren Partnern“, sagte Robert Wood am Montag. "
        "„Das wäre eine deutliche Vertiefung der Beziehungen“, fuhr Wood fort."
    )
    assert spoken(text) == [
        ("quote", "Robert Wood", "asserts"),
        ("quote", "Wood", "asserts"),
    ]
    assert [s.actor_id for s in analyse(text) if s.kind == "quote"] == ["wood", "wood"]


def test_a_speaker_named_in_the_following_sentence():
    text = (
        '"Die Lage ist dramatisch, aber unter Kontrolle." Das sagte Bürgermeisterin Eleni Markou.'
    )
    suggestions = analyse(text)
    assert only(suggestions, "quote").speaker == "Eleni Markou"
    assert not [s for s in suggestions if s.kind == "statement"]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        (
            "Robert Wood sprach vor dem Sicherheitsrat. „Wir beraten uns mit den Partnern“, "
            "sagte er.",
            "de",
            "Robert Wood",
        ),
        (
            "Außenministerin Jana Wendt traf ihre Kollegen. „Wir stehen an der Seite der "
            "Ukraine“, betonte sie.",
            "de",
            "Jana Wendt",
        ),
        ('Robert Wood spoke first. "We are consulting our allies," he added.', "en", "Robert Wood"),
        ('Minister Jana Wendt met them. "We stand with Ukraine," she said.', "en", "Jana Wendt"),
    ],
)
def test_pronouns_refer_back_to_the_last_named_speaker(text, language, speaker):
    assert only(analyse(text, language), "quote").speaker == speaker


def test_a_quote_without_attribution_continues_the_previous_speaker():
    text = 'Robert Wood said the reports were alarming. "We are consulting our allies."'
    assert spoken(text, "en") == [
        ("statement", "Robert Wood", "asserts"),
        ("quote", "Robert Wood", "asserts"),
    ]


def test_short_quoted_phrases_are_left_to_the_statement_of_their_sentence():
    text = "Der Sprecher Jonas Reuter wies die Berichte als „haltlose Gerüchte“ zurück."
    assert spoken(text) == [("statement", "Jonas Reuter", "denies")]


# --- Indirect statements -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("Selenskyj erklärte, Nordkorea könne sich nicht einmischen.", "de", "Selenskyj"),
        (
            "Nach Angaben des südkoreanischen Geheimdienstes NIS wurden Soldaten verlegt.",
            "de",
            "südkoreanischen Geheimdienstes",
        ),
        ("Laut der Polizei waren 300 Helfer im Einsatz.", "de", "Polizei"),
        (
            "Nordkorea habe Soldaten geschickt, teilte das Ministerium am Montag mit.",
            "de",
            "Ministerium",
        ),
        ("Robert Wood said that the reports were alarming.", "en", "Robert Wood"),
        ("Troops had moved east, according to the State Department.", "en", "State Department"),
        ("Troops had moved east, a spokesman for the police said.", "en", "police"),
    ],
)
def test_indirect_statements_name_their_speaker(text, language, speaker):
    statement = only(analyse(text, language), "statement")
    assert statement.speaker == speaker
    assert statement.text == text


def test_reported_speech_without_a_verb_continues_the_previous_speaker():
    text = (
        "Der Diplomat Georgi Sinowjew betonte, die Zusammenarbeit sei nicht gegen Seoul gerichtet. "
        "Sie diene allein dem Frieden in der Region."
    )
    assert spoken(text) == [
        ("statement", "Georgi Sinowjew", "asserts"),
        ("statement", "Georgi Sinowjew", "asserts"),
    ]


def test_a_description_refers_back_to_the_person_named_before():
    text = (
        "Seoul bestellte den russischen Botschafter Georgi Sinowjew ein. "
        "Der Diplomat betonte, die Zusammenarbeit richte sich nicht gegen Südkorea."
    )
    assert spoken(text) == [("statement", "Georgi Sinowjew", "asserts")]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("Moskau bestritt die Berichte.", "de", "Moskau"),
        ("Die Berichte bestätigte das Ministerium zunächst nicht.", "de", "Ministerium"),
        ("Pyongyang has not confirmed the reports.", "en", "Pyongyang"),
    ],
)
def test_a_one_word_subject_speaks_unless_a_named_subject_follows(text, language, speaker):
    assert only(analyse(text, language), "statement").speaker == speaker


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Passengers were urged not to travel.", "en"),
        ("Die Berichte wurden am Montag bestätigt.", "de"),
    ],
)
def test_a_passive_names_no_speaker(text, language):
    assert spoken(text, language) == []


def test_narration_without_a_reporting_verb_is_not_a_statement():
    text = "Die USA haben mit Sorge reagiert. Am Samstag fachten Böen die Brände an."
    assert spoken(text) == []


# --- Stance hints --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "stance"),
    [
        ("Der UN-Vertreter Nordkoreas, Kim Song, bestritt die Berichte.", "de", Stance.DENIES),
        ("The envoy Kim Song denied the reports.", "en", Stance.DENIES),
        ("Das US-Außenministerium konnte die Berichte nicht bestätigen.", "de", "cannot_confirm"),
        ("Die Nato hat die Entsendung bislang nicht bestätigt.", "de", "cannot_confirm"),
        ("The State Department could not confirm the reports.", "en", "cannot_confirm"),
        ("The State Department has not confirmed the reports.", "en", "cannot_confirm"),
        ("Die Nato warnte vor einer Eskalation.", "de", Stance.COMMENTS),
        ("The State Department warned of an escalation.", "en", Stance.COMMENTS),
        ("Das US-Außenministerium bestätigte die Berichte am Mittwoch.", "de", Stance.SUPPORTS),
        ("The State Department confirmed the reports.", "en", Stance.SUPPORTS),
        ("Der NIS teilte mit, es seien 1.500 Soldaten.", "de", Stance.ASSERTS),
        ("The State Department said troops had moved.", "en", Stance.ASSERTS),
    ],
)
def test_stance_hint_follows_the_reporting_verb_and_negation(text, language, stance):
    assert only(analyse(text, language), "statement").stance_hint == stance


# --- Dates of statements ---------------------------------------------------------------------


def test_a_statement_is_dated_by_the_date_next_to_its_reporting_verb():
    text = "Der NIS teilte am Freitag mit, am Samstag würden weitere Soldaten folgen."
    assert only(analyse(text), "statement").said_on == date(2024, 10, 18)


def test_without_a_publication_date_nothing_is_dated():
    text = "„Das ist gefährlich für uns alle“, sagte Robert Wood am Montag."
    assert only(analyse(text, published_on=None), "quote").said_on is None


# --- Actors --------------------------------------------------------------------------------------


def test_names_match_known_actors_despite_small_spelling_differences():
    text = "Kim Yo Jung warf Seoul Provokationen vor."
    actor = only(analyse(text), "actor")
    assert (actor.name, actor.actor_id, actor.is_known) == ("Kim Yo Jung", "kim_yo_jong", True)
    assert only(analyse(text), "statement").actor_id == "kim_yo_jong"


def test_inflected_aliases_match():
    text = "Nach Angaben des südkoreanischen Geheimdienstes hat Nordkorea Soldaten verlegt."
    assert only(analyse(text), "statement").actor_id == "nis"


def test_unknown_people_are_suggested_as_new_actors_once():
    text = (
        "„Die Lage ist angespannt“, sagte Landrätin Petra Hollmann am Sonntag. "
        "Hollmann kündigte weitere Hilfen an."
    )
    actor = only(analyse(text), "actor")
    assert (actor.name, actor.actor_id, actor.is_known) == ("Petra Hollmann", None, False)
    assert [s.speaker for s in analyse(text) if s.kind != "actor"] == ["Petra Hollmann"] * 2


def test_organisations_are_not_suggested_as_people():
    text = "The aid group Coastal Relief Network said up to 3.2 million children were at risk."
    suggestions = analyse(text, "en")
    assert only(suggestions, "statement").speaker == "Coastal Relief Network"
    assert [s for s in suggestions if s.kind == "actor"] == []


# --- Text and JSON -------------------------------------------------------------------------------


def test_suggestions_serialise_to_the_fields_of_their_kind():
    text = "„Es sind 1.500 Soldaten in Russland“, sagte Robert Wood am Montag."
    rows = [s.as_dict() for s in analyse(text)]
    by_kind = {row["kind"]: row for row in rows}
    assert by_kind["quote"] == {
        "kind": "quote",
        "text": "Es sind 1.500 Soldaten in Russland",
        "start": 1,
        "end": 35,
        "speaker": "Robert Wood",
        "actor_id": "wood",
        "stance_hint": "asserts",
        "said_on": "2024-10-21",
        "confidence": 0.95,  # a known actor, subject of the reporting verb
    }
    assert by_kind["quantity"] == {
        "kind": "quantity",
        "text": "1.500 Soldaten",
        "start": 9,
        "end": 23,
        "value": 1500,
        "value_max": None,
        "unit": "soldiers",
        "unit_needs_decision": False,
        "qualifier": "exact",
        "estimate_unit": "soldiers",
        "estimate_kind": "observation",
        "refers_to": "2024-10-22",
        "refers_to_precision": "day",
    }
    assert json.loads(json.dumps(rows)) == rows
    assert by_kind["actor"]["name"] == "Robert Wood" and by_kind["actor"]["is_known"] is True


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        analyse("Bonjour.", "fr")


NEAR_THE_CAP = 199_000
STORY_TEXT_FOR_TIMING = (DATA / "de_nordkorea_truppen.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    "text",
    [
        pytest.param((STORY_TEXT_FOR_TIMING + "\n\n") * 80, id="the story repeated"),
        pytest.param("1.500 " * 40_000, id="one sentence without commas"),
        pytest.param("Kim Jong Un sagte " * 12_000, id="one sentence of names and verbs"),
    ],
)
def test_the_analysis_of_a_text_near_the_cap_finishes_in_bounded_time(text, language):
    """A sentence without commas was quadratic (stance._clause walked it from every word):
    minutes at this size; linear now, a few seconds on a shared CI core."""
    text = text[:NEAR_THE_CAP]
    started = time.monotonic()
    analyse_article(text, language=language, published_on=date(2024, 10, 22))
    assert time.monotonic() - started < 30
