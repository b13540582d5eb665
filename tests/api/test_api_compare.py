"""What changed between two moments, for a topic, a claim and an actor (issue #15, item 3)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.models import Stance
from common import clock
from tests.api.api_helpers import API, actor, claim, problem, topic
from tests.factories import StatementFactory


def changes(client, path: str, **query) -> list[tuple[str, str]]:
    response = client.get(f"{API}/{path}/changes/", query)
    assert response.status_code == 200, response.content[:300]
    return [(change["kind"], change["summary"]) for change in response.json()["changes"]]


@pytest.mark.django_db
def test_a_topic_between_the_23rd_and_the_29th_in_the_newsrooms_words(demo, reader):
    found = changes(
        reader, f"topics/{topic().public_id}", **{"from": "2024-10-23", "to": "2024-10-29"}
    )
    kinds = [kind for kind, _ in found]
    assert kinds == [
        "statement_added",  # the DPRK's denial at the UN, entered on the 24th
        "claim_added",  # 12,000 could be sent, entered on the 25th
        "statement_added",
        "statement_added",  # Rutte, the 28th
        "source_added",
        "verdict_changed",  # C0 disputed → confirmed
    ]
    assert found[0][1].startswith("DPRK representative to the UN denies “North Korean soldiers")
    assert found[-1][1].endswith(": Disputed → Confirmed")
    response = reader.get(
        f"{API}/topics/{topic().public_id}/changes/", {"from": "2024-10-23", "to": "2024-10-29"}
    )
    body = response.json()
    assert (body["from"], body["to"]) == (
        "2024-10-23T23:59:59.999999Z",
        "2024-10-29T23:59:59.999999Z",
    )
    verdict = body["changes"][-1]
    assert verdict["detail"].startswith("The US defense secretary and the NATO secretary general")
    assert response["Cache-Control"] == "private, max-age=31536000, immutable"
    to_now = reader.get(f"{API}/topics/{topic().public_id}/changes/", {"from": "2024-10-23"})
    assert to_now["Cache-Control"] == "private, no-cache"  # "until now" can still change


@pytest.mark.django_db
def test_corrections_removals_and_stance_changes_show_when_they_were_entered(demo, reader, editor):
    c0 = claim("C0")
    nato = actor("NATO")
    with clock.recording_at(datetime(2024, 10, 30, 9, tzinfo=UTC)):
        services.record_statement(
            claim=c0,
            actor=nato,
            source=c0.statements.get(actor=nato).source,
            stance=Stance.SUPPORTS,
            recorded_by=editor,
            said_at=datetime(2024, 10, 30, 8, tzinfo=UTC),
        )
    with clock.recording_at(datetime(2024, 10, 31, 9, tzinfo=UTC)):
        wood = c0.statements.get(actor__name="Robert Wood")
        wood.quote = "If true, a dangerous development."
        services.statement_update(wood, editor=editor)
        services.statement_delete(c0.statements.get(actor__name="Kim Yo Jong"), editor=editor)
    found = changes(reader, f"claims/{c0.public_id}", **{"from": "2024-10-29", "to": "2024-10-31"})
    assert found == [
        ("statement_added", f"NATO supports “{c0.text}”"),
        ("stance_changed", f"NATO: Cannot confirm → Supports on “{c0.text}”"),
        ("statement_changed", f"Statement of Robert Wood on “{c0.text}” corrected"),
        ("statement_removed", f"Statement of Kim Yo Jong on “{c0.text}” removed"),
    ]
    of_nato = changes(reader, f"actors/{nato.public_id}", **{"from": "2024-10-29"})
    assert [kind for kind, _ in of_nato] == ["statement_added", "stance_changed"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({}, "from"),
        ({"from": "2024-10-25", "to": "2024-10-19"}, "from"),
        ({"from": "tomorrow"}, "from"),
        ({"from": "2024-10-19", "to": "2999-01-01"}, "to"),
    ],
)
def test_a_window_that_cannot_be_compared_is_a_400(demo, reader, query, parameter):
    body = problem(reader.get(f"{API}/topics/{topic().public_id}/changes/", query), 400)
    assert [error["parameter"] for error in body["errors"]] == [parameter]


@pytest.mark.django_db
def test_comparing_costs_the_same_queries_however_long_the_story(demo, reader):
    url = f"{API}/topics/{topic().public_id}/changes/"
    window = {"from": "2024-10-19", "to": "2024-10-29"}
    reader.get(url, window)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(url, window).status_code == 200
        return len(queries)

    def more(statements: int) -> None:
        # Said before the window and corrected in it, said and entered in it: every kind of
        # row the comparison reads grows.
        for _ in range(statements):
            with clock.recording_at(datetime(2024, 10, 19, 6, tzinfo=UTC)):
                early = StatementFactory(
                    claim=claim("C1"), said_at=datetime(2024, 10, 18, tzinfo=UTC)
                )
            with clock.recording_at(datetime(2024, 10, 26, tzinfo=UTC)):
                early.quote = "corrected"
                early.save()
                StatementFactory(claim=claim("C1"), said_at=datetime(2024, 10, 26, tzinfo=UTC))

    more(1)
    few = count()
    more(30)
    assert len(reader.get(url, window).json()["changes"]) > 60
    assert count() == few


@pytest.mark.django_db
def test_changes_are_told_in_the_readers_language(demo, reader):
    response = reader.get(
        f"{API}/topics/{topic().public_id}/changes/",
        {"from": "2024-10-27", "to": "2024-10-29"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    summaries = [change["summary"] for change in response.json()["changes"]]
    assert summaries[-1].startswith("Bewertung von “North Korean soldiers")
    assert "Umstritten →" in summaries[-1]
    body = problem(
        reader.get(f"{API}/topics/{topic().public_id}/changes/", HTTP_ACCEPT_LANGUAGE="de"), 400
    )
    assert body["errors"][0]["detail"].startswith("Geben Sie den Zeitpunkt an")


@pytest.mark.django_db
def test_a_statement_moved_to_another_topic_leaves_one_and_joins_the_other(demo, reader, editor):
    kim = claim("C0").statements.get(actor__name="Kim Yo Jong", stance="disputes")
    with clock.recording_at(datetime(2024, 10, 30, 9, tzinfo=UTC)):
        kim.claim = claim("C5")  # filed under the wrong claim; the drones are another topic
        services.statement_update(kim, editor=editor)
    window = {"from": "2024-10-29", "to": "2024-10-31"}
    troops = changes(reader, f"topics/{topic().public_id}", **window)
    drones = changes(reader, f"topics/{topic('drones-over-pyongyang').public_id}", **window)
    assert [kind for kind, _ in troops] == ["statement_removed"]
    assert [kind for kind, _ in drones] == ["statement_added"]
