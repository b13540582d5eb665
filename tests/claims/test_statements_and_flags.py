"""record_statement, review flags and the stale-claims job."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from claims import services, tasks
from claims.errors import NotAllowed
from claims.models import ChangeEvent, FlagReason, ReviewFlag, Statement, Verdict
from tests.factories import ActorFactory, ClaimFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def record(claim, stance, editor, **extra):
    return services.record_statement(
        claim=claim,
        actor=ActorFactory(),
        source=SourceFactory(),
        stance=stance,
        recorded_by=editor,
        quote="Quote",
        **extra,
    )


def decided(claim, verdict, editor):
    services.change_verdict(
        claim, to=verdict, editor=editor, rationale="Decided.", expected_version=claim.version
    )
    return claim


def test_statement_is_recorded_with_who_and_an_event(editor):
    claim = ClaimFactory()
    statement = record(claim, "asserts", editor, venue=" UN Security Council ")
    assert statement.recorded_by == editor
    assert statement.venue == "UN Security Council"
    assert ChangeEvent.objects.get(kind="statement.recorded").payload["stance"] == "asserts"
    assert not ReviewFlag.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"stance": "shrugs"}, "stance"), ({"stance": "asserts", "credibility": 9}, "credibility")],
)
def test_invalid_statement_is_refused_and_nothing_is_written(editor, extra, field):
    with pytest.raises(ValidationError) as error:
        services.record_statement(
            claim=ClaimFactory(),
            actor=ActorFactory(),
            source=SourceFactory(),
            recorded_by=editor,
            **extra,
        )
    assert field in error.value.message_dict
    assert not Statement.objects.exists()
    assert not ChangeEvent.objects.exists()


def test_analyst_may_not_record_statements(analyst):
    with pytest.raises(NotAllowed):
        record(ClaimFactory(), "asserts", analyst)


@pytest.mark.parametrize(
    ("verdict", "stance", "flags"),
    [
        (Verdict.CONFIRMED, "denies", 1),
        (Verdict.CONFIRMED, "disputes", 1),
        (Verdict.CONFIRMED, "supports", 0),
        (Verdict.DENIED, "asserts", 1),
        (Verdict.DENIED, "supports", 1),
        (Verdict.DENIED, "denies", 0),
        (Verdict.DISPUTED, "denies", 0),
    ],
)
def test_statement_contradicting_the_verdict_opens_a_flag(editor, verdict, stance, flags):
    claim = decided(ClaimFactory(), verdict, editor)
    statement = record(claim, stance, editor)
    opened = ReviewFlag.objects.filter(claim=claim, reason=FlagReason.NEW_CONTRADICTION)
    assert opened.count() == flags
    if flags:
        assert opened.get().statement == statement
        assert ChangeEvent.objects.filter(kind="flag.opened").count() == 1


def test_second_contradiction_does_not_open_a_second_flag(editor):
    claim = decided(ClaimFactory(), Verdict.CONFIRMED, editor)
    record(claim, "denies", editor)
    record(claim, "disputes", editor)
    assert ReviewFlag.objects.filter(claim=claim, status="open").count() == 1


def test_editor_resolves_a_flag_with_a_note(editor):
    flag, created = services.open_flag(ClaimFactory(), reason=FlagReason.STALE)
    assert created
    resolved = services.resolve_flag(flag, editor=editor, note=" Checked with the desk. ")
    assert (resolved.status, resolved.resolved_by, resolved.resolution_note) == (
        "resolved",
        editor,
        "Checked with the desk.",
    )
    assert resolved.resolved_at is not None
    with pytest.raises(ValidationError, match="already resolved"):
        services.resolve_flag(flag, editor=editor)


def test_analyst_may_not_resolve_a_flag(analyst):
    flag, _ = services.open_flag(ClaimFactory(), reason=FlagReason.STALE)
    with pytest.raises(NotAllowed):
        services.resolve_flag(flag, editor=analyst)
    flag.refresh_from_db()
    assert flag.status == "open"


def test_stale_claims_are_flagged_once(editor):
    old = timezone.now() - timedelta(days=settings.CLAIMTRACK_STALE_DAYS + 1)
    stale = ClaimFactory(recorded_at=old)
    StatementFactory(claim=stale)
    fresh = ClaimFactory()
    StatementFactory(claim=fresh)
    silent = ClaimFactory(recorded_at=old)  # no statements: nothing to verify yet
    decided_claim = decided(ClaimFactory(recorded_at=old), Verdict.DISPUTED, editor)
    StatementFactory(claim=decided_claim)

    assert tasks.flag_stale_claims.delay().get() == 1
    assert services.flag_stale_claims() == 0  # never twice while one is open
    flags = ReviewFlag.objects.filter(reason=FlagReason.STALE)
    assert [f.claim for f in flags] == [stale]
    assert not ReviewFlag.objects.filter(claim__in=[fresh, silent, decided_claim]).exists()

    services.resolve_flag(flags.get(), editor=editor, note="Still checking.")
    assert services.flag_stale_claims() == 1  # resolved, still unverified: flagged again


def test_stale_days_come_from_settings(settings):
    settings.CLAIMTRACK_STALE_DAYS = 30
    claim = ClaimFactory(recorded_at=timezone.now() - timedelta(days=10))
    StatementFactory(claim=claim)
    assert services.flag_stale_claims() == 0


def test_stale_job_is_in_the_beat_schedule():
    entries = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "claims.tasks.flag_stale_claims" in entries
