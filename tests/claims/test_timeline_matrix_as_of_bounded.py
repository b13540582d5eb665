"""A past timeline is read a slice at a time and a past stance matrix from the ids of the
statements (issue #18); both answer as the whole reading did: the timeline slices, paged through,
are the whole past timeline, and the matrix is the one counted from every statement (the
reference below is that earlier reading)."""

import random
from collections import Counter
from datetime import timedelta
from functools import partial
from typing import Any

import pytest

from claims.models import Stance, Verdict
from claims.selectors.actor_record import actor_record
from claims.selectors.as_of import claims_as_of, statements_as_of
from claims.selectors.corroboration import support_summaries
from claims.selectors.dashboards import actor_statements_as_of
from claims.selectors.matrix import stance_matrix
from claims.selectors.timelines import (
    TimelineEntry,
    claim_timeline,
    claim_timeline_slice,
    topic_timeline,
    topic_timeline_slice,
)
from common import clock
from common.moments import Moment
from sources.models import Health
from tests.api.test_api_as_of_property import STORY_START, Story

pytestmark = pytest.mark.django_db


def entry_key(entry: TimelineEntry) -> tuple[Any, ...]:
    def ref(row: Any, *fields: str) -> tuple[Any, ...] | None:
        return None if row is None else tuple(getattr(row, f) for f in ("pk", *fields))

    return (
        entry.type,
        entry.time,
        entry.row_id,
        ref(entry.claim, "text", "verdict", "version"),
        ref(entry.actor, "name"),
        entry.stance,
        entry.previous_stance,
        entry.quote,
        ref(entry.source, "title", "health"),
        ref(entry.verdict_change),
        ref(entry.snapshot, "health"),
        entry.previous_health,
    )


def paged(read_slice: Any, limit: int) -> list[tuple[Any, ...]]:
    entries: list[TimelineEntry] = []
    after = None
    while True:
        found = read_slice(after=after, limit=limit)
        entries += found.entries
        if not found.has_more:
            return [entry_key(entry) for entry in entries]
        after = found.last_position


def reference_matrix(topic: Any, moment: Moment, *, claims: int, actors: int) -> dict[str, Any]:
    """The past matrix as it was read before issue #18's bounded reads: every statement."""
    claims_then = {claim.pk: claim for claim in claims_as_of(moment, topic_id=topic.pk)}
    said = statements_as_of(moment, claim_id__in=list(claims_then))
    by_claim = Counter(s.claim_id for s in said)
    by_actor = Counter(s.actor_id for s in said)
    top_claims = sorted(by_claim.items(), key=lambda item: (-item[1], item[0]))[:claims]
    top_actors = sorted(by_actor.items(), key=lambda item: (-item[1], item[0]))[:actors]
    shown_claims, shown_actors = dict(top_claims), dict(top_actors)
    actor_rows = {s.actor_id: s.actor for s in said if s.actor_id in shown_actors}
    support = support_summaries(
        ((s.claim_id, s.actor_id, s.source, s.stance) for s in said if s.claim_id in shown_claims),
        moment,
    )
    return {
        "claims": [(pk, claims_then[pk].text, claims_then[pk].verdict) for pk, _ in top_claims],
        "actors": [(pk, actor_rows[pk].name) for pk, _ in top_actors],
        "statements": [
            (s.pk, s.stance, s.quote)
            for s in said
            if s.claim_id in shown_claims and s.actor_id in shown_actors
        ],
        "counts": (len(by_claim), len(by_actor), {**shown_claims, **shown_actors}),
        "support": support,
    }


def bounded_matrix(topic: Any, moment: Moment, *, claims: int, actors: int) -> dict[str, Any]:
    found = stance_matrix(topic, moment, claims=claims, actors=actors)
    return {
        "claims": [(c.pk, c.text, c.verdict) for c in found.claims],
        "actors": [(a.pk, a.name) for a in found.actors],
        "statements": [(s.pk, s.stance, s.quote) for s in found.statements],
        "counts": (
            found.claim_count,
            found.actor_count,
            {pk: n for (_, pk), n in found.statement_counts.items()},
        ),
        "support": found.support,
    }


def tell_story(seed: int, django_capture_on_commit_callbacks: Any) -> tuple[Story, list[Any]]:
    rng = random.Random(seed)
    story = Story()
    moments = []
    for number in range(1, 26):
        at = STORY_START + timedelta(hours=number)
        kind = rng.choice(["say", "say", "say", "edit", "delete", "decide", "reword", "recheck"])
        step: tuple[Any, ...] = {
            "say": ("say", rng.randint(0, 1), rng.randint(0, 1), rng.choice(Stance.values), 0),
            "edit": ("edit", rng.randint(0, 99), rng.choice(Stance.values)),
            "delete": ("delete", rng.randint(0, 99)),
            "decide": ("decide", rng.randint(0, 1), rng.choice(Verdict.values)),
            "reword": ("reword", rng.randint(0, 1), rng.choice("abc")),
            "recheck": ("recheck", rng.choice([Health.OK, Health.GONE, Health.BLOCKED])),
        }[kind]
        if kind == "say":
            step = (*step[:4], rng.randint(0, 30))
        with clock.recording_at(at), django_capture_on_commit_callbacks(execute=True):
            story.write(step, at)
        moments.append(at)
    return story, moments


@pytest.mark.parametrize("seed", [1, 2])
def test_past_slices_and_matrix_answer_as_reading_everything_did(
    seed, django_capture_on_commit_callbacks
):
    story, moments = tell_story(seed, django_capture_on_commit_callbacks)
    topic = story.topic
    for at in [*moments[::4], moments[-1]]:
        for moment in (
            Moment(as_of=at),
            Moment(said_by=STORY_START + timedelta(days=10)),
            Moment(as_of=at, said_by=STORY_START + timedelta(days=20)),
        ):
            whole = [entry_key(e) for e in topic_timeline(topic, moment)]
            for limit in (2, 50):
                got = paged(partial(topic_timeline_slice, topic, moment), limit)
                assert got == whole, (moment, limit)
            for claim in story.claims:
                whole = [entry_key(e) for e in claim_timeline(claim, moment)]
                got = paged(partial(claim_timeline_slice, claim, moment), 2)
                assert got == whole, (moment, claim)
            for size in ((30, 20), (1, 1)):
                claims, actors = size
                assert bounded_matrix(
                    topic, moment, claims=claims, actors=actors
                ) == reference_matrix(topic, moment, claims=claims, actors=actors), moment


def statement_key(statement: Any) -> tuple[Any, ...]:
    claim, source = statement.claim, statement.source
    return (
        statement.pk,
        statement.stance,
        statement.quote,
        statement.actor.name,
        (claim.pk, claim.text, claim.verdict, claim.version),
        (source.pk, source.title, source.health),
    )


@pytest.mark.parametrize("seed", [3, 4])
def test_past_actor_pages_answer_as_reading_everything_did(
    seed, django_capture_on_commit_callbacks
):
    story, moments = tell_story(seed, django_capture_on_commit_callbacks)
    for at in [*moments[::4], moments[-1]]:
        for moment in (
            Moment(as_of=at),
            Moment(said_by=STORY_START + timedelta(days=10)),
            Moment(as_of=at, said_by=STORY_START + timedelta(days=20)),
        ):
            for actor in story.actors:
                then = actor_statements_as_of(actor, moment)  # the earlier whole reading
                claims = list({s.claim_id: s.claim for s in then}.values())
                record = actor_record(actor, moment)
                assert len(record.statements) == len(then)
                assert len(record.claims) == len(claims)
                got = [*record.statements[0:2], *record.statements[2:]]
                assert [statement_key(s) for s in got] == [statement_key(s) for s in then]
                assert [(c.pk, c.text, c.verdict) for c in record.claims[0:1]] + [
                    (c.pk, c.text, c.verdict) for c in record.claims[1:]
                ] == [(c.pk, c.text, c.verdict) for c in claims]
                assert [
                    (claim.pk, [statement_key(s) for s in said])
                    for claim, said in record.stances_on(record.claims[0:])
                ] == [
                    (claim.pk, [statement_key(s) for s in then if s.claim_id == claim.pk])
                    for claim in claims
                ]
