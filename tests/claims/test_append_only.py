"""The verdict history is append-only: Python refuses changes on every backend, and PostgreSQL
refuses them even from raw SQL."""

import pytest
from django.db import connection, transaction
from django.db.utils import ProgrammingError

from claims.models import AppendOnlyError, VerdictChange
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def change():
    return VerdictChange.objects.create(
        claim=ClaimFactory(),
        from_verdict="unverified",
        to_verdict="disputed",
        editor=UserFactory(),
        rationale="Asserted by one side, denied by the other.",
        version=2,
    )


def test_saving_an_existing_change_is_refused(change):
    change.rationale = "rewritten"
    with pytest.raises(AppendOnlyError):
        change.save()
    change.refresh_from_db()
    assert change.rationale == "Asserted by one side, denied by the other."


def test_deleting_a_change_is_refused(change):
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        VerdictChange.objects.filter(pk=change.pk).delete()
    assert VerdictChange.objects.filter(pk=change.pk).exists()


def test_queryset_update_is_refused(change):
    with pytest.raises(AppendOnlyError):
        VerdictChange.objects.filter(pk=change.pk).update(rationale="rewritten")


def test_deleting_the_claim_is_refused_while_it_has_history(change):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        change.claim.delete()


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE claims_verdictchange SET rationale = 'rewritten' WHERE id = %s",
        "DELETE FROM claims_verdictchange WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_postgresql_refuses_raw_update_and_delete(change, sql):
    refused = pytest.raises(ProgrammingError, match="Cannot update or delete")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [change.pk])
    change.refresh_from_db()
    assert change.rationale == "Asserted by one side, denied by the other."
