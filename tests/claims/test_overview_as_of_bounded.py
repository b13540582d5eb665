"""The overview at a past moment reads the history a page at a time (issue #18) and answers as
it did when it read every claim known then: the reference below is that earlier reading, kept
here to compare against on random stories of claims entered, moved, reworded, deleted and
decided, on both clocks."""

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.models import Claim, Topic, Verdict, VerdictChange
from claims.selectors import claims_as_of, overview, verdict_changes_as_of
from claims.selectors import overviews as overview_module
from claims.selectors.overviews import LATEST_CHANGES, _latest_first
from common import clock
from common.history import rows_as_of
from common.moments import Moment
from tests.factories import ActorFactory, ClaimFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

START = datetime(2024, 10, 18, 8, tzinfo=UTC)


def reference_overview(moment: Moment, topics_shown: int, claims_shown: int) -> dict[str, Any]:
    """The overview as it was read before issue #18's bounded reads: every claim known then."""
    claims = claims_as_of(moment)
    claims.sort(key=_latest_first)
    by_topic: dict[int, list[Claim]] = {}
    for claim in claims:
        by_topic.setdefault(claim.topic_id, []).append(claim)
    topics = rows_as_of(Topic, moment.as_of) if moment.as_of else list(Topic.objects.all())
    known = {topic.pk: topic for topic in topics}
    shown = [known[pk] for pk in by_topic if pk in known][:topics_shown]
    if len(shown) < topics_shown:
        rest = sorted((t for t in topics if t.pk not in by_topic), key=lambda t: t.title)
        shown += rest[: topics_shown - len(shown)]
    counts = Counter(claim.verdict for claim in claims)
    then = {claim.pk: claim for claim in claims}
    changes = list(verdict_changes_as_of(moment).order_by("-decided_at", "-id")[:LATEST_CHANGES])
    return {
        "topics": [
            (
                topic.pk,
                topic.title,
                [(c.pk, c.text, c.verdict, c.version) for c in by_topic.get(topic.pk, [])][
                    :claims_shown
                ],
                len(by_topic.get(topic.pk, [])),
            )
            for topic in shown
        ],
        "topic_count": len(topics),
        "verdict_counts": {verdict: counts.get(verdict, 0) for verdict in Verdict.values},
        "changes": [(c.pk, then[c.claim_id].text if c.claim_id in then else None) for c in changes],
    }


def bounded_overview(moment: Moment, topics_shown: int, claims_shown: int) -> dict[str, Any]:
    found = overview(moment, topics_shown=topics_shown, claims_shown=claims_shown)
    return {
        "topics": [
            (
                summary.topic.pk,
                summary.topic.title,
                [(c.pk, c.text, c.verdict, c.version) for c in summary.claims],
                summary.claim_count,
            )
            for summary in found.topics
        ],
        "topic_count": found.topic_count,
        "verdict_counts": found.verdict_counts,
        "changes": [
            (c.pk, c.claim.text if _known(c, moment) else None) for c in found.latest_changes
        ],
    }


def _known(change: VerdictChange, moment: Moment) -> bool:
    # The reference leaves a change's claim unset when it was not known (or asserted) then.
    return bool(claims_as_of(moment, id=change.claim_id))


def tell_story(seed: int) -> list[datetime]:
    """Random writes an hour apart; the moments after each."""
    rng = random.Random(seed)
    editor = UserFactory(groups=["editor"])
    actor = ActorFactory()
    topics: list[Topic] = []
    moments = []
    at = START
    for step in range(60):
        at += timedelta(hours=1)
        with clock.recording_at(at):
            claims = list(Claim.objects.order_by("id"))
            kind = rng.choice(["topic", "claim", "claim", "claim", "move", "reword", "decide"])
            if kind == "topic" or not topics:
                topics.append(TopicFactory(title=f"Topic {rng.randint(0, 999):03d} {step}"))
            elif kind == "claim" or not claims:
                day = rng.choice([None, *range(10)])
                ClaimFactory(
                    topic=rng.choice(topics),
                    claimant=actor,
                    first_asserted_on=date(2024, 10, 1) + timedelta(days=day) if day else None,
                )
            elif kind == "move":
                claim = rng.choice(claims)
                claim.topic = rng.choice(topics)
                services.claim_update(claim, editor=editor, fields=["topic"])
            elif kind == "reword":
                claim = rng.choice(claims)
                if rng.random() < 0.3 and not VerdictChange.objects.filter(claim=claim).exists():
                    services.claim_delete(claim, editor=editor)
                else:
                    claim.text = f"{claim.text} {step}"
                    services.claim_update(claim, editor=editor, fields=["text"])
            else:
                claim = rng.choice(claims)
                to = rng.choice([v for v in Verdict.values if v != claim.verdict])
                services.change_verdict(
                    claim,
                    to=to,
                    editor=editor,
                    rationale="Because.",
                    expected_version=claim.version,
                    decided_at=at - timedelta(hours=rng.randint(0, 30)),
                )
        moments.append(at)
    return moments


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_past_overview_answers_as_reading_every_claim_did(seed, monkeypatch):
    moments = tell_story(seed)
    for at in [START, *moments[::5], moments[-1]]:
        for moment in (
            Moment(as_of=at),
            Moment(said_by=at),
            Moment(as_of=at, said_by=at - timedelta(hours=12)),
        ):
            expected = {shown: reference_overview(moment, *shown) for shown in ((10, 5), (3, 2))}
            # Counted from the history whole, or today's corrected for the claims changed since;
            # the latest claims walked in batches of 500, or of 3.
            for corrected_up_to, batch in ((5_000, 500), (0, 3)):
                monkeypatch.setattr(overview_module, "_CHANGED_SINCE_CORRECTED", corrected_up_to)
                monkeypatch.setattr(overview_module, "_RECENT_CLAIMS_SCANNED", batch)
                for shown, answer in expected.items():
                    assert bounded_overview(moment, *shown) == answer, (moment, shown, batch)


def test_past_overview_costs_the_same_queries_whatever_the_number_of_claims():
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            overview(Moment(as_of=START + timedelta(days=30)))
        return len(captured.captured_queries)

    actor = ActorFactory()
    with clock.recording_at(START):
        topics = [TopicFactory() for _ in range(12)]
        for topic in topics:
            ClaimFactory(topic=topic, claimant=actor, first_asserted_on=date(2024, 10, 1))
    few = queries()
    with clock.recording_at(START + timedelta(days=1)):
        for topic in topics:
            for day in range(20):
                ClaimFactory(topic=topic, claimant=actor, first_asserted_on=date(2024, 10, 1 + day))
    assert queries() == few
