"""The changes feed: a client that follows `next_since` keeps an exact mirror."""

import threading

import pytest
from django.db import close_old_connections

from claims import services
from claims.models import ChangeEvent, Claim, EventKind
from sources.models import Health
from sources.signals import source_health_changed
from tests.api.api_helpers import API, actor, claim, problem, source
from tests.api.conftest import token_client
from tests.factories import ClaimFactory, SourceFactory, StatementFactory


def follow(client, since: int = 0, limit: int = 5, *, pages: int = 1000) -> tuple[list[int], int]:
    """Follow the feed until it has nothing more; returns the ids seen and the last since."""
    seen: list[int] = []
    for _ in range(pages):
        body = client.get(f"{API}/changes/?since={since}&limit={limit}").json()
        seen += [event["id"] for event in body["results"]]
        since = body["next_since"]
        if not body["has_more"]:
            break
    return seen, since


def public_event_ids() -> list[int]:
    return list(
        ChangeEvent.objects.exclude(kind=EventKind.FLAG_OPENED)
        .order_by("id")
        .values_list("id", flat=True)
    )


@pytest.mark.django_db
def test_the_feed_lists_verdicts_statements_and_health_changes_in_order(demo, reader, editor):
    c1, s1 = claim("C1"), source("AFP/dpa")
    previous, s1.health = s1.health, Health.GONE
    s1.save()
    source_health_changed.send(sender=type(s1), source=s1, previous=previous, snapshot=None)
    services.change_verdict(c1, to="confirmed", editor=editor, rationale="Yes.", expected_version=2)

    seen, since = follow(reader)
    assert seen == public_event_ids()
    last_two = reader.get(f"{API}/changes/?since={seen[-3]}").json()["results"]
    assert [(e["kind"], e["claim"], e["source"]) for e in last_two] == [
        ("source.health_changed", None, str(s1.public_id)),
        ("verdict.changed", str(c1.public_id), None),
    ]
    assert last_two[1]["payload"]["to"] == "confirmed"
    assert last_two[0]["payload"] == {
        "source": str(s1.public_id),
        "from": "unchecked",
        "to": "gone",
        "checked_at": None,
    }
    quiet = reader.get(f"{API}/changes/?since={since}").json()
    assert (quiet["results"], quiet["next_since"], quiet["has_more"]) == ([], since, False)
    assert f"since={since}" in quiet["next"]


@pytest.mark.django_db
def test_nothing_is_lost_or_repeated_while_changes_are_made_between_pages(demo, reader, editor):
    c0 = claim("C0")
    nato, s9 = actor("NATO"), source("NATO press conference")
    since, seen = 0, []
    for round_ in range(12):
        body = reader.get(f"{API}/changes/?since={since}&limit=3").json()
        seen += [event["id"] for event in body["results"]]
        since = body["next_since"]
        # Meanwhile the newsroom keeps working.
        services.record_statement(
            claim=c0,
            actor=nato,
            source=s9,
            stance="supports",
            recorded_by=editor,
            quote=f"Round {round_}.",
        )
        if round_ % 4 == 0:
            fresh = Claim.objects.get(pk=claim("C7").pk)
            target = "disputed" if fresh.verdict != "disputed" else "denied"
            services.change_verdict(
                fresh,
                to=target,
                editor=editor,
                rationale=f"Round {round_}.",
                expected_version=fresh.version,
            )
    rest, _ = follow(reader, since)
    seen += rest
    assert seen == public_event_ids()  # every event, once, in order


@pytest.mark.django_db
def test_kind_filter_and_flag_events_only_for_editors(demo, reader, writer, editor):
    services.open_flag(claim("C3"), reason="stale")
    verdicts = reader.get(f"{API}/changes/?kind=verdict.changed&limit=500").json()["results"]
    assert {e["kind"] for e in verdicts} == {"verdict.changed"} and len(verdicts) == 4
    assert "flag.opened" not in {
        e["kind"] for e in reader.get(f"{API}/changes/?limit=500").json()["results"]
    }
    problem(reader.get(f"{API}/changes/?kind=flag.opened"), 400)
    editor_kinds = {e["kind"] for e in writer.get(f"{API}/changes/?limit=500").json()["results"]}
    assert "flag.opened" in editor_kinds


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_statement_with_a_figure_shows_its_estimate_in_the_feed(demo, reader, editor):
    from datetime import date
    from decimal import Decimal

    from claims.estimates import Estimate, EstimateKind, EstimateQualifier, MomentPrecision
    from claims.models import Measure

    in_russia = Measure.objects.get(name="DPRK troops in Russia")
    since = ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first()
    statement = services.record_statement(
        claim=claim("C1"),
        actor=actor("John Kirby"),
        source=source("AFP/dpa"),
        stance="asserts",
        quote="About 10,000 by December.",
        recorded_by=editor,
        estimate=Estimate(
            unit="soldiers",
            qualifier=EstimateQualifier.APPROXIMATE,
            value=Decimal(10000),
            kind=EstimateKind.PROJECTION,
            refers_to=date(2024, 12, 1),
            refers_to_precision=MomentPrecision.MONTH,
            measure_id=in_russia.pk,
        ),
    )
    body = reader.get(f"{API}/changes/?since={since}&kind=statement.recorded").json()
    (event,) = body["results"]
    assert event["payload"]["statement"] == str(statement.public_id)
    assert event["payload"]["estimate"] == {
        "measure": str(in_russia.public_id),
        "value": 10000.0,
        "low": None,
        "high": None,
        "unit": "soldiers",
        "qualifier": "approximate",
        "kind": "projection",
        "refers_to": "2024-12-31",
        "refers_to_precision": "month",
    }
    # projection.decided is a kind one may follow.
    assert reader.get(f"{API}/changes/?since=0&kind=projection.decided").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_follower_misses_nothing_while_writers_commit_concurrently(analyst, editor):
    """Writers in other connections commit events while the client pages through the feed;
    once they are done and the client catches up, it has seen every event exactly once."""
    from api.tokens import issue_token

    client = token_client(issue_token(name="mirror", scope="read", user=analyst))
    claims = [ClaimFactory() for _ in range(4)]
    statement = StatementFactory(claim=claims[0])
    actor_, source_ = statement.actor, SourceFactory()
    errors: list[BaseException] = []

    def write(index: int) -> None:
        try:
            for round_ in range(15):
                services.record_statement(
                    claim=claims[index],
                    actor=actor_,
                    source=source_,
                    stance="comments",
                    recorded_by=editor,
                    quote=f"{index}/{round_}",
                )
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)
        finally:
            close_old_connections()

    writers = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for thread in writers:
        thread.start()
    seen, since = [], 0
    while any(thread.is_alive() for thread in writers):
        body = client.get(f"{API}/changes/?since={since}&limit=7").json()
        seen += [event["id"] for event in body["results"]]
        since = body["next_since"]
    for thread in writers:
        thread.join()
    rest, _ = follow(client, since)
    seen += rest
    assert not errors, errors
    assert seen == public_event_ids()
    assert len(seen) == 4 * 15  # the factory's statement wrote no event; the services did
