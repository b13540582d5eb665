"""The sources directory (/sources/): every source, searched, filtered, sorted and paged; bad
filter input is a form error, never a 500; the health board's columns are kept."""

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sources.models import Health, Reliability, Snapshot, SourceKind
from tests.factories import ActorFactory, AliasFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread (LocaleMiddleware activates a
    language and nothing resets it): later tests expect the default."""
    yield
    translation.deactivate()


URL = "/sources/"
# Session, user, the editor role (three), the count, the page of sources, and the publishers'
# names and languages for the type-ahead: as many for any number of sources.
DIRECTORY_QUERIES = 9


@pytest.fixture
def analyst_client(client, db):
    client.force_login(UserFactory(username="reader", groups=["analyst"]))
    return client


@pytest.fixture
def editor_client(db):
    client = Client()
    client.force_login(UserFactory(username="desk", groups=["editor"]))
    return client


@pytest.fixture
def shelf(db) -> dict:
    """Four sources of different kinds, publishers, languages, grades and health."""
    nis = ActorFactory(name="National Intelligence Service")
    AliasFactory(actor=nis, name="Kookjeongwon")
    yonhap = ActorFactory(name="Yonhap")
    return {
        "briefing": SourceFactory(
            title="NIS briefing to lawmakers",
            kind=SourceKind.INTELLIGENCE_BRIEFING,
            publisher=nis,
            language="ko",
            reliability=Reliability.B,
            published_at=datetime(2024, 10, 18, tzinfo=UTC),
        ),
        "wire": SourceFactory(
            title="Yonhap wire on troops",
            kind=SourceKind.AGENCY_WIRE,
            publisher=yonhap,
            language="en",
            reliability=Reliability.A,
            url="https://en.yna.example/troops",
            health=Health.GONE,
            health_changed_at=datetime(2024, 11, 2, tzinfo=UTC),
            published_at=datetime(2024, 10, 19, tzinfo=UTC),
        ),
        "paper": SourceFactory(
            title="Zeitung berichtet über Truppen",
            kind=SourceKind.NEWS_ARTICLE,
            publisher=None,
            language="de",
            reliability=Reliability.C,
            url="https://zeitung.example/truppen",
            health=Health.CHANGED,
            health_changed_at=datetime(2024, 11, 1, tzinfo=UTC),
            published_at=datetime(2024, 10, 22, tzinfo=UTC),
        ),
        "post": SourceFactory(
            title="Undated social post",
            kind=SourceKind.SOCIAL_POST,
            publisher=None,
            language="en",
            reliability=Reliability.F,
            published_at=None,
        ),
    }


def titles(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'class="source-title">([^<]+)</a>', response.content.decode())


def test_every_source_is_listed_newest_first_undated_last(analyst_client, shelf):
    assert titles(analyst_client.get(URL)) == [
        "Zeitung berichtet über Truppen",
        "Yonhap wire on troops",
        "NIS briefing to lawmakers",
        "Undated social post",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "troops"}, ["Yonhap wire on troops"]),
        ({"q": "zeitung.example"}, ["Zeitung berichtet über Truppen"]),  # the URL
        ({"q": "intelligence service"}, ["NIS briefing to lawmakers"]),  # the publisher
        ({"q": "kookjeongwon"}, ["NIS briefing to lawmakers"]),  # the publisher's alias
        ({"kind": "agency_wire"}, ["Yonhap wire on troops"]),
        ({"publisher": "Yonhap"}, ["Yonhap wire on troops"]),
        ({"publisher": "intelligence"}, ["NIS briefing to lawmakers"]),
        ({"reliability": "C"}, ["Zeitung berichtet über Truppen"]),
        ({"health": "gone"}, ["Yonhap wire on troops"]),
        ({"language": "EN"}, ["Yonhap wire on troops", "Undated social post"]),
        ({"language": "en", "q": "post"}, ["Undated social post"]),
    ],
)
def test_search_and_filters(analyst_client, shelf, query, expected):
    assert titles(analyst_client.get(URL, query)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["NIS", "Undated", "Yonhap", "Zeitung"]),
        ("-title", ["Zeitung", "Yonhap", "Undated", "NIS"]),
        ("published", ["NIS", "Yonhap", "Zeitung", "Undated"]),
        ("reliability", ["Yonhap", "NIS", "Zeitung", "Undated"]),
        ("-reliability", ["Undated", "Zeitung", "NIS", "Yonhap"]),
        ("-health_changed", ["Yonhap", "Zeitung", "NIS", "Undated"]),
        ("health_changed", ["Zeitung", "Yonhap", "NIS", "Undated"]),
    ],
)
def test_sorting(analyst_client, shelf, sort, expected):
    assert [t.split()[0] for t in titles(analyst_client.get(URL, {"sort": sort}))] == expected


def test_column_headings_sort_and_say_how(analyst_client, shelf):
    page = analyst_client.get(URL, {"kind": "agency_wire", "sort": "title", "page": "1"})
    html = page.content.decode()
    # Sorted by title: that heading says so and a click reverses; the filter stays, the page not.
    assert re.search(r'aria-sort="ascending"><a href="\?kind=agency_wire&amp;sort=-title"', html)
    assert 'href="?kind=agency_wire"' in html  # newest first: the default order
    assert 'href="?kind=agency_wire&amp;sort=-health_changed"' in html
    assert html.count("aria-sort=") == 1


def test_empty_parameters_are_dropped_from_the_address(analyst_client, shelf):
    response = analyst_client.get(URL, {"q": "", "kind": "agency_wire", "health": ""})
    assert response.status_code == 302
    assert response.url == "?kind=agency_wire"
    assert analyst_client.get(URL, {"q": ""}).url == URL
    default_order = analyst_client.get(URL, {"kind": "agency_wire", "sort": "-published"})
    assert default_order.url == "?kind=agency_wire"


def test_pages_are_numbered_and_keep_the_filters(analyst_client, django_assert_max_num_queries):
    for index in range(120):
        SourceFactory(title=f"Wire {index:03}", kind=SourceKind.AGENCY_WIRE, publisher=None)
    with django_assert_max_num_queries(DIRECTORY_QUERIES):
        response = analyst_client.get(URL, {"kind": "agency_wire", "sort": "title", "page": "2"})
    html = response.content.decode()
    assert titles(response)[0] == "Wire 050"
    assert 'href="?kind=agency_wire&amp;sort=title&amp;page=1"' in html
    assert 'href="?kind=agency_wire&amp;sort=title&amp;page=3"' in html
    assert re.search(r'page=2" aria-current="page">2</a>', html)
    assert "120 sources" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"kind": "rumour"}, "Select a valid choice."),
        ({"sort": "colour"}, "Select a valid choice."),
        ({"language": "a-very-long-tag"}, "Ensure this value has at most 8 characters"),
        ({"q": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"reliability": "Z"}, "Select a valid choice."),
    ],
)
def test_bad_filter_input_is_a_form_error_and_leaves_the_list_as_it_was(
    analyst_client, shelf, query, message
):
    response = analyst_client.get(URL, query)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and 'role="alert"' in html
    assert titles(response) == titles(analyst_client.get(URL))
    assert titles(analyst_client.get(URL, {**query, "q": "troops"})) == ["Yonhap wire on troops"]


def test_no_match_explains_and_offers_to_clear_the_filters(analyst_client, shelf):
    html = analyst_client.get(URL, {"q": "drones", "kind": "transcript"}).content.decode()
    assert "No source matches Search: “drones”, Kind: “Transcript”;" in html
    assert '<a href="/sources/">clear the filters</a>' in html


def test_an_empty_directory_says_how_to_add_sources(analyst_client):
    html = analyst_client.get(URL).content.decode()
    assert "No source has been recorded yet." in html


def test_health_columns_and_re_check_for_editors_only(editor_client, analyst_client, shelf):
    wire = shelf["paper"]
    Snapshot.objects.create(
        source=wire, health=Health.CHANGED, changed=True, diff="- 1,500\n+ 3,000", status_code=200
    )
    Snapshot.objects.create(
        source=shelf["wire"],
        health=Health.GONE,
        status_code=404,
        fetched_at=datetime(2024, 11, 2, tzinfo=UTC),
    )
    html = editor_client.get(URL).content.decode()
    assert "+ 3,000" in html  # the latest diff
    assert "HTTP 404" in html  # why the last check failed
    assert html.count("Re-check now") == 2  # those with a URL
    assert 'class="health health-gone"' in html
    assert "Re-check now" not in analyst_client.get(URL).content.decode()


def test_titles_and_publishers_link_to_their_pages(analyst_client, shelf):
    html = analyst_client.get(URL).content.decode()
    briefing = shelf["briefing"]
    assert reverse("source-detail", args=[briefing.public_id]) in html
    assert reverse("actor-detail", args=[briefing.publisher.public_id]) in html
    assert '<option value="National Intelligence Service">' in html  # the type-ahead


def test_the_directory_reads_in_constant_queries(analyst_client, django_assert_max_num_queries):
    for index in range(30):
        source = SourceFactory(url=f"https://example.org/{index}")
        Snapshot.objects.create(source=source, health=Health.OK, status_code=200)
    with django_assert_max_num_queries(DIRECTORY_QUERIES):
        response = analyst_client.get(URL, {"q": "example", "sort": "-health_changed"})
    assert len(titles(response)) == 30


def test_german_directory(analyst_client, shelf):
    html = analyst_client.get(URL, headers={"accept-language": "de"}).content.decode()
    for german in (
        "<h1>Quellen</h1>",
        "Jede Art",
        "Sortieren nach",
        "Neueste zuerst",
        "4 Quellen",
    ):
        assert german in html, german
    empty = analyst_client.get(URL, {"q": "Drohnen"}, headers={"accept-language": "de"})
    assert "Keine Quelle passt zu Suche: “Drohnen”;" in empty.content.decode()
