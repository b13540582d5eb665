"""load_demo loads the worked example of story.md, and a second run changes nothing."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from actors.models import Actor, Affiliation, Alias
from claims.models import Claim, ClaimRelation, Statement, Topic, Verdict, VerdictChange
from sources.models import Citation, Source

pytestmark = pytest.mark.django_db

MODELS = [
    Actor,
    Alias,
    Affiliation,
    Source,
    Citation,
    Topic,
    Claim,
    ClaimRelation,
    Statement,
    VerdictChange,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_counts_match_the_story(demo):
    found = counts()
    # story.md: 14 actors in the main table (AFP and dpa are two), 4 later ones, and the 5
    # publishers of cited sources that the story names only in the sources table; 3 outlets
    # repeating the NIS figure.
    assert found["Actor"] == 26
    assert found["Source"] == 14  # S1 … S11, and three reports repeating S2
    assert found["Citation"] == 8  # S1 cites S2 … S6; the repeats cite S2 or each other
    assert found["Topic"] == 2
    assert found["Claim"] == 8  # C0 … C7
    assert found["Statement"] == 21  # 16 rows; the NIS row covers C1, C2 and C3; 3 repeats
    assert found["ClaimRelation"] == 1  # C4 refines C1
    assert found["VerdictChange"] == 4


def test_second_run_changes_nothing(demo, capsys):
    before = counts()
    call_command("load_demo")
    assert counts() == before
    assert "nothing to change" in capsys.readouterr().out


def test_demo_verdicts_and_dates_follow_the_story(demo):
    c0 = Claim.objects.get(text__startswith="North Korean soldiers have been sent")
    assert c0.verdict == Verdict.CONFIRMED
    assert c0.version == 3
    history = list(c0.verdict_changes.order_by("version"))
    assert [(h.from_verdict, h.to_verdict, h.decided_at.date()) for h in history] == [
        ("unverified", "disputed", date(2024, 10, 21)),
        ("disputed", "confirmed", date(2024, 10, 28)),
    ]
    assert {s.publisher.name for s in history[1].evidence.all()} == {
        "US Department of Defense",
        "NATO",
    }
    assert history[1].editor.username == "editor"

    c1 = Claim.objects.get(text="North Korea has moved 1,500 soldiers to Russia")
    assert (c1.verdict, c1.quantity_value, c1.quantity_qualifier) == (
        "partly_confirmed",
        1500,
        "exact",
    )
    c4 = Claim.objects.get(text__startswith="At least 3,000")
    assert ClaimRelation.objects.filter(from_claim=c4, to_claim=c1, kind="refines").exists()
    c5 = Claim.objects.get(text__startswith="South Korea flew drones")
    assert (c5.topic.slug, c5.first_asserted_precision) == ("drones-over-pyongyang", "month")

    wood = Statement.objects.get(actor__name="Robert Wood")
    assert (wood.stance, wood.venue, wood.said_at.date()) == (
        "comments",
        "UN Security Council",
        date(2024, 10, 21),
    )
    assert Alias.objects.filter(actor__name="Volodymyr Zelensky", name="Selenskyj").exists()


def test_demo_users_are_in_their_groups(demo):
    User = get_user_model()
    for name in ("analyst", "editor", "admin"):
        user = User.objects.get(username=name)
        assert list(user.groups.values_list("name", flat=True)) == [name]
        assert not user.has_usable_password()  # set_passwords=False outside DEBUG


def test_passwords_are_printed_only_in_debug(db, settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "editor-demo-2024" in out
    assert get_user_model().objects.get(username="editor").check_password("editor-demo-2024")


def test_passwords_are_not_printed_without_debug(db, settings, capsys):
    settings.DEBUG = False
    call_command("load_demo")
    assert "demo-2024" not in capsys.readouterr().out


def test_reset_passwords_gives_the_demo_users_their_documented_passwords_again(
    demo, settings, capsys
):
    editor = get_user_model().objects.get(username="editor")
    editor.set_password("something-else")
    editor.save()
    settings.DEBUG = True
    call_command("load_demo", "--reset-passwords")
    out = capsys.readouterr().out
    assert "editor-demo-2024" in out and "Demo loaded" not in out
    editor.refresh_from_db()
    assert editor.check_password("editor-demo-2024")


def test_reset_passwords_is_refused_without_debug_or_without_demo_users(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("load_demo", "--reset-passwords")
    settings.DEBUG = True
    with pytest.raises(CommandError, match="No demo user exists yet"):
        call_command("load_demo", "--reset-passwords")


def test_if_empty_skips_a_database_with_claims(demo, capsys):
    call_command("load_demo", "--if-empty")
    assert "demo not loaded" in capsys.readouterr().out


def test_the_demo_is_recorded_at_the_moments_of_the_story(demo):
    """Rows, their history, verdict changes and the changes feed carry the story's moments, in
    the order the newsroom would have entered them, so the demo can be replayed as of a day."""
    from claims.models import ChangeEvent

    events = list(ChangeEvent.objects.order_by("id"))
    times = [event.occurred_at for event in events]
    assert times == sorted(times)  # the feed's order is the story's order
    assert times[0].date() == date(2024, 10, 18) and times[-1].date() == date(2025, 4, 28)

    denial = Statement.objects.get(actor__name="DPRK representative to the UN")
    assert (denial.said_at.date(), denial.recorded_at.date()) == (
        date(2024, 10, 21),
        date(2024, 10, 24),  # entered days after it was said
    )
    c2 = Claim.objects.get(text__startswith="North Korea could send about 12,000")
    assert c2.recorded_at.date() == date(2024, 10, 25)
    c0 = Claim.objects.get(text__startswith="North Korean soldiers have been sent")
    versions = list(c0.history.order_by("history_date").values_list("history_date", "verdict"))
    assert [(when.date(), verdict) for when, verdict in versions] == [
        (date(2024, 10, 18), "unverified"),
        (date(2024, 10, 21), "disputed"),
        (date(2024, 10, 28), "confirmed"),
    ]
    assert c0.updated_at.date() == date(2024, 10, 28)


def test_the_demo_counts_origins_not_copies(demo):
    """Issue #16, item 6: the 1,500 soldiers go back to one briefing however many reports
    repeat them; the deployment has its independent origins, and the count grew over the story."""
    from claims import selectors
    from common.moments import Moment, end_of_day

    c1 = Claim.objects.get(text="North Korea has moved 1,500 soldiers to Russia")
    supporting = selectors.corroboration(c1).supporting
    assert (supporting.independent_origins, supporting.reports, supporting.single_origin) == (
        1,
        4,
        True,
    )
    assert supporting.origins[0].name == "National Intelligence Service"
    assert (c1.independent_origins, c1.supporting_reports) == (1, 4)

    c0 = Claim.objects.get(text__startswith="North Korean soldiers have been sent")
    found = selectors.corroboration(c0)
    assert sorted(origin.name for origin in found.supporting.origins) == [
        "Korean Central News Agency",
        "Ministry of Defence of Russia",
        "NATO",
        "Office of the President of Ukraine",
        "US Department of Defense",
    ]
    assert [step.independent_origins for step in found.growth] == [1, 2, 3, 4, 5]
    on_23_october = Moment(as_of=end_of_day(date(2024, 10, 23)))
    assert selectors.corroboration(c0, on_23_october).supporting.independent_origins == 2
