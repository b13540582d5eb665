"""The past never changes: whatever sequence of writes happens, the API's answer taken at each
moment as it happened is, byte for byte, what `as_of` that moment answers afterwards.

Hypothesis draws sequences of statements recorded, edited and deleted, verdicts changed, claims
reworded and sources re-checked into another health, each recorded an hour after the one before
(common.clock). After each write the test takes the current answers of the claim, verdict,
timeline and estimate endpoints; once the sequence is done it asks each of them `as_of` each of
those moments.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from claims import services
from claims.models import Stance, Statement, Verdict
from claims.quantities import Quantity, QuantityQualifier
from common import clock
from sources.models import Health
from sources.services import Observation, lease_check_now, record_check
from tests.factories import ActorFactory, ClaimFactory, SourceFactory, TopicFactory, UserFactory

API = "/api/v1"
STORY_START = datetime(2024, 10, 18, 8, tzinfo=UTC)

say = st.tuples(
    st.just("say"),
    st.integers(0, 1),  # claim
    st.integers(0, 1),  # actor
    st.sampled_from(Stance.values),
    st.integers(0, 30),  # said, days after the story starts
)
edit = st.tuples(st.just("edit"), st.integers(0, 99), st.sampled_from(Stance.values))
delete = st.tuples(st.just("delete"), st.integers(0, 99))
decide = st.tuples(st.just("decide"), st.integers(0, 1), st.sampled_from(Verdict.values))
reword = st.tuples(st.just("reword"), st.integers(0, 1), st.sampled_from(["a", "b", "c"]))
recheck = st.tuples(st.just("recheck"), st.sampled_from([Health.OK, Health.GONE, Health.BLOCKED]))
writes = st.lists(st.one_of(say, edit, delete, decide, reword, recheck), min_size=1, max_size=6)


class Story:
    def __init__(self) -> None:
        with clock.recording_at(STORY_START):
            self.editor = UserFactory(groups=["editor"])
            topic = TopicFactory()
            self.claims = [
                ClaimFactory(topic=topic),
                ClaimFactory(
                    topic=topic,
                    **Quantity(Decimal(1500), "soldiers", QuantityQualifier.EXACT).as_fields(),
                ),
            ]
            self.actors = [ActorFactory(), ActorFactory()]
            self.source = SourceFactory(url="https://news.example.org/a")
        self.topic = topic
        self.client = APIClient()
        self.client.force_authenticate(self.editor)

    def urls(self) -> list[str]:
        urls = [f"{API}/topics/{self.topic.public_id}/timeline/"]
        urls.append(f"{API}/topics/{self.topic.public_id}/quantities/")
        urls.append(f"{API}/topics/{self.topic.public_id}/claimreview/")
        urls.append(f"{API}/claims/?topic={self.topic.public_id}")
        urls.append(f"{API}/statements/?actor={self.actors[0].public_id}")
        for claim in self.claims:
            urls += [
                f"{API}/claims/{claim.public_id}/",
                f"{API}/claims/{claim.public_id}/verdict/",
                f"{API}/claims/{claim.public_id}/timeline/",
                f"{API}/claims/{claim.public_id}/statements/",
            ]
        return urls

    def answers(self, as_of: datetime | None = None) -> dict[str, bytes]:
        found = {}
        for url in self.urls():
            query = ""
            if as_of is not None:
                query = ("&" if "?" in url else "?") + urlencode({"as_of": as_of.isoformat()})
            response = self.client.get(url + query)
            assert response.status_code == 200, (url, response.content[:300])
            found[url] = response.content
        return found

    def write(self, step: tuple, at: datetime) -> None:
        kind, *args = step
        statements = list(Statement.objects.order_by("id"))
        if kind == "say":
            claim, actor, stance, days = args
            services.record_statement(
                claim=self.claims[claim],
                actor=self.actors[actor],
                source=self.source,
                stance=stance,
                recorded_by=self.editor,
                quote=f"said {days}",
                said_at=STORY_START + timedelta(days=days),
            )
        elif kind == "edit" and statements:
            statement = statements[args[0] % len(statements)]
            statement.stance = args[1]
            statement.quote = f"{statement.quote} (corrected)"
            services.statement_update(statement, editor=self.editor)
        elif kind == "delete" and statements:
            services.statement_delete(statements[args[0] % len(statements)], editor=self.editor)
        elif kind == "decide":
            claim = self.claims[args[0]]
            claim.refresh_from_db()
            if claim.verdict != args[1]:
                services.change_verdict(
                    claim,
                    to=args[1],
                    editor=self.editor,
                    rationale="Because.",
                    evidence=[self.source],
                    expected_version=claim.version,
                )
        elif kind == "reword":
            claim = self.claims[args[0]]
            claim.refresh_from_db()
            claim.text = f"{claim.text} {args[1]}"
            services.claim_update(claim, editor=self.editor, fields=["text"])
        elif kind == "recheck":
            check = lease_check_now(self.source, now=at)
            health = args[0]
            record_check(
                source_id=self.source.pk,
                due_at=check.due_at,
                requested_url=self.source.url,
                fetched_at=at,
                observation=Observation(
                    health,
                    status_code={Health.OK: 200, Health.GONE: 410, Health.BLOCKED: 403}[health],
                    text="text" if health == Health.OK else None,
                    content_hash="hash" if health == Health.OK else "",
                ),
            )


@pytest.mark.django_db
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=writes)
def test_answers_for_a_past_moment_never_change(steps, django_capture_on_commit_callbacks):
    with transaction.atomic():  # each example starts from an empty story
        story = Story()
        taken: list[tuple[datetime, dict[str, bytes]]] = []
        for number, step in enumerate(steps, start=1):
            at = STORY_START + timedelta(hours=number)
            # Run what commits would (the verdict cache is dropped on commit).
            with clock.recording_at(at), django_capture_on_commit_callbacks(execute=True):
                story.write(step, at)
            taken.append((at, story.answers()))
        for at, answers in taken:
            assert story.answers(as_of=at) == answers, (at, steps)
        transaction.set_rollback(True)
