"""The claims list (/claims/) and its filter form made for people: names instead of ids, dates in
the page's language, yes or no, errors next to the field while the other filters still apply,
sortable columns, page numbers, only the parameters given in the address, and the CSV of the
whole filtered list."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from claims.models import Stance, Verdict
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ClaimFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/claims/"
# Session, user, the count, the page of claims (with topic, claimant and the open-flag marker),
# the editor role check for the empty state, and one query per name typed (actor, topic).
LIST_QUERIES = 10


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; later tests expect the default."""
    yield
    translation.deactivate()


@pytest.fixture
def analyst_client(client, db):
    client.force_login(UserFactory(username="reader", groups=["analyst"]))
    return client


@pytest.fixture
def story(db) -> dict:
    troops = TopicFactory(title="DPRK troops in Russia", slug="dprk-troops")
    drones = TopicFactory(title="Drones over Pyongyang", slug="drones")
    nis = ActorFactory(name="National Intelligence Service")
    AliasFactory(actor=nis, name="Kookjeongwon")
    kremlin = ActorFactory(name="Dmitry Peskov", country="RU")
    moved = ClaimFactory(
        topic=troops,
        text="North Korea has moved 1,500 soldiers to Russia",
        first_asserted_on=date(2024, 10, 18),
        verdict=Verdict.PARTLY_CONFIRMED,
        independent_origins=2,
        quantity_value=1500,
        quantity_unit="soldiers",
        quantity_qualifier="approximate",
        claimant=nis,
    )
    sent = ClaimFactory(
        topic=troops,
        text="Soldiers have been sent to Russia",
        first_asserted_on=date(2024, 10, 23),
        verdict=Verdict.CONFIRMED,
        independent_origins=5,
    )
    drone = ClaimFactory(
        topic=drones,
        text="A South Korean drone flew over Pyongyang",
        first_asserted_on=date(2024, 10, 11),
        verdict=Verdict.DISPUTED,
        independent_origins=0,
    )
    undated = ClaimFactory(topic=drones, text='=HYPERLINK("evil") is a claim', verdict="unverified")
    StatementFactory(claim=sent, actor=nis, stance=Stance.ASSERTS)
    StatementFactory(claim=sent, actor=kremlin, stance=Stance.DENIES)
    StatementFactory(claim=drone, actor=kremlin, stance=Stance.ASSERTS)
    return {"moved": moved, "sent": sent, "drone": drone, "undated": undated}


def listed(response) -> list[str]:
    assert response.status_code == 200
    # On a German page an English wording comes in <span lang="en"> with an "EN" mark.
    return re.findall(
        r'class="claim-text">(?:<span lang="en">)?([^<]+)(?:</span>|</a>)',
        response.content.decode(),
    )


def field_errors(response, name: str) -> list[str]:
    return list(response.context["filter"].form.errors.get(name, []))


def test_newest_first_by_default_undated_last(analyst_client, story):
    assert listed(analyst_client.get(URL)) == [
        "Soldiers have been sent to Russia",
        "North Korea has moved 1,500 soldiers to Russia",
        "A South Korean drone flew over Pyongyang",
        "=HYPERLINK(&quot;evil&quot;) is a claim",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # An actor by name or alias: claims they made or took a position on.
        (
            {"actor": "National Intelligence Service"},
            ["Soldiers have been sent to Russia", "North Korea has moved 1,500 soldiers to Russia"],
        ),
        (
            {"actor": "kookjeongwon"},
            ["Soldiers have been sent to Russia", "North Korea has moved 1,500 soldiers to Russia"],
        ),
        # With a stance, the same statement must carry both.
        (
            {"actor": "Dmitry Peskov", "stance": "asserts"},
            ["A South Korean drone flew over Pyongyang"],
        ),
        ({"stance": "denies"}, ["Soldiers have been sent to Russia"]),
        # A topic by its title or its slug, in any case.
        (
            {"topic": "drones over pyongyang", "q": "drone"},
            ["A South Korean drone flew over Pyongyang"],
        ),
        (
            {"topic": "dprk-troops"},
            ["Soldiers have been sent to Russia", "North Korea has moved 1,500 soldiers to Russia"],
        ),
        ({"verdict": "confirmed"}, ["Soldiers have been sent to Russia"]),
        # Days, both ends included, in ISO.
        (
            {"asserted_from": "2024-10-18", "asserted_until": "2024-10-23"},
            ["Soldiers have been sent to Russia", "North Korea has moved 1,500 soldiers to Russia"],
        ),
        ({"with_figure": "yes"}, ["North Korea has moved 1,500 soldiers to Russia"]),
        (
            {"min_origins": "2", "max_origins": "4"},
            ["North Korea has moved 1,500 soldiers to Russia"],
        ),
        ({"min_origins": "5"}, ["Soldiers have been sent to Russia"]),
    ],
)
def test_filters_take_names_days_and_yes_or_no(analyst_client, story, query, expected):
    response = analyst_client.get(URL, query)
    assert not response.context["filter"].errors
    assert listed(response) == expected


def test_without_a_figure_and_under_review(analyst_client, story):
    without = listed(analyst_client.get(URL, {"with_figure": "no"}))
    assert "North Korea has moved 1,500 soldiers to Russia" not in without and len(without) == 3
    assert listed(analyst_client.get(URL, {"under_review": "yes"})) == []
    assert len(listed(analyst_client.get(URL, {"under_review": "no"}))) == 4


def test_german_pages_take_german_dates_and_iso_and_say_both(analyst_client, story):
    german = analyst_client.get(
        URL, {"asserted_from": "23.10.2024"}, headers={"accept-language": "de"}
    )
    assert listed(german) == ["Soldiers have been sent to Russia"]
    iso = analyst_client.get(
        URL, {"asserted_from": "2024-10-23"}, headers={"accept-language": "de"}
    )
    assert listed(iso) == ["Soldiers have been sent to Russia"]
    page = german.content.decode()
    assert "23.10.2024" in page and "2024-10-23" in page  # the format hint shows both


def test_unknown_actor_is_an_error_next_to_the_field_and_other_filters_still_apply(
    analyst_client, story
):
    response = analyst_client.get(URL, {"actor": "Nobody Atall", "verdict": "confirmed"})
    errors = field_errors(response, "actor")
    assert errors and "No actor is called “Nobody Atall”" in errors[0]
    assert listed(response) == ["Soldiers have been sent to Russia"]  # the verdict still applies
    page = response.content.decode()
    # The message is in the actor's field group, with the value kept for correcting it.
    assert re.search(r'id="id_actor_error".*No actor is called', page, re.S)
    assert 'value="Nobody Atall"' in page
    assert 'aria-invalid="true"' in page


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("asserted_from", "yesterday", "This is no date we can read. For example 2024-10-23."),
        ("asserted_until", "2024-13-45", "This is no date we can read."),
        ("topic", "No such topic", "No topic is called “No such topic”"),
        ("with_figure", "maybe", "Select a valid choice"),
        ("min_origins", "0.5", "Enter a whole number"),
        ("min_origins", "-1", "greater than or equal to 0"),
        ("sort", "sideways", "Select a valid choice"),
    ],
)
def test_bad_values_are_field_errors_in_words(analyst_client, story, name, value, says):
    response = analyst_client.get(URL, {name: value})
    assert response.status_code == 200
    assert any(says in error for error in field_errors(response, name))
    page = response.content.decode()
    assert "[invalid name]" not in page
    assert "Some filters could not be used" in page
    assert len(listed(response)) == 4  # only the bad filter is left out


def test_every_field_has_a_label_made_for_people(analyst_client, story):
    page = analyst_client.get(URL).content.decode()
    labels = re.findall(r'<label for="id_([a-z_]+)">([^<]+)</label>', page)
    assert {name for name, _ in labels} == {
        "q",
        "topic",
        "actor",
        "stance",
        "verdict",
        "asserted_from",
        "asserted_until",
        "min_origins",
        "max_origins",
        "with_figure",
        "under_review",
        "source_health",
        "sort",
    }
    assert all("_" not in text and "invalid" not in text for _, text in labels)
    # Yes or no is a select, the names complete from the API.
    assert re.search(r'<select name="with_figure"[^>]*>', page)
    assert re.search(r'<input type="text" name="actor"[^>]*data-suggest="actors"', page)
    assert 'data-suggest-actors="/api/v1/actors/"' in page


def test_only_the_parameters_given_stay_in_the_address(analyst_client, story):
    response = analyst_client.get(
        URL, {"q": "", "actor": "", "verdict": "confirmed", "sort": "-asserted", "stance": ""}
    )
    assert response.status_code == 302
    assert response.url == "?verdict=confirmed"
    everything_empty = analyst_client.get(URL, {"q": "", "sort": "-asserted"})
    assert everything_empty.url == URL


@pytest.mark.parametrize(
    ("sort", "first", "aria"),
    [
        ("claim", "=HYPERLINK", ("claim", "ascending")),
        ("-claim", "Soldiers have been sent", ("claim", "descending")),
        ("asserted", "A South Korean drone", ("asserted", "ascending")),
        ("-origins", "Soldiers have been sent", ("origins", "descending")),
        ("origins", "A South Korean drone", ("origins", "ascending")),
        ("verdict", "Soldiers have been sent", ("verdict", "ascending")),  # confirmed first
    ],
)
def test_columns_sort_both_ways_and_say_so(analyst_client, story, sort, first, aria):
    response = analyst_client.get(URL, {"sort": sort})
    assert listed(response)[0].startswith(first)
    columns = response.context["columns"]
    column, direction = aria
    assert columns[column].aria_sort == direction
    assert [key for key, shown in columns.items() if shown.aria_sort] == [column]
    assert f'aria-sort="{direction}"' in response.content.decode()


def test_a_heading_link_keeps_the_filters_and_turns_the_order(analyst_client, story):
    columns = analyst_client.get(URL, {"verdict": "confirmed", "page": "1"}).context["columns"]
    assert columns["claim"].href == "?verdict=confirmed&sort=claim"
    assert columns["asserted"].href == "?verdict=confirmed&sort=asserted"  # now newest first
    assert columns["origins"].href == "?verdict=confirmed&sort=-origins"
    turned = analyst_client.get(URL, {"sort": "claim"}).context["columns"]
    assert turned["claim"].href == "?sort=-claim"


def test_pages_are_numbered_and_keep_the_filters(analyst_client, django_assert_max_num_queries):
    topic = TopicFactory(title="Long story")
    ClaimFactory.create_batch(120, topic=topic, first_asserted_on=date(2024, 1, 1))
    with django_assert_max_num_queries(LIST_QUERIES):
        response = analyst_client.get(URL, {"topic": "Long story", "page": "2"})
    assert len(listed(response)) == 50
    page = response.content.decode()
    assert 'href="?topic=Long+story&amp;page=3"' in page
    assert re.search(r'<a href="\?topic=Long\+story&amp;page=2" aria-current="page">2</a>', page)
    assert "120 claims" in page


def test_list_queries_are_bounded_whatever_the_filters(
    analyst_client, story, django_assert_max_num_queries
):
    everything = {
        "q": "soldiers",
        "actor": "Kookjeongwon",
        "topic": "DPRK troops in Russia",
        "stance": "asserts",
        "verdict": "confirmed",
        "asserted_from": "2024-10-01",
        "asserted_until": "2024-10-31",
        "min_origins": "1",
        "with_figure": "no",
        "under_review": "no",
        "source_health": "unchecked",
        "sort": "claim",
    }
    with django_assert_max_num_queries(LIST_QUERIES + 2):
        response = analyst_client.get(URL, everything)
    assert not response.context["filter"].errors
    assert listed(response) == ["Soldiers have been sent to Russia"]


def test_empty_list_says_which_filters_and_how_to_clear_them(analyst_client, story):
    page = analyst_client.get(URL, {"verdict": "retracted"}).content.decode()
    assert "No claim matches Verdict: “Retracted”" in page
    assert f'<a href="{reverse("claim-list")}">clear the filters</a>' in page


def test_csv_has_every_row_of_the_filtered_list_in_its_order(analyst_client, story):
    topic = TopicFactory(title="Long story")
    ClaimFactory.create_batch(60, topic=topic, first_asserted_on=date(2024, 1, 1))
    page = analyst_client.get(URL, {"topic": "Long story", "sort": "claim"}).content.decode()
    link = re.search(r'href="(/claims\.csv\?[^"]+)" class="csv-download"', page).group(1)
    assert link == "/claims.csv?topic=Long+story&amp;sort=claim"
    response = analyst_client.get("/claims.csv", {"topic": "Long story", "sort": "claim"})
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["id", "claim"]
    expected = sorted(f"Claim number {n}" for n in range(60))
    texts = [row[1] for row in rows[1:]]
    assert len(texts) == 60  # every row, not one page of 50
    assert [t.rsplit(" is true", 1)[0] for t in texts] == sorted(
        t.rsplit(" is true", 1)[0] for t in texts
    )
    assert len(set(texts)) == len(expected)


def test_csv_escapes_what_a_spreadsheet_would_run(analyst_client, story):
    response = analyst_client.get("/claims.csv", {"q": "HYPERLINK"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[1] for row in rows[1:]] == ['\'=HYPERLINK("evil") is a claim']


def test_csv_follows_the_list_with_a_bad_filter_left_out(analyst_client, story):
    response = analyst_client.get("/claims.csv", {"actor": "Nobody", "verdict": "confirmed"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[1] for row in rows[1:]] == ["Soldiers have been sent to Russia"]


def test_csv_needs_a_login(client, db):
    response = client.get("/claims.csv")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
