"""Every database constraint refuses bad rows: in Python with a clear message, and in the
database itself when Python validation is bypassed.

For choice fields Django's own field validation speaks first ("… is not a valid choice"); the
database check stands behind it for writes that skip validation."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actors.models import Affiliation
from claims.models import ClaimRelation, ReviewFlag, Statement, VerdictChange
from sources.models import Citation, Snapshot
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    SourceFactory,
    StatementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def bad_actor_kind():
    return ActorFactory.build(kind="wizard"), "is not a valid choice"


def bad_actor_country():
    return ActorFactory.build(country="kr"), "two-letter ISO 3166"


def bad_wikidata():
    return ActorFactory.build(wikidata_qid="42"), "QID looks like Q42"


def affiliation_ends_before_start():
    return Affiliation(
        actor=ActorFactory(),
        organisation=ActorFactory(),
        role="Ambassador",
        start_date=date(2024, 1, 2),
        end_date=date(2023, 1, 1),
    ), "cannot end before it starts"


def affiliation_with_itself():
    actor = ActorFactory()
    return Affiliation(actor=actor, organisation=actor, role="Member"), "affiliated with itself"


def bad_source_reliability():
    return SourceFactory.build(publisher=ActorFactory(), reliability="G"), "is not a valid choice"


def bad_source_health():
    return SourceFactory.build(publisher=ActorFactory(), health="fine"), "is not a valid choice"


def self_citation():
    source = SourceFactory()
    return Citation(citing=source, cited=source), "cannot cite itself"


def bad_snapshot_hash():
    return Snapshot(source=SourceFactory(), health="ok", content_hash="xyz"), "SHA-256"


def bad_claim_verdict():
    return ClaimFactory.build(topic=ClaimFactory().topic, verdict="maybe"), "is not a valid choice"


def quantity_bounds_reversed():
    return ClaimFactory.build(
        topic=ClaimFactory().topic,
        quantity_value=Decimal(3000),
        quantity_max=Decimal(1500),
        quantity_unit="soldiers",
        quantity_qualifier="approximate",
    ), "upper bound must not be below"


def quantity_without_unit():
    return ClaimFactory.build(
        topic=ClaimFactory().topic,
        quantity_value=Decimal(1500),
        quantity_qualifier="exact",
    ), "needs a value, a unit and a qualifier"


def unit_without_quantity():
    return ClaimFactory.build(topic=ClaimFactory().topic, quantity_unit="soldiers"), (
        "needs a value, a unit and a qualifier"
    )


def bad_qualifier():
    return ClaimFactory.build(
        topic=ClaimFactory().topic,
        quantity_value=Decimal(1),
        quantity_unit="x",
        quantity_qualifier="roughly",
    ), "is not a valid choice"


def bad_stance():
    return StatementFactory.build(
        claim=ClaimFactory(), actor=ActorFactory(), source=SourceFactory(), stance="shrugs"
    ), "is not a valid choice"


def bad_credibility():
    return StatementFactory.build(
        claim=ClaimFactory(), actor=ActorFactory(), source=SourceFactory(), credibility=7
    ), "is not a valid choice"


def blank_rationale():
    return VerdictChange(
        claim=ClaimFactory(),
        from_verdict="unverified",
        to_verdict="confirmed",
        editor=UserFactory(),
        rationale="   ",
        version=2,
    ), "needs a rationale"


def verdict_change_that_changes_nothing():
    return VerdictChange(
        claim=ClaimFactory(),
        from_verdict="disputed",
        to_verdict="disputed",
        editor=UserFactory(),
        rationale="Because",
        version=2,
    ), "must change the verdict"


def self_relation():
    claim = ClaimFactory()
    return ClaimRelation(from_claim=claim, to_claim=claim, kind="refines"), "related to itself"


def resolved_flag_without_time():
    return ReviewFlag(claim=ClaimFactory(), reason="stale", status="resolved"), (
        "resolved flag has a resolution time"
    )


def bad_flag_reason():
    return ReviewFlag(claim=ClaimFactory(), reason="bored"), "is not a valid choice"


BAD_ROWS = [
    bad_actor_kind,
    bad_actor_country,
    bad_wikidata,
    affiliation_ends_before_start,
    affiliation_with_itself,
    bad_source_reliability,
    bad_source_health,
    self_citation,
    bad_snapshot_hash,
    bad_claim_verdict,
    quantity_bounds_reversed,
    quantity_without_unit,
    unit_without_quantity,
    bad_qualifier,
    bad_stance,
    bad_credibility,
    blank_rationale,
    verdict_change_that_changes_nothing,
    self_relation,
    resolved_flag_without_time,
    bad_flag_reason,
]


@pytest.mark.parametrize("make_bad_row", BAD_ROWS, ids=lambda f: f.__name__)
def test_bad_row_is_refused_with_a_clear_message(make_bad_row):
    row, message = make_bad_row()
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert message in str(error.value)


@pytest.mark.parametrize("make_bad_row", BAD_ROWS, ids=lambda f: f.__name__)
def test_database_refuses_bad_row_when_validation_is_bypassed(make_bad_row):
    row, _ = make_bad_row()
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_good_quantity_passes_every_check():
    claim = ClaimFactory.build(
        topic=ClaimFactory().topic,
        quantity_value=Decimal(12000),
        quantity_unit="soldiers",
        quantity_qualifier="approximate",
        quantity_is_projection=True,
    )
    claim.full_clean()
    claim.save()
    assert claim.quantity is not None


def test_two_open_flags_of_one_reason_are_refused():
    claim = ClaimFactory()
    ReviewFlag.objects.create(claim=claim, reason="stale")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFlag.objects.create(claim=claim, reason="stale")


def test_two_verdict_changes_for_one_claim_version_are_refused():
    claim, editor = ClaimFactory(), UserFactory()
    VerdictChange.objects.create(
        claim=claim,
        from_verdict="unverified",
        to_verdict="disputed",
        editor=editor,
        rationale="One",
        version=2,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictChange.objects.create(
            claim=claim,
            from_verdict="unverified",
            to_verdict="confirmed",
            editor=editor,
            rationale="Two",
            version=2,
        )


def test_statement_count_is_untouched_by_refused_rows():
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementFactory(stance="shrugs")
    assert Statement.objects.count() == 0
