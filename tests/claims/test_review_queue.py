"""The review queue page (/review/) and the claim page's flags: each flag with the quote, the
source and what raised it, filters by reason and topic, resolved flags kept with their note, and
query counts that do not grow with the page; flags raised by hand through the service."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims import services
from claims.errors import NotAllowed
from claims.models import (
    ChangeEvent,
    Claim,
    FlagReason,
    ReviewFlag,
    Stance,
    Statement,
    Topic,
    VerdictChange,
)
from sources.models import Health, Snapshot, Source
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, demo):
    client.force_login(UserFactory(username="desk", groups=["editor"]))
    return client


def training() -> Claim:
    return Claim.objects.get(text__startswith="The soldiers are training")


def briefing() -> Source:
    return Source.objects.get(title__startswith="NIS briefing")


def queue(client, **params) -> str:
    response = client.get(reverse("review-queue"), params)
    assert response.status_code == 200
    return response.content.decode()


# --- Raising a flag by hand -------------------------------------------------------------------


def test_an_editor_raises_flags_with_a_note_and_an_event(editor):
    claim = ClaimFactory()
    flag = services.raise_flag(claim, editor=editor, note="  Check the date of the photos. ")
    again = services.raise_flag(claim, editor=editor, note="And the translation.")
    assert (flag.reason, flag.detail, flag.opened_by, flag.status) == (
        FlagReason.RAISED_BY_EDITOR,
        "Check the date of the photos.",
        editor,
        "open",
    )
    assert again.pk != flag.pk  # each concern is a flag of its own
    events = ChangeEvent.objects.filter(kind="flag.opened", claim=claim)
    assert sorted(e.payload["flag"] for e in events) == sorted(
        [str(flag.public_id), str(again.public_id)]
    )


@pytest.mark.parametrize("note", ["", "   ", "x" * 2001])
def test_a_blank_or_overlong_note_is_refused_and_nothing_is_written(editor, note):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        services.raise_flag(claim, editor=editor, note=note)
    assert "note" in error.value.message_dict
    assert not ReviewFlag.objects.filter(claim=claim).exists()
    assert not ChangeEvent.objects.filter(claim=claim).exists()


def test_analysts_may_not_raise_flags(analyst):
    claim = ClaimFactory()
    with pytest.raises(NotAllowed):
        services.raise_flag(claim, editor=analyst, note="Look.")
    assert not ReviewFlag.objects.exists()


def test_a_verdict_change_keeps_the_editors_note(editor):
    claim = ClaimFactory()
    change = services.change_verdict(
        claim,
        to="disputed",
        editor=editor,
        rationale="Two sides.",
        expected_version=1,
        note="  Revisit after the NATO briefing. ",
    )
    assert VerdictChange.objects.get(pk=change.pk).note == "Revisit after the NATO briefing."


# --- The queue --------------------------------------------------------------------------------


def test_a_changed_source_shows_the_quote_the_source_and_the_diff(desk):
    source = briefing()
    Snapshot.objects.create(
        source=source,
        health=Health.CHANGED,
        changed=True,
        diff="--- before\n+++ after\n@@ -1 +1 @@\n-about 10,000 soldiers\n+about 11,000 soldiers",
    )
    services.open_flag(
        training(), reason=FlagReason.SOURCE_CHANGED, source=source, detail="Text changed."
    )
    page = queue(desk)
    assert "about 10,000 are expected there by December" in page  # the quote recorded there
    assert f'href="/sources/{source.public_id}/"' in page
    assert '<span class="del">-about 10,000 soldiers</span>' in page
    assert '<span class="ins">+about 11,000 soldiers</span>' in page


def test_a_gone_source_shows_the_failed_check(desk):
    source = briefing()
    Snapshot.objects.create(source=source, health=Health.GONE, status_code=410)
    services.open_flag(training(), reason=FlagReason.SOURCE_GONE, source=source)
    page = queue(desk)
    assert "Gone, HTTP 410" in page


def test_a_contradiction_shows_both_statements(desk, editor):
    claim = training()
    services.change_verdict(
        claim, to="confirmed", editor=editor, rationale="Seen.", expected_version=claim.version
    )
    denial = services.record_statement(
        claim=claim,
        actor=ActorFactory(name="KCNA"),
        source=SourceFactory(title="KCNA dispatch"),
        stance=Stance.DENIES,
        quote="No soldier of ours is in Russia.",
        recorded_by=editor,
    )
    assert ReviewFlag.objects.filter(statement=denial, reason=FlagReason.NEW_CONTRADICTION)
    page = queue(desk, reason=FlagReason.NEW_CONTRADICTION)
    item = page[page.index('class="contradiction"') :]
    assert item.index("No soldier of ours is in Russia.") < item.index(
        "about 10,000 are expected there by December"
    )
    assert "KCNA dispatch" in item and "National Intelligence Service" in item


def test_filters_by_reason_and_topic_and_keep_only_given_parameters(desk, editor):
    drones = Topic.objects.get(slug="drones-over-pyongyang")
    drone_claim = drones.claims.first()
    services.raise_flag(training(), editor=editor, note="Troops concern.")
    services.raise_flag(drone_claim, editor=editor, note="Drone concern.")
    services.open_flag(training(), reason=FlagReason.STALE, detail="Stale one.")

    by_reason = queue(desk, reason="raised_by_editor", topic="")
    assert "Troops concern." in by_reason and "Drone concern." in by_reason
    assert "Stale one." not in by_reason
    by_topic = queue(desk, topic=drones.slug)
    assert "Drone concern." in by_topic and "Troops concern." not in by_topic
    # The tabs carry the filters given, and no empty one.
    assert f'href="?status=resolved&amp;topic={drones.slug}"' in by_topic


def test_an_unknown_filter_value_is_a_form_error_and_the_queue_is_unfiltered(desk, editor):
    services.raise_flag(training(), editor=editor, note="Troops concern.")
    page = queue(desk, reason="nonsense", topic="no-such-topic")
    assert "Select a valid choice" in page
    assert "Troops concern." in page


def test_resolved_flags_are_listed_with_note_resolver_and_time(desk, editor):
    flag = services.raise_flag(training(), editor=editor, note="Check the camp photos.")
    services.resolve_flag(flag, editor=editor, note="Photos dated October.")
    assert "Check the camp photos." not in queue(desk)
    resolved = queue(desk, status="resolved")
    assert "Check the camp photos." in resolved
    assert "Photos dated October." in resolved
    assert f"Resolved by {editor.username}" in resolved
    assert 'class="verdict-form' not in resolved  # nothing left to decide there


def test_the_queue_offers_a_verdict_action_for_each_flag(desk, editor):
    claim = training()
    flag = services.raise_flag(claim, editor=editor, note="Decide this.")
    page = queue(desk)
    assert f'data-url="/api/v1/claims/{claim.public_id}/verdict/"' in page
    assert f"data-etag='\"claim-{claim.public_id}-v{claim.version}\"'" in page
    assert f'data-resolve="/api/v1/flags/{flag.public_id}/resolve/"' in page


def test_the_queue_takes_the_same_queries_for_a_full_page(
    desk, editor, django_assert_max_num_queries
):
    topic = TopicFactory()
    source = SourceFactory()
    Snapshot.objects.create(source=source, health=Health.CHANGED, changed=True, diff="+new")
    for n in range(60):
        claim = ClaimFactory(topic=topic)
        statement = StatementFactory(claim=claim, source=source, quote=f"Quote {n}")
        if n % 3 == 0:
            services.open_flag(claim, reason=FlagReason.SOURCE_CHANGED, source=source)
        elif n % 3 == 1:
            services.open_flag(claim, reason=FlagReason.NEW_CONTRADICTION, statement=statement)
        else:
            services.raise_flag(claim, editor=editor, note=f"Concern {n}")
    with django_assert_max_num_queries(12):
        page = queue(desk)
    assert page.count('class="queue-item') == 50
    with django_assert_max_num_queries(12):
        queue(desk, page=2, topic=topic.slug)


# --- The claim page ---------------------------------------------------------------------------


def test_the_claim_page_keeps_resolved_flags_and_shows_notes_to_editors_only(
    desk, editor, analyst, client
):
    claim = training()
    flag = services.raise_flag(claim, editor=editor, note="Check the camp photos.")
    services.resolve_flag(flag, editor=editor, note="Photos dated October.")
    elsewhere = Source.objects.get(title__startswith="Remarks by US Secretary of Defense")
    assert not Statement.objects.filter(claim=claim, source=elsewhere).exists()
    services.change_verdict(
        claim,
        to="confirmed",
        editor=editor,
        rationale="Pentagon confirms.",
        evidence=[elsewhere],
        expected_version=claim.version,
        note="Internal: call Seoul.",
    )
    url = reverse("claim-detail", args=[claim.public_id])
    page = desk.get(url).content.decode()
    resolved = page[page.index('class="plain resolved-flags"') :]
    assert "Check the camp photos." in resolved and "Photos dated October." in resolved
    assert f"Resolved by {editor.username}" in resolved
    history = page[page.index('id="verdict-history"') :]
    assert f'<a href="/sources/{elsewhere.public_id}/">{elsewhere.title}</a>' in history
    assert "Internal: call Seoul." in history
    assert 'aria-keyshortcuts="U D P C N R"' in page

    client.force_login(analyst)
    page = client.get(url).content.decode()
    assert f'href="/sources/{elsewhere.public_id}/"' in page  # evidence is for everyone
    assert "Internal: call Seoul." not in page and "Check the camp photos." not in page
