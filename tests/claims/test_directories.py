"""The topics index (/topics/) and the actors directory (/actors/): every row links to its page,
search, filters, sortable columns, numbered pages, helpful empty states, bounded queries."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from actors.models import ActorKind
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ClaimFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Session, user, the user's permissions for the menu (two), the count and the page of topics:
# as many for any number of topics.
TOPIC_QUERIES = 6
# Session, user, permissions (two), the count, the page of actors, their aliases, their statement
# counts and the countries for the type-ahead: as many for any number of actors.
ACTOR_QUERIES = 9


@pytest.fixture
def analyst_client(client, db):
    client.force_login(UserFactory(username="reader", groups=["analyst"]))
    return client


def cells(response, css_class: str) -> list[str]:
    assert response.status_code == 200
    return re.findall(rf'class="{css_class}">([^<]+)</a>', response.content.decode())


@pytest.fixture
def topics(db) -> dict:
    troops = TopicFactory(title="DPRK troops in Russia", description="Soldiers sent to Kursk")
    drones = TopicFactory(title="Drones over Pyongyang")
    quiet = TopicFactory(title="An empty thread")
    for _ in range(3):
        ClaimFactory(topic=troops)
    late = ClaimFactory(topic=drones)
    return {"troops": troops, "drones": drones, "quiet": quiet, "late": late}


def test_topics_index_links_each_topic_with_its_claim_count(analyst_client, topics):
    response = analyst_client.get("/topics/")
    assert cells(response, "topic-title") == [
        "An empty thread",
        "DPRK troops in Russia",
        "Drones over Pyongyang",
    ]
    page = response.content.decode()
    assert f'href="{reverse("topic-detail", args=[topics["troops"].slug])}"' in page
    counts = {topic.title: topic.claim_count for topic in response.context["page"].object_list}
    assert counts == {"An empty thread": 0, "DPRK troops in Russia": 3, "Drones over Pyongyang": 1}
    assert "Soldiers sent to Kursk" in page


def test_topics_search_and_sort_by_claims_and_activity(analyst_client, topics):
    assert cells(analyst_client.get("/topics/", {"q": "kursk"}), "topic-title") == [
        "DPRK troops in Russia"
    ]
    by_claims = analyst_client.get("/topics/", {"sort": "-claims"})
    assert cells(by_claims, "topic-title")[0] == "DPRK troops in Russia"
    assert 'aria-sort="descending"' in by_claims.content.decode()
    # The drones' claim changed last; a topic without claims has no activity and comes last.
    topics["late"].text = "Changed now"
    topics["late"].save()
    assert cells(analyst_client.get("/topics/", {"sort": "-activity"}), "topic-title") == [
        "Drones over Pyongyang",
        "DPRK troops in Russia",
        "An empty thread",
    ]


def test_topics_index_pages_in_bounded_queries(analyst_client, django_assert_max_num_queries):
    for n in range(60):
        TopicFactory(title=f"Thread {n:02d}")
    with django_assert_max_num_queries(TOPIC_QUERIES):
        response = analyst_client.get("/topics/", {"page": "2"})
    assert cells(response, "topic-title") == [f"Thread {n:02d}" for n in range(50, 60)]
    assert 'href="?page=1"' in response.content.decode()


def test_topics_empty_states_say_what_to_do(analyst_client, db):
    assert "An editor adds them in the admin" in analyst_client.get("/topics/").content.decode()
    TopicFactory(title="Something")
    page = analyst_client.get("/topics/", {"q": "nothing like it"}).content.decode()
    assert "No topic matches Search: “nothing like it”" in page
    assert "clear the search" in page


@pytest.fixture
def actors(db) -> dict:
    zelensky = ActorFactory(name="Volodymyr Zelensky", country="UA")
    AliasFactory(actor=zelensky, name="Selenskyj")
    nis = ActorFactory(
        name="National Intelligence Service",
        kind=ActorKind.INTELLIGENCE_SERVICE,
        country="KR",
    )
    AliasFactory(actor=nis, name="Kookjeongwon")
    peskov = ActorFactory(name="Dmitry Peskov", country="RU")
    yonhap = ActorFactory(name="Yonhap", kind=ActorKind.NEWS_AGENCY, country="KR")
    StatementFactory(actor=nis, said_at=datetime(2024, 10, 18, tzinfo=UTC))
    StatementFactory(actor=nis, said_at=datetime(2024, 10, 19, tzinfo=UTC))
    return {"zelensky": zelensky, "nis": nis, "peskov": peskov, "yonhap": yonhap}


def actor_names(response) -> list[str]:
    # The factories' publishers ("Actor 12") are actors too; the tests name their own.
    return [name for name in cells(response, "actor-name") if not name.startswith("Actor ")]


def test_actors_directory_lists_names_aliases_and_links(analyst_client, actors):
    response = analyst_client.get("/actors/")
    assert actor_names(response) == [
        "Dmitry Peskov",
        "National Intelligence Service",
        "Volodymyr Zelensky",
        "Yonhap",
    ]
    page = response.content.decode()
    assert f'href="{reverse("actor-detail", args=[actors["nis"].public_id])}"' in page
    assert "Also: Kookjeongwon" in page
    counts = {actor.name: count for actor, count in response.context["actors"]}
    assert counts["National Intelligence Service"] == 2 and counts["Yonhap"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "selenskyj"}, ["Volodymyr Zelensky"]),  # by an alias
        ({"q": "zelensky"}, ["Volodymyr Zelensky"]),  # by the name
        ({"q": "intelligence"}, ["National Intelligence Service"]),
        ({"kind": "news_agency"}, ["Yonhap"]),
        ({"country": "kr"}, ["National Intelligence Service", "Yonhap"]),
        ({"country": "KR", "kind": "intelligence_service"}, ["National Intelligence Service"]),
        ({"country": "RU", "sort": "-name"}, ["Dmitry Peskov"]),
    ],
)
def test_actors_search_by_name_and_alias_and_filter(analyst_client, actors, query, expected):
    response = analyst_client.get("/actors/", query)
    assert not response.context["filter"].errors
    assert actor_names(response) == expected


def test_actors_sort_both_ways(analyst_client, actors):
    turned = analyst_client.get("/actors/", {"sort": "-name"})
    assert actor_names(turned)[0] == "Yonhap"
    assert 'aria-sort="descending"' in turned.content.decode()
    by_country = actor_names(analyst_client.get("/actors/", {"sort": "country"}))
    assert by_country.index("National Intelligence Service") < by_country.index("Dmitry Peskov")


def test_a_bad_country_is_an_error_next_to_the_field(analyst_client, actors):
    response = analyst_client.get("/actors/", {"country": "K1", "kind": "news_agency"})
    errors = response.context["filter"].form.errors["country"]
    assert "two-letter ISO 3166 code" in errors[0]
    assert actor_names(response) == ["Yonhap"]  # the kind still applies


def test_actors_directory_pages_in_bounded_queries(
    analyst_client, actors, django_assert_max_num_queries
):
    for n in range(60):
        AliasFactory(actor=ActorFactory(name=f"Person {n:02d}"), name=f"P{n}")
    with django_assert_max_num_queries(ACTOR_QUERIES):
        response = analyst_client.get("/actors/", {"q": "person", "page": "2"})
    assert actor_names(response) == [f"Person {n:02d}" for n in range(50, 60)]


def test_actors_empty_states_say_what_to_do(analyst_client, actors):
    page = analyst_client.get("/actors/", {"q": "nobody"}).content.decode()
    assert "No actor matches Name or alias: “nobody”" in page
    assert f'<a href="{reverse("actor-list")}">clear the filters</a>' in page


def test_no_actor_yet_points_to_the_admin_and_intake(client, db):
    client.force_login(UserFactory(username="boss", is_staff=True, groups=["editor"]))
    page = client.get("/actors/").content.decode()
    assert reverse("admin:actors_actor_add") in page and "article intake" in page


@pytest.mark.parametrize("url", ["/topics/", "/actors/", "/statements/", "/statements.csv"])
def test_directories_need_a_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_nav_links_to_the_directories(analyst_client, db):
    page = analyst_client.get("/topics/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group(0)
    for name in ("home", "topic-list", "claim-list", "statement-list", "actor-list", "source-list"):
        assert f'href="{reverse(name)}"' in nav
