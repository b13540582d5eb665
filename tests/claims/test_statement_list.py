"""The statements list (/statements/): search over quotes, filters by actor (name or alias),
topic, stance, days said and source; sorted by date; numbered pages; each row links to its
actor, claim and source; the CSV of the whole filtered list."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from claims.models import Stance
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ClaimFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/statements/"
# Session, user, permissions (two, for the menu), the count, the page of statements (with actor,
# claim and source): as many for any number of statements.
LIST_QUERIES = 6
# A name typed costs one query to resolve it (a source's title two: the whole title, else a part)
# and the search at most two (actors by name, then how common the word is).
NAMES_AND_SEARCH = 6


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    translation.deactivate()


@pytest.fixture
def analyst_client(client, db):
    client.force_login(UserFactory(username="reader", groups=["analyst"]))
    return client


@pytest.fixture
def said(db) -> dict:
    troops = TopicFactory(title="DPRK troops in Russia")
    drones = TopicFactory(title="Drones over Pyongyang")
    nis = ActorFactory(name="National Intelligence Service")
    AliasFactory(actor=nis, name="Kookjeongwon")
    peskov = ActorFactory(name="Dmitry Peskov", country="RU")
    briefing = SourceFactory(title="NIS briefing to lawmakers")
    wire = SourceFactory(title="TASS wire")
    sent = ClaimFactory(topic=troops, text="Soldiers have been sent to Russia")
    drone = ClaimFactory(topic=drones, text="A drone flew over Pyongyang")
    return {
        "briefing": StatementFactory(
            claim=sent,
            actor=nis,
            source=briefing,
            stance=Stance.ASSERTS,
            quote="About 1,500 special forces soldiers were moved by ship",
            said_at=datetime(2024, 10, 18, 9, tzinfo=UTC),
        ),
        "denial": StatementFactory(
            claim=sent,
            actor=peskov,
            source=wire,
            stance=Stance.DENIES,
            quote="This is yet another fake",
            said_at=datetime(2024, 10, 21, 12, tzinfo=UTC),
        ),
        "drone": StatementFactory(
            claim=drone,
            actor=peskov,
            source=wire,
            stance=Stance.CANNOT_CONFIRM,
            quote="=cmd|' /C calc'!A0 we cannot say",
            said_at=datetime(2024, 10, 23, 23, tzinfo=UTC),
        ),
        "undated": StatementFactory(
            claim=drone, actor=nis, source=briefing, quote="Undated words", said_at=None
        ),
    }


def quotes(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<q class="quote"[^>]*>([^<]+)</q>', response.content.decode())


def test_newest_first_undated_last_with_links(analyst_client, said):
    response = analyst_client.get(URL)
    assert quotes(response) == [
        "=cmd|&#x27; /C calc&#x27;!A0 we cannot say",
        "This is yet another fake",
        "About 1,500 special forces soldiers were moved by ship",
        "Undated words",
    ]
    page = response.content.decode()
    denial = said["denial"]
    assert f'href="{reverse("actor-detail", args=[denial.actor.public_id])}"' in page
    assert f'href="{reverse("claim-detail", args=[denial.claim.public_id])}"' in page
    assert f'href="{reverse("source-detail", args=[denial.source.public_id])}"' in page
    assert '<time datetime="2024-10-21T12:00:00+00:00">' in page


def test_oldest_first_on_asking(analyst_client, said):
    response = analyst_client.get(URL, {"sort": "said"})
    assert quotes(response)[0].startswith("About 1,500")
    assert 'aria-sort="ascending"' in response.content.decode()
    assert response.context["columns"]["said"].href == "./"  # back to the default order


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "ship"}, ["About 1,500 special forces soldiers were moved by ship"]),
        # The claim's wording finds its statements too.
        ({"q": "pyongyang"}, ["=cmd|&#x27; /C calc&#x27;!A0 we cannot say", "Undated words"]),
        ({"q": "fake"}, ["This is yet another fake"]),
        (
            {"actor": "kookjeongwon"},
            ["About 1,500 special forces soldiers were moved by ship", "Undated words"],
        ),
        ({"actor": "Dmitry Peskov", "stance": "denies"}, ["This is yet another fake"]),
        (
            {"topic": "Drones over Pyongyang", "actor": "Dmitry Peskov"},
            ["=cmd|&#x27; /C calc&#x27;!A0 we cannot say"],
        ),
        (
            {"source": "nis briefing to lawmakers"},
            ["About 1,500 special forces soldiers were moved by ship", "Undated words"],
        ),
        (
            {"source": "TASS", "sort": "said"},
            ["This is yet another fake", "=cmd|&#x27; /C calc&#x27;!A0 we cannot say"],
        ),
        # Both days included, whole days in the site's time zone.
        (
            {"said_from": "2024-10-18", "said_until": "2024-10-21"},
            ["This is yet another fake", "About 1,500 special forces soldiers were moved by ship"],
        ),
        ({"said_from": "2024-10-23"}, ["=cmd|&#x27; /C calc&#x27;!A0 we cannot say"]),
    ],
)
def test_filters(analyst_client, said, query, expected):
    response = analyst_client.get(URL, query)
    assert not response.context["filter"].errors
    assert quotes(response) == expected


def test_german_days(analyst_client, said):
    response = analyst_client.get(
        URL, {"said_until": "18.10.2024"}, headers={"accept-language": "de"}
    )
    assert quotes(response) == ["About 1,500 special forces soldiers were moved by ship"]


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("actor", "Nobody", "No actor is called “Nobody”"),
        ("topic", "Nothing", "No topic is called “Nothing”"),
        ("source", "no such paper", "No source's title holds “no such paper”"),
        ("said_from", "31.02.2024", "This is no date we can read"),
        ("stance", "shouts", "Select a valid choice"),
    ],
)
def test_bad_values_are_field_errors_and_the_rest_still_applies(
    analyst_client, said, name, value, says
):
    response = analyst_client.get(URL, {name: value, "q": "fake"})
    errors = response.context["filter"].form.errors[name]
    assert says in errors[0]
    assert quotes(response) == ["This is yet another fake"]


def test_pages_are_numbered_in_bounded_queries(analyst_client, said, django_assert_max_num_queries):
    claim = ClaimFactory(text="Much discussed")
    actor = ActorFactory(name="Talkative Minister")
    source = SourceFactory(title="Long transcript")
    for n in range(75):
        StatementFactory(
            claim=claim,
            actor=actor,
            source=source,
            quote=f"Remark {n:02d}",
            said_at=datetime(2024, 9, 1, 0, n % 60, tzinfo=UTC),
        )
    query = {
        "actor": "Talkative Minister",
        "source": "Long transcript",
        "topic": claim.topic.title,
        "said_from": "2024-09-01",
        "stance": "asserts",
        "q": "remark",
        "page": "2",
    }
    with django_assert_max_num_queries(LIST_QUERIES + NAMES_AND_SEARCH):
        response = analyst_client.get(URL, query)
    assert not response.context["filter"].errors
    assert len(quotes(response)) == 25
    assert "75 statements" in response.content.decode()
    assert 'aria-current="page">2</a>' in response.content.decode()


def test_empty_list_says_how_to_clear_the_filters(analyst_client, said):
    page = analyst_client.get(URL, {"stance": "retracts"}).content.decode()
    assert "No statement matches Stance: “Retracts”" in page
    assert f'<a href="{reverse("statement-list")}">clear the filters</a>' in page


def test_csv_has_every_row_in_the_lists_order_with_formulas_escaped(analyst_client, said):
    page = analyst_client.get(URL, {"actor": "Dmitry Peskov"}).content.decode()
    assert 'href="/statements.csv?actor=Dmitry+Peskov" class="csv-download"' in page
    response = analyst_client.get("/statements.csv", {"actor": "Dmitry Peskov"})
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["id", "said at", "actor", "stance", "quote"]
    assert [(row[1], row[2], row[3], row[4]) for row in rows[1:]] == [
        (
            "2024-10-23T23:00:00+00:00",
            "Dmitry Peskov",
            "Cannot confirm",
            "'=cmd|' /C calc'!A0 we cannot say",
        ),
        ("2024-10-21T12:00:00+00:00", "Dmitry Peskov", "Denies", "This is yet another fake"),
    ]
    assert rows[1][7].endswith(f"/claims/{said['drone'].claim.public_id}/")
