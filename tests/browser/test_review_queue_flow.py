"""The review queue in a real browser: filters that keep only what is given in the address, the
contradiction that raised a flag beside a verdict decided in place, resolved flags under their
tab; and a source re-check whose status follows a real check to its failure, in words."""

import socket
import uuid

import pytest
from playwright.sync_api import expect

from claims import services
from claims.models import Claim, FlagReason, ReviewFlag, Stance, Topic
from sources.models import Health, Source
from tests.browser.conftest import log_in
from tests.factories import ActorFactory, SourceFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def training() -> Claim:
    return Claim.objects.get(text__startswith="The soldiers are training")


def test_filters_keep_only_given_parameters_and_the_resolved_tab_keeps_them(
    page, demo_site, console_errors, screenshot
):
    from django.contrib.auth.models import User

    editor = User.objects.get(username="editor")
    drones = Topic.objects.get(slug="drones-over-pyongyang")
    services.raise_flag(training(), editor=editor, note="Troops: check the camp photos.")
    services.raise_flag(drones.claims.first(), editor=editor, note="Drones: check the debris.")
    cooperation = Claim.objects.get(text__startswith="Russian–North Korean cooperation")
    services.open_flag(cooperation, reason=FlagReason.STALE, detail="Unverified for a week.")
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/review/")
    items = page.locator("ol.queue > li")
    expect(page.locator("#queue-count")).to_contain_text("flags")

    page.select_option("#id_reason", "raised_by_editor")
    page.click("form.queue-filters button[type=submit]")
    page.wait_for_url(f"{demo_site.url}/review/?reason=raised_by_editor")
    expect(items).to_have_count(2)
    expect(page.locator("ol.queue")).not_to_contain_text("Unverified for a week.")

    page.select_option("#id_topic", drones.slug)
    page.click("form.queue-filters button[type=submit]")
    page.wait_for_url(f"{demo_site.url}/review/?reason=raised_by_editor&topic={drones.slug}")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Drones: check the debris.")
    expect(items.first).to_contain_text("raised by editor")
    screenshot()

    page.click("#resolved-tab")
    page.wait_for_url(
        f"{demo_site.url}/review/?status=resolved&reason=raised_by_editor&topic={drones.slug}"
    )
    expect(page.locator("#queue-empty")).to_have_text("No resolved flag matches.")
    expect(page.locator("#id_topic")).to_have_value(drones.slug)
    assert console_errors == []


def test_a_contradiction_is_shown_and_decided_in_place(page, demo_site, console_errors, screenshot):
    from django.contrib.auth.models import User

    editor = User.objects.get(username="editor")
    claim = training()
    services.change_verdict(
        claim, to="confirmed", editor=editor, rationale="Seen.", expected_version=claim.version
    )
    services.record_statement(
        claim=claim,
        actor=ActorFactory(name="KCNA"),
        source=SourceFactory(title="KCNA dispatch"),
        stance=Stance.DENIES,
        quote="No soldier of ours is in Russia.",
        recorded_by=editor,
    )
    flag = ReviewFlag.objects.get(claim=claim, reason=FlagReason.NEW_CONTRADICTION)
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/review/?reason=new_contradiction")
    item = page.locator(f'li[data-flag="{flag.public_id}"]')
    contradiction = item.locator(".contradiction")
    expect(contradiction).to_contain_text("No soldier of ours is in Russia.")
    expect(contradiction).to_contain_text("about 10,000 are expected there by December")
    expect(contradiction.get_by_role("link", name="KCNA dispatch")).to_be_visible()
    screenshot("before")

    form = item.locator("form.verdict-form")
    form.get_by_label("New verdict").select_option("disputed")
    form.get_by_label("Rationale", exact=True).fill("The DPRK denies; the NIS asserts.")
    form.locator("button[type=submit]").click()
    expect(item.locator(".queue-actions")).to_have_text(
        "Verdict changed to Disputed; flag resolved."
    )
    expect(item.locator(f'[data-verdict-of="{claim.public_id}"]')).to_have_text("Disputed")
    screenshot("after")
    claim.refresh_from_db()
    flag.refresh_from_db()
    assert claim.verdict == "disputed"
    assert (flag.status, flag.resolution_note) == ("resolved", "The DPRK denies; the NIS asserts.")

    page.goto(f"{demo_site.url}/review/?status=resolved")
    resolved = page.locator(f'li[data-flag="{flag.public_id}"]')
    expect(resolved).to_contain_text("Resolved by editor")
    expect(resolved).to_contain_text("The DPRK denies; the NIS asserts.")
    assert console_errors == []


@pytest.fixture
def nothing_listening(settings):
    """A local port where no server listens, admitted by the fetch guard."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{port}"]
    settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE = 1000
    settings.CLAIMTRACK_RECHECK_NETWORK_RETRIES = 0
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }
    return f"http://127.0.0.1:{port}/readout"


def test_re_check_on_the_directory_follows_the_check_to_its_failure_in_words(
    page, demo_site, nothing_listening, console_errors
):
    readout = Source.objects.get(title__startswith="Russian foreign ministry readout")
    Source.objects.filter(pk=readout.pk).update(url=nothing_listening)
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/sources/?q=Russian+foreign+ministry")
    row = page.locator("tr", has_text="Russian foreign ministry readout")
    expect(row.locator(f'[data-health-of="{readout.public_id}"]')).to_have_text("Unchecked")

    row.locator("button.recheck").click()

    expect(row.locator(".form-status")).to_have_text("Checked: Unreachable, connection refused.")
    expect(row.locator(f'[data-health-of="{readout.public_id}"]')).to_have_text("Unreachable")
    expect(row.locator(f'[data-reason-of="{readout.public_id}"]')).to_have_text(
        "connection refused"
    )
    readout.refresh_from_db()
    assert readout.health == Health.UNREACHABLE
    assert console_errors == []
