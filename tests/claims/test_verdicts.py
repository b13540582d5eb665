"""change_verdict: the only code that changes a verdict."""

import threading
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections

from claims import services
from claims.errors import NotAllowed, VerdictConflict
from claims.models import ChangeEvent, Claim, Verdict, VerdictChange
from tests.factories import ClaimFactory, SourceFactory, UserFactory


@pytest.mark.django_db
def test_editor_changes_verdict_with_rationale_and_evidence(editor):
    claim = ClaimFactory()
    evidence = [SourceFactory(), SourceFactory()]
    change = services.change_verdict(
        claim,
        to=Verdict.DISPUTED,
        editor=editor,
        rationale="  Denied by the other side.  ",
        evidence=evidence,
        expected_version=1,
    )
    claim.refresh_from_db()
    assert (claim.verdict, claim.version) == ("disputed", 2)
    assert (change.from_verdict, change.to_verdict, change.version) == ("unverified", "disputed", 2)
    assert change.rationale == "Denied by the other side."
    assert set(change.evidence.all()) == set(evidence)
    event = ChangeEvent.objects.get(kind="verdict.changed")
    assert event.payload["to"] == "disputed" and event.claim == claim


@pytest.mark.django_db
def test_stale_version_is_refused_and_writes_nothing(editor):
    claim = ClaimFactory()
    services.change_verdict(
        claim, to=Verdict.DISPUTED, editor=editor, rationale="First.", expected_version=1
    )
    with pytest.raises(VerdictConflict) as conflict:
        services.change_verdict(
            Claim.objects.get(pk=claim.pk),
            to=Verdict.CONFIRMED,
            editor=editor,
            rationale="Second, from a stale page.",
            expected_version=1,
        )
    assert (conflict.value.current_version, conflict.value.current_verdict) == (2, "disputed")
    assert conflict.value.decided_by == editor.username
    assert "version 2" in str(conflict.value)
    assert VerdictChange.objects.filter(claim=claim).count() == 1
    assert Claim.objects.get(pk=claim.pk).verdict == "disputed"


@pytest.mark.django_db
def test_analyst_may_not_change_a_verdict(analyst):
    claim = ClaimFactory()
    with pytest.raises(NotAllowed):
        services.change_verdict(
            claim,
            to=Verdict.CONFIRMED,
            editor=analyst,
            rationale="I think so.",
            expected_version=1,
        )
    assert not VerdictChange.objects.exists()


@pytest.mark.django_db
def test_user_with_the_permission_but_no_group_may_decide():
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="decide_verdict"))
    claim = ClaimFactory()
    services.change_verdict(
        claim, to=Verdict.DENIED, editor=user, rationale="Refuted.", expected_version=1
    )
    assert Claim.objects.get(pk=claim.pk).verdict == "denied"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("to", "rationale", "field", "message"),
    [
        (Verdict.CONFIRMED, "   ", "rationale", "Give the rationale"),
        (Verdict.CONFIRMED, "", "rationale", "Give the rationale"),
        ("probably", "Because.", "to", "is not a verdict"),
        (Verdict.UNVERIFIED, "Because.", "to", "already 'unverified'"),
    ],
)
def test_invalid_change_is_refused_with_a_field_message(editor, to, rationale, field, message):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        services.change_verdict(
            claim, to=to, editor=editor, rationale=rationale, expected_version=1
        )
    assert message in " ".join(error.value.message_dict[field])
    assert not VerdictChange.objects.exists()
    assert Claim.objects.get(pk=claim.pk).version == 1


def run_in_threads(count: int, work) -> list:
    """Start `count` threads at once, each calling work(index); return their results."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def target(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc
        finally:
            close_old_connections()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_holding_the_same_version_one_wins_one_gets_the_conflict():
    claim = ClaimFactory()
    editors = [UserFactory(groups=["editor"]), UserFactory(groups=["editor"])]
    targets = [Verdict.CONFIRMED, Verdict.DENIED]

    def decide(index: int):
        return services.change_verdict(
            Claim.objects.get(pk=claim.pk),
            to=targets[index],
            editor=editors[index],
            rationale=f"Decision of editor {index}",
            expected_version=1,
        )

    results = run_in_threads(2, decide)
    wins = [r for r in results if isinstance(r, VerdictChange)]
    conflicts = [r for r in results if isinstance(r, VerdictConflict)]
    assert (len(wins), len(conflicts)) == (1, 1), results
    claim.refresh_from_db()
    assert claim.verdict == wins[0].to_verdict
    assert claim.version == 2
    assert list(VerdictChange.objects.filter(claim=claim).values_list("editor", flat=True)) == [
        wins[0].editor_id
    ]
    assert conflicts[0].current_version == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_editors_racing_with_retries_leave_a_consistent_history():
    claim = ClaimFactory()
    editor = UserFactory(groups=["editor"])
    cycle = [Verdict.DISPUTED, Verdict.CONFIRMED, Verdict.DENIED, Verdict.PARTLY_CONFIRMED]

    def decide_with_retries(index: int) -> int:
        conflicts = 0
        while True:
            current = Claim.objects.get(pk=claim.pk)
            to = next(v for v in cycle[index % 4 :] + cycle if v != current.verdict)
            try:
                services.change_verdict(
                    current,
                    to=to,
                    editor=editor,
                    rationale=f"Thread {index}",
                    expected_version=current.version,
                )
                return conflicts
            except VerdictConflict:
                conflicts += 1

    results = run_in_threads(20, decide_with_retries)
    assert all(isinstance(r, int) for r in results), results
    history = list(VerdictChange.objects.filter(claim=claim).order_by("version"))
    assert len(history) == 20
    assert [h.version for h in history] == list(range(2, 22))
    for before, after in pairwise(history):
        assert after.from_verdict == before.to_verdict
    claim.refresh_from_db()
    assert (claim.verdict, claim.version) == (history[-1].to_verdict, 21)
