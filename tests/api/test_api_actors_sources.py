"""Actors (aliases, affiliations) and sources (citations, snapshots, health, re-check)."""

import uuid
from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from sources.models import Health, Snapshot
from tests.api.api_helpers import API, actor, ids, problem, source
from tests.factories import SourceFactory

ARTICLE = (
    "<html><head><title>Nordkorea schickt Soldaten</title></head><body><nav>Home</nav>"
    "<article><h1>Nordkorea schickt Soldaten</h1>"
    "<p>Seoul (dpa) – Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes 1.500 "
    "Soldaten nach Russland geschickt, die im Osten des Landes ausgebildet werden.</p>"
    "<p>Moskau und Pjöngjang wiesen die Berichte zunächst zurück.</p></article>"
    "<footer>© Example News</footer></body></html>"
)


@pytest.mark.django_db
def test_actor_detail_with_aliases_and_affiliations(demo, reader):
    wood = actor("Robert Wood")
    body = reader.get(f"{API}/actors/{wood.public_id}/").json()
    assert body["affiliations"] == [
        {
            "organisation": {
                "id": str(actor("US Department of State").public_id),
                "name": "US Department of State",
                "kind": "government_body",
                "country": "US",
            },
            "role": "Deputy US ambassador to the United Nations",
            "start_date": None,
            "end_date": None,
        }
    ]
    zelensky = reader.get(f"{API}/actors/{actor('Volodymyr Zelensky').public_id}/").json()
    assert {a["name"] for a in zelensky["aliases"]} == {
        "Selenskyj",
        "Zelenskyy",
        "Wolodymyr Selenskyj",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("q=selenskyj", {"Volodymyr Zelensky"}),
        ("q=Pentagon", {"US Department of Defense"}),
        ("kind=news_agency", {"AFP", "dpa", "Yonhap News Agency", "Reuters"}),
        ("country=kp&kind=person", {"Kim Yo Jong", "Kim Jong Un", "DPRK representative to the UN"}),
    ],
)
def test_actor_filters(demo, reader, query, names):
    rows = reader.get(f"{API}/actors/?page_size=100&{query}").json()["results"]
    assert {row["name"] for row in rows} == names


@pytest.mark.django_db
def test_members_of_an_organisation(demo, reader):
    nato = actor("NATO")
    rows = reader.get(f"{API}/actors/?organisation={nato.public_id}").json()["results"]
    assert [row["name"] for row in rows] == ["Mark Rutte"]


@pytest.mark.django_db
def test_source_detail_with_citations_both_ways(demo, reader):
    s1, s2 = source("AFP/dpa"), source("NIS briefing")
    body = reader.get(f"{API}/sources/{s1.public_id}/").json()
    assert body["publisher"]["name"] == "AFP"
    assert (body["language"], body["reliability"], body["health"]) == ("de", "B", "unchecked")
    assert len(body["cites"]) == 5 and body["cited_by"] == []
    assert str(s2.public_id) in {c["source"]["id"] for c in body["cites"]}
    cited = reader.get(f"{API}/sources/{s2.public_id}/").json()
    citing = {c["source"]["title"][:7] for c in cited["cited_by"]}
    assert citing == {"AFP/dpa", "Yonhap:", "Reuters"}  # the NIS figure's repeats cite it too
    assert "text" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("reliability=A", 4),
        ("kind=state_media_report", 2),
        ("language=de", 1),
        ("health=unchecked", 14),
        ("health=gone", 0),
        ("q=KCNA", 2),
        ("published_since=2025-01-01T00:00:00Z", 2),
        ("has_url=true", 0),
    ],
)
def test_source_filters(demo, reader, query, count):
    assert len(ids(reader.get(f"{API}/sources/?page_size=100&{query}"))) == count


@pytest.mark.django_db
def test_sources_citing_a_source(demo, reader):
    s2 = source("NIS briefing")
    rows = reader.get(f"{API}/sources/?cites={s2.public_id}").json()["results"]
    assert sorted(row["title"][:7] for row in rows) == ["AFP/dpa", "Reuters", "Yonhap:"]


@pytest.mark.django_db
def test_snapshots_of_a_source_newest_first_without_their_text(demo, reader):
    s1 = source("AFP/dpa")
    for day, health in ((1, Health.OK), (2, Health.GONE)):
        Snapshot.objects.create(
            source=s1,
            fetched_at=datetime(2024, 11, day, tzinfo=UTC),
            status_code=200 if health == Health.OK else 404,
            health=health,
            text="secret text",
        )
    rows = reader.get(f"{API}/sources/{s1.public_id}/snapshots/").json()["results"]
    assert [(row["health"], row["status_code"]) for row in rows] == [("gone", 404), ("ok", 200)]
    assert "text" not in rows[0]
    gone = reader.get(f"{API}/sources/{s1.public_id}/snapshots/?health=gone").json()
    assert len(gone["results"]) == 1


@pytest.mark.django_db
def test_recheck_is_queued_after_commit_and_answers_202(
    writer, django_capture_on_commit_callbacks, httpserver, settings
):
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    httpserver.expect_request("/article").respond_with_data(ARTICLE, content_type="text/html")
    article = SourceFactory(url=f"http://127.0.0.1:{httpserver.port}/article")

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = writer.post(f"{API}/sources/{article.public_id}/recheck/")
    assert response.status_code == 202, response.content
    assert response.json() == {
        "source": str(article.public_id),
        "status": "queued",
        "detail": "The re-check is queued; follow the snapshots or the changes feed.",
    }
    assert len(queued) == 1
    assert not Snapshot.objects.filter(source=article).exists()  # nothing before the commit

    queued[0]()  # the commit happened: the task runs (eagerly in tests)
    snapshots = writer.get(f"{API}/sources/{article.public_id}/snapshots/").json()["results"]
    assert [row["health"] for row in snapshots] == ["ok"]
    assert writer.get(f"{API}/sources/{article.public_id}/").json()["health"] == "ok"


@pytest.mark.django_db
def test_recheck_needs_a_url_the_editor_role_and_a_write_scope(
    demo, writer, reader, analyst, django_capture_on_commit_callbacks
):
    without_url = source("AFP/dpa")
    with django_capture_on_commit_callbacks() as queued:
        problem(writer.post(f"{API}/sources/{without_url.public_id}/recheck/"), 409)
        with_url = SourceFactory(url="https://example.org/report")
        problem(reader.post(f"{API}/sources/{with_url.public_id}/recheck/"), 403)
        session = APIClient()
        session.force_login(analyst)
        problem(session.post(f"{API}/sources/{with_url.public_id}/recheck/"), 403)
        problem(writer.post(f"{API}/sources/{uuid.uuid4()}/recheck/"), 404)
    assert queued == []
