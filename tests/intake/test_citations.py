"""Whom an article relies on: the citation suggestions of the analysis, on sentences written for
these tests. Plain functions over text, no database."""

import time

import pytest

from intake.nlp import KnownActor, analyse_article
from intake.nlp.actors import find_known_actors
from intake.nlp.article import Article
from intake.nlp.cast import Cast
from intake.nlp.citations import find_citations

ACTORS = [
    KnownActor("yonhap", ("Yonhap", "Yonhap News Agency"), kind="news_agency"),
    KnownActor(
        "nis",
        ("National Intelligence Service", "NIS", "South Korea's intelligence service"),
        kind="intelligence_service",
    ),
    KnownActor("kcna", ("Korean Central News Agency", "KCNA"), kind="news_agency"),
    KnownActor("afp", ("AFP", "Agence France-Presse"), kind="news_agency"),
    KnownActor("wood", ("Robert Wood",), is_person=True, kind="person"),
    KnownActor("kim_yo_jong", ("Kim Yo Jong",), is_person=True, kind="person"),
]


def citations(text, language="en", actors=ACTORS, **kwargs):
    found = [
        s
        for s in analyse_article(text, language=language, known_actors=actors, **kwargs)
        if s.kind == "citation"
    ]
    for s in found:
        assert text[s.start : s.end] == s.text
    return found


def parties(text, language="en", **kwargs):
    """(phrase, party as written, known actor) of each citation."""
    return [(s.text, s.name, s.actor_id) for s in citations(text, language, **kwargs)]


# --- English -------------------------------------------------------------------------------------


def test_citing_south_koreas_intelligence_service_resolves_to_the_nis_through_its_alias():
    text = (
        "North Korea has sent 1,500 soldiers to Russia, citing South Korea's intelligence service."
    )
    assert parties(text) == [
        ("citing South Korea's intelligence service", "South Korea's intelligence service", "nis")
    ]


def test_a_spelling_of_an_alias_resolves_too():
    actors = [KnownActor("nis", ("NIS", "South Korean intelligence service"))]
    text = "Soldiers have moved, days after South Korea's spy agency first reported the deployment."
    (found,) = citations(text, actors=actors)
    assert (found.text, found.actor_id, found.is_known) == (
        "South Korea's spy agency first reported",
        "nis",
        True,
    )


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("North Korea has sent 1,500 soldiers, according to Yonhap.", "according to Yonhap"),
        ("North Korea has sent 1,500 soldiers, Yonhap reported.", "Yonhap reported"),
        ("The deployment was first reported by Yonhap.", "reported by Yonhap"),
        ("The deployment, as reported by Yonhap, began in October.", "as reported by Yonhap"),
        ("Yonhap news agency reported the deployment.", "Yonhap news agency reported"),
        ("Soldiers moved, according to a report by Yonhap.", "according to a report by Yonhap"),
    ],
)
def test_english_phrases_name_the_agency_relied_on(text, phrase):
    assert parties(text) == [(phrase, "Yonhap", "yonhap")]


def test_the_agency_said_quoting_a_body_the_newsroom_does_not_know_keeps_its_written_name():
    (found,) = citations("The agency said, quoting South Korea's military, that troops moved.")
    assert (found.text, found.name, found.actor_id, found.actor_kind) == (
        "quoting South Korea's military",
        "South Korea's military",
        None,
        "government_body",
    )


def test_according_to_a_quoted_minister_is_a_statement_not_a_citation():
    text = (
        "North Korea has sent soldiers, according to the minister. "
        '"We know it from our own sources," the minister said.'
    )
    assert citations(text) == []
    assert citations("Soldiers have moved, according to Robert Wood.") == []


def test_a_document_of_a_person_is_cited():
    text = "Soldiers have moved, according to a statement by Kim Yo Jong."
    assert parties(text) == [
        ("according to a statement by Kim Yo Jong", "Kim Yo Jong", "kim_yo_jong")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers have moved, according to Smith.",  # may be a person
        "Soldiers have moved, according to authorities.",
        "Soldiers have moved, according to the union.",
        "Soldiers have moved, according to county figures.",
        "Soldiers have moved, citing unnamed officials.",
        "Residents reported heavy shelling overnight.",
        "The reported attack was not confirmed.",
        "Soldiers have moved, according to the agency's spokesman.",
    ],
)
def test_people_vague_bodies_and_unnamed_sources_are_not_cited(text):
    assert citations(text) == []


def test_an_unknown_outlet_is_kept_as_written_with_its_kind():
    found = citations(
        "Soldiers moved, according to the Kyiv Independent. The Korea Herald reported more, "
        "according to the Ministry of Disaster Management."
    )
    assert [(s.name, s.actor_id, s.actor_kind) for s in found] == [
        ("Kyiv Independent", None, ""),
        ("Korea Herald", None, "media_outlet"),
        ("Ministry of Disaster Management", None, "government_body"),
    ]


# --- German --------------------------------------------------------------------------------------


def test_laut_yonhap_is_a_citation():
    assert parties("Laut Yonhap hat Nordkorea 1.500 Soldaten verlegt.", "de") == [
        ("Laut Yonhap", "Yonhap", "yonhap")
    ]


def test_berichtete_unter_berufung_auf_names_both_the_agency_and_its_source():
    text = (
        "Nordkorea hat 1.500 Soldaten verlegt, berichtete die Nachrichtenagentur Yonhap unter "
        "Berufung auf den südkoreanischen Geheimdienst."
    )
    actors = [*ACTORS, KnownActor("nis2", ("südkoreanischer Geheimdienst",))]
    assert parties(text, "de", actors=actors) == [
        ("berichtete die Nachrichtenagentur Yonhap", "Yonhap", "yonhap"),
        (
            "unter Berufung auf den südkoreanischen Geheimdienst",
            "südkoreanischen Geheimdienst",
            "nis2",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "phrase", "name", "kind"),
    [
        (
            "Nach Angaben des Landratsamts mussten 3.200 Bewohner ihre Häuser verlassen.",
            "Nach Angaben des Landratsamts",
            "Landratsamt",
            "government_body",
        ),
        (
            "Nach Angaben der Polizei waren 1.000 Menschen auf der Straße.",
            "Nach Angaben der Polizei",
            "Polizei",
            "government_body",
        ),
        (
            "Wie die Agentur Interfax am Montag berichtete, sind die Soldaten im Osten.",
            "Wie die Agentur Interfax am Montag berichtete",
            "Interfax",
            "news_agency",
        ),
        (
            "Die Zeitung „Kommersant“ zitierte einen Beamten mit den Worten, es sei ernst.",
            "Die Zeitung „Kommersant“ zitierte",
            "Kommersant",
            "media_outlet",
        ),
        (
            "Einem Bericht des „Handelsblatts“ zufolge fallen die Flüge aus.",
            "Einem Bericht des „Handelsblatts“ zufolge",
            "Handelsblatt",
            "",
        ),
        (
            "Die Agentur Yonhap zitierte den Geheimdienst mit den Worten, es sei ernst.",
            "zitierte den Geheimdienst",
            "Geheimdienst",
            "intelligence_service",
        ),
    ],
)
def test_german_phrases_name_the_party_relied_on(text, phrase, name, kind):
    found = citations(text, "de")
    assert (phrase, name, None, kind) in [(s.text, s.name, s.actor_id, s.actor_kind) for s in found]


@pytest.mark.parametrize(
    "text",
    [
        "Laut Müller hat Nordkorea Soldaten verlegt.",
        "Laut Experten sind die Soldaten in Kursk.",
        "Laut einem Sprecher des Ministeriums sind die Soldaten in Kursk.",
        "Laut Behörden sind die Soldaten in Kursk.",
        "Medienberichten zufolge sind die Soldaten in Kursk.",
        "Anwohner berichteten von Schüssen.",
        "Es wurde berichtet, dass Soldaten verlegt worden seien.",
        "Nach Angaben der Gewerkschaft der Polizei fehlen 1.000 Beamte.",
        "Nach eigenen Angaben hat die Firma 300 Stellen gestrichen.",
        "Er sagte laut und deutlich, dass er gehe.",
    ],
)
def test_german_people_vague_bodies_and_unions_are_not_cited(text):
    assert citations(text, "de") == []


# --- Once per party, never the article itself ---------------------------------------------------


def test_each_party_is_proposed_once_where_the_article_first_relies_on_it():
    text = (
        "Soldiers have moved, according to Yonhap. Yonhap reported more later. "
        "The Korean Central News Agency denied it, the agency Yonhap reported."
    )
    assert [s.text for s in citations(text)] == ["according to Yonhap"]


def test_the_publisher_and_the_dateline_agencies_are_not_cited():
    text = (
        "Seoul (AFP) - Soldiers moved, according to AFP. Yonhap reported it too. "
        "According to KCNA, nothing happened."
    )
    assert [s.actor_id for s in citations(text)] == ["yonhap", "kcna"]
    assert [s.actor_id for s in citations(text, publisher_id="yonhap")] == ["kcna"]


def test_phrases_inside_quotes_and_headlines_are_the_speakers_not_the_articles():
    text = (
        "Laut Yonhap: Soldaten verlegt\n\n"
        "„Laut Yonhap sind es 1.500 Soldaten, das ist besorgniserregend“, sagte Wood."
    )
    assert citations(text, "de") == []


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("KCNA berichtete ", "de"),
        ("laut dem Ministerium ", "de"),
        ("Das Innenministerium sagte, laut dem Ministerium seien es viele. ", "de"),
        ("Yonhap first reported ", "en"),
        ("according to a report by the state news agency KCNA, citing the ministry ", "en"),
    ],
)
def test_finding_citations_near_the_cap_takes_bounded_time(body, language):
    """Every phrase is walked a few words at most, and "das Ministerium" looks back a bounded
    stretch, so a run-on sentence of cues stays linear. (Timed alone: the attribution rules have
    costs of their own.)"""
    text = "Headline\n\n" + (body * 14_000)[:198_000] + "."
    article = Article(text, language, None)
    cast = Cast(article)
    find_known_actors(cast, tuple(ACTORS))
    started = time.monotonic()
    found = find_citations(article, cast, ACTORS)
    assert time.monotonic() - started < 15
    assert len(found) <= 3  # each party once
