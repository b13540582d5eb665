"""An actor's stance changing on a claim is an event: in the changes feed, on the timeline, and
a review flag where the topic asks for one (issue #15, item 4)."""

from datetime import UTC, datetime

import pytest

from claims import services
from claims.models import ChangeEvent, FlagReason, ReviewFlag, Stance
from tests.factories import ActorFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def said(claim, actor, stance, day, editor):
    return services.record_statement(
        claim=claim,
        actor=actor,
        source=SourceFactory(),
        stance=stance,
        recorded_by=editor,
        said_at=datetime(2024, 10, day, 12, tzinfo=UTC),
    )


def stance_events():
    return [
        (event.payload["from"], event.payload["to"])
        for event in ChangeEvent.objects.filter(kind="stance.changed").order_by("id")
    ]


def test_denies_then_cannot_confirm_then_asserts_are_two_stance_changes(editor):
    claim, pyongyang = ClaimFactory(), ActorFactory()
    said(claim, pyongyang, Stance.DENIES, 18, editor)
    said(claim, pyongyang, Stance.DENIES, 19, editor)  # the same position again: no change
    said(claim, pyongyang, Stance.CANNOT_CONFIRM, 21, editor)
    said(claim, pyongyang, Stance.ASSERTS, 28, editor)
    assert stance_events() == [("denies", "cannot_confirm"), ("cannot_confirm", "asserts")]
    assert not ReviewFlag.objects.filter(reason=FlagReason.STANCE_CHANGED).exists()

    timeline = services_timeline(claim)
    assert [(e.stance, e.previous_stance) for e in timeline] == [
        ("denies", None),
        ("denies", None),
        ("cannot_confirm", "denies"),
        ("asserts", "cannot_confirm"),
    ]


def services_timeline(claim):
    from claims import selectors

    return [entry for entry in selectors.claim_timeline(claim) if entry.type == "statement"]


def test_an_old_statement_entered_late_moves_no_position(editor):
    claim, actor = ClaimFactory(), ActorFactory()
    said(claim, actor, Stance.ASSERTS, 25, editor)
    said(claim, actor, Stance.DENIES, 18, editor)  # said a week before, entered now
    assert stance_events() == []


def test_a_correction_of_the_stance_is_a_stance_change(editor):
    claim, actor = ClaimFactory(), ActorFactory()
    said(claim, actor, Stance.DENIES, 18, editor)
    latest = said(claim, actor, Stance.DENIES, 21, editor)
    latest.stance = Stance.DISPUTES
    services.statement_update(latest, editor=editor)
    assert stance_events() == [("denies", "disputes")]


def test_a_topic_can_ask_for_a_review_flag_on_each_stance_change(editor):
    claim, actor = ClaimFactory(), ActorFactory(name="NATO")
    claim.topic.flag_stance_changes = True
    claim.topic.save()
    said(claim, actor, Stance.CANNOT_CONFIRM, 21, editor)
    said(claim, actor, Stance.SUPPORTS, 28, editor)
    flag = ReviewFlag.objects.get(reason=FlagReason.STANCE_CHANGED)
    assert (flag.claim, flag.detail) == (claim, "NATO: cannot confirm → supports.")
    assert ChangeEvent.objects.filter(kind="flag.opened").count() == 1
