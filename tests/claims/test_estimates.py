"""Figures on statements: what the database refuses, measures that never mix units, and
projections that come back for an outcome once due."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from claims import services
from claims.estimates import (
    Estimate,
    EstimateKind,
    EstimateQualifier,
    ProjectionOutcomeKind,
)
from claims.models import (
    ChangeEvent,
    FlagReason,
    FlagStatus,
    Measure,
    ProjectionOutcome,
    ReviewFlag,
    Statement,
)
from claims.precision import DatePrecision
from claims.selectors.track_record import track_record
from claims.units import Unit
from common.moments import NOW, Moment
from tests.factories import ActorFactory, ClaimFactory, SourceFactory, StatementFactory

SOLDIERS = Unit.SOLDIERS


def figure(**fields) -> Estimate:
    return Estimate(**{"unit": SOLDIERS, "value": Decimal(1500), **fields})


def projection(refers_to: str = "2024-12-01", **fields) -> Estimate:
    return figure(
        kind=EstimateKind.PROJECTION,
        qualifier=EstimateQualifier.APPROXIMATE,
        value=Decimal(10000),
        refers_to=date.fromisoformat(refers_to),
        refers_to_precision=DatePrecision.MONTH,
        **fields,
    )


def record(editor, *, estimate: Estimate | None, claim=None, actor=None, source=None) -> Statement:
    return services.record_statement(
        claim=claim or ClaimFactory(),
        actor=actor or ActorFactory(),
        source=source or SourceFactory(),
        stance="asserts",
        recorded_by=editor,
        estimate=estimate,
    )


# --- What the database refuses -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("columns", "constraint"),
    [
        (
            {"estimate_low": Decimal(5), "estimate_high": Decimal(2)},
            "claims_statement_estimate_bounds_ordered",
        ),
        ({"estimate_value": Decimal(20), "estimate_high": Decimal(10)}, "bounds_ordered"),
        (
            {"estimate_kind": EstimateKind.PROJECTION},
            "claims_statement_projection_has_moment",
        ),
        ({"estimate_unit": "furlongs"}, "claims_statement_estimate_unit_valid"),
        ({"estimate_unit": "", "estimate_qualifier": ""}, "claims_statement_estimate_complete"),
        ({"estimate_value": None}, "claims_statement_estimate_complete"),
        ({"estimate_refers_to": date(2024, 10, 1)}, "estimate_moment_complete"),
    ],
)
def test_the_database_refuses_bad_figures_written_around_the_services(columns, constraint):
    statement = StatementFactory()
    fields = {
        "estimate_value": Decimal(1500),
        "estimate_unit": SOLDIERS,
        "estimate_qualifier": EstimateQualifier.EXACT,
        "estimate_kind": EstimateKind.OBSERVATION,
        **columns,
    }
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(**fields)
    statement.refresh_from_db()
    assert statement.estimate is None  # nothing half-written


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("estimate", "message"),
    [
        (figure(low=Decimal(2000), high=Decimal(1000), value=None), "bounds must be in order"),
        (figure(kind=EstimateKind.PROJECTION), "A projection needs the moment"),
        (figure(unit="furlongs"), "furlongs"),
    ],
)
def test_a_bad_figure_is_refused_with_a_message_and_nothing_is_recorded(editor, estimate, message):
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match=message):
        record(editor, estimate=estimate, claim=claim)
    assert not Statement.objects.filter(claim=claim).exists()
    assert not ChangeEvent.objects.filter(claim=claim).exists()


@pytest.mark.django_db
def test_a_figure_reads_back_as_it_was_given_and_a_period_is_kept_as_its_last_day(editor):
    statement = record(editor, estimate=projection("2024-12-01"))
    statement.refresh_from_db()
    estimate = statement.estimate
    assert estimate is not None
    assert (estimate.value, estimate.unit, estimate.kind) == (
        Decimal(10000),
        SOLDIERS,
        "projection",
    )
    assert estimate.refers_to == date(2024, 12, 31)  # "by December" runs to its end
    assert str(estimate) == "about 10,000 soldiers by December 2024"
    with translation.override("de"):
        assert str(estimate) == "rund 10.000 Soldaten bis Dezember 2024"


@pytest.mark.django_db
def test_the_statement_event_carries_its_figure(editor):
    measure = Measure.objects.create(
        topic=ClaimFactory().topic, name="DPRK troops in Russia", unit=SOLDIERS
    )
    claim = ClaimFactory(topic=measure.topic)
    statement = record(editor, estimate=figure().with_measure(measure.pk), claim=claim)
    event = ChangeEvent.objects.get(kind="statement.recorded", claim=claim)
    assert event.payload["statement"] == str(statement.public_id)
    assert event.payload["estimate"] == {
        "measure": str(measure.public_id),
        "value": 1500.0,
        "low": None,
        "high": None,
        "unit": "soldiers",
        "qualifier": "exact",
        "kind": "observation",
        "refers_to": None,
        "refers_to_precision": None,
    }


# --- Measures never mix units -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_figure_in_another_unit_than_its_measure_is_refused(editor):
    claim = ClaimFactory()
    measure = services.estimates.measure_create(
        topic=claim.topic, name="DPRK troops in Russia", unit=SOLDIERS, editor=editor
    )
    with pytest.raises(ValidationError) as refused:
        record(editor, estimate=figure(unit=Unit.EUROS).with_measure(measure.pk), claim=claim)
    assert "counts soldiers; this figure counts euros" in str(refused.value.message_dict)
    assert not measure.estimates.exists()


@pytest.mark.django_db
def test_a_measure_of_another_topic_is_refused(editor):
    measure = services.estimates.measure_create(
        topic=ClaimFactory().topic, name="Troops", unit=SOLDIERS, editor=editor
    )
    with pytest.raises(ValidationError, match="measure of another topic"):
        record(editor, estimate=figure().with_measure(measure.pk))


@pytest.mark.django_db
def test_a_measure_keeps_its_unit_while_figures_count_it(editor):
    claim = ClaimFactory()
    measure = services.estimates.measure_create(
        topic=claim.topic, name="Troops", unit=SOLDIERS, editor=editor
    )
    record(editor, estimate=figure().with_measure(measure.pk), claim=claim)
    measure.unit = Unit.TROOPS
    with pytest.raises(ValidationError, match="count another unit"):
        services.estimates.measure_update(measure, editor=editor)
    assert Measure.objects.get(pk=measure.pk).unit == SOLDIERS
    with pytest.raises(ValidationError, match="Figures belong to this measure"):
        services.estimates.measure_delete(measure, editor=editor)


@pytest.mark.django_db
def test_two_measures_of_one_topic_need_different_names(editor):
    topic = ClaimFactory().topic
    services.estimates.measure_create(topic=topic, name="Troops", unit=SOLDIERS, editor=editor)
    with pytest.raises(ValidationError, match="already has a measure of that name"):
        services.estimates.measure_create(topic=topic, name="troops", unit=SOLDIERS, editor=editor)


@pytest.mark.django_db
def test_an_analyst_may_not_add_measures(analyst):
    with pytest.raises(services.NotAllowed):
        services.estimates.measure_create(
            topic=ClaimFactory().topic, name="Troops", unit=SOLDIERS, editor=analyst
        )


# --- Due projections ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_due_projection_raises_exactly_one_flag(editor):
    statement = record(editor, estimate=projection("2024-12-01"))
    assert services.estimates.flag_due_projections(today=date(2024, 12, 31)) == 0  # not yet
    assert services.estimates.flag_due_projections(today=date(2025, 1, 1)) == 1
    assert services.estimates.flag_due_projections(today=date(2025, 1, 2)) == 0
    flag = ReviewFlag.objects.get(reason=FlagReason.PROJECTION_DUE)
    assert (flag.statement, flag.claim, flag.status) == (statement, statement.claim, "open")
    assert flag.detail == (
        f"{statement.actor.name} projected about 10,000 soldiers by December 2024: what happened?"
    )


@pytest.mark.django_db
def test_two_due_projections_in_one_report_raise_a_flag_each(editor):
    claim, actor, source = ClaimFactory(), ActorFactory(), SourceFactory()
    for month in ("2024-11-01", "2024-12-01"):
        record(editor, estimate=projection(month), claim=claim, actor=actor, source=source)
    assert services.estimates.flag_due_projections(today=date(2025, 6, 1)) == 2


@pytest.mark.django_db
def test_observations_never_come_back_for_an_outcome(editor):
    record(editor, estimate=figure(refers_to=date(2024, 10, 18)))
    assert services.estimates.flag_due_projections(today=date(2026, 1, 1)) == 0


@pytest.mark.django_db
def test_recording_the_outcome_resolves_the_flag_and_builds_the_track_record(editor):
    statement = record(editor, estimate=projection("2024-12-01"))
    services.estimates.flag_due_projections(today=date(2025, 1, 1))
    flag = ReviewFlag.objects.get(reason=FlagReason.PROJECTION_DUE)

    outcome = services.estimates.record_projection_outcome(
        statement,
        outcome=ProjectionOutcomeKind.BORNE_OUT,
        rationale="About 11,000 were reported in Kursk by early December.",
        editor=editor,
    )

    flag.refresh_from_db()
    assert flag.status == FlagStatus.RESOLVED
    assert flag.resolution_note == "About 11,000 were reported in Kursk by early December."
    assert ChangeEvent.objects.filter(kind="projection.decided").get().payload["outcome"] == (
        "borne_out"
    )
    record_ = track_record(Statement.objects.filter(actor=statement.actor), NOW)
    assert record_.count("borne_out") == 1
    assert [r.outcome for r in record_.projections] == [outcome]
    # The flag never comes back once decided.
    assert services.estimates.flag_due_projections(today=date(2026, 1, 1)) == 0
    with pytest.raises(ValidationError, match="already recorded"):
        services.estimates.record_projection_outcome(
            statement, outcome="not_borne_out", rationale="Changed my mind.", editor=editor
        )


@pytest.mark.django_db
def test_a_due_projection_flag_is_not_resolved_without_an_outcome(editor):
    record(editor, estimate=projection("2024-12-01"))
    services.estimates.flag_due_projections(today=date(2025, 1, 1))
    flag = ReviewFlag.objects.get(reason=FlagReason.PROJECTION_DUE)
    with pytest.raises(ValidationError, match="Record what became of the projection"):
        services.resolve_flag(flag, editor=editor, note="Looked at it.")
    assert ReviewFlag.objects.get(pk=flag.pk).status == FlagStatus.OPEN


@pytest.mark.django_db
def test_an_outcome_needs_a_rationale_and_a_passed_moment(editor):
    due = record(editor, estimate=projection("2024-12-01"))
    with pytest.raises(ValidationError, match="rationale"):
        services.estimates.record_projection_outcome(
            due, outcome="borne_out", rationale="  ", editor=editor
        )
    later = record(editor, estimate=projection("2999-12-01"))
    with pytest.raises(ValidationError, match="once that has passed"):
        services.estimates.record_projection_outcome(
            later, outcome="borne_out", rationale="Early.", editor=editor
        )
    assert not ProjectionOutcome.objects.exists()


@pytest.mark.django_db
def test_the_track_record_of_a_past_moment_leaves_out_later_outcomes(editor):
    statement = record(editor, estimate=projection("2024-12-01"))
    services.estimates.record_projection_outcome(
        statement, outcome="not_borne_out", rationale="Far fewer arrived.", editor=editor
    )
    statements = Statement.objects.filter(pk=statement.pk)
    before = Moment(said_by=statement.said_at or statement.recorded_at)
    assert track_record(statements, before).decided == 0
    assert track_record(statements, NOW).count("not_borne_out") == 1


@pytest.mark.django_db
def test_a_corrected_figure_is_a_change_between_two_moments(editor):
    from datetime import timedelta

    from claims.selectors.compare import changes_between
    from common import clock

    statement = record(editor, estimate=figure())
    since = clock.now()
    statement.estimate_value = Decimal(1600)
    services.statement_update(statement, editor=editor)
    changes = changes_between(since, clock.now() + timedelta(seconds=1), claim=statement.claim)
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("figure_changed", "1,500 soldiers", "1,600 soldiers")
    ]
    assert changes[0].summary == (
        f"Figure of {statement.actor.name} on “{statement.claim.text}”: "
        "1,500 soldiers → 1,600 soldiers"
    )
