"""The editor panel on the claim page in a real browser: nothing preselected, API errors in
words, evidence from any source by type-ahead shown in the verdict history with links, a note
for editors, keys for the common verdicts, and a flag raised by hand, resolved and still listed."""

import pytest
from playwright.sync_api import expect

from claims.models import Claim, FlagReason, ReviewFlag, Statement, VerdictChange
from sources.models import Source
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PENTAGON = "Remarks by US Secretary of Defense Lloyd Austin"
WHITE_HOUSE = "White House press briefing"


def training() -> Claim:
    return Claim.objects.get(text__startswith="The soldiers are training")


def only_refused(console_errors: list[str], status: str) -> list[str]:
    """Chromium reports an expected error answer as a failed resource; nothing else may fail."""
    return [e for e in console_errors if status not in e]


def test_the_panel_starts_blank_and_says_an_api_error_in_words(page, demo_site, console_errors):
    claim = training()
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/claims/{claim.public_id}/")
    expect(page.locator("#verdict-to")).to_have_value("")
    page.click("#verdict-form button[type=submit]")  # the browser asks for a verdict first
    assert not VerdictChange.objects.filter(claim=claim).exists()

    page.select_option("#verdict-to", "disputed")
    page.fill("#verdict-rationale", "   ")  # blank to the API, not to the browser's check
    page.click("#verdict-form button[type=submit]")
    status = page.locator("#verdict-form .form-status")
    expect(status).to_have_text("Rationale: This field may not be blank.")
    assert not VerdictChange.objects.filter(claim=claim).exists()
    assert only_refused(console_errors, "400 (Bad Request)") == []


def test_evidence_from_another_source_is_shown_in_the_history_with_a_link(
    page, demo_site, console_errors, screenshot
):
    claim = training()
    pentagon = Source.objects.get(title=PENTAGON)
    assert not Statement.objects.filter(claim=claim, source=pentagon).exists()
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/claims/{claim.public_id}/")

    # A key picks a verdict and puts the editor in the rationale; typing there picks none.
    expect(page.locator("#verdict-keys")).to_contain_text("C Confirmed")
    page.locator("h1").click()
    page.keyboard.press("d")
    expect(page.locator("#verdict-to")).to_have_value("disputed")
    expect(page.locator("#verdict-rationale")).to_be_focused()
    expect(page.locator("#verdict-rationale")).to_have_value("")
    page.keyboard.type("Confirmed by the Pentagon")
    expect(page.locator("#verdict-to")).to_have_value("disputed")
    page.locator("h1").click()
    page.keyboard.press("c")
    expect(page.locator("#verdict-to")).to_have_value("confirmed")

    # Type-ahead over every source: pick two, drop one.
    search = page.locator("#evidence-search")
    search.fill("Remarks by US")
    option = page.locator("#evidence-options option").first
    expect(option).to_have_attribute("value", f"{PENTAGON} — US Department of Defense")
    search.fill(option.get_attribute("value"))
    search.press("Enter")
    chips = page.locator("#evidence-chips li")
    expect(chips).to_have_count(1)
    expect(chips.first).to_contain_text(PENTAGON)
    search.fill(WHITE_HOUSE)
    page.click("#evidence-add")
    expect(chips).to_have_count(2)
    page.get_by_role("button", name=f"Remove “{WHITE_HOUSE}”").click()
    expect(chips).to_have_count(1)
    search.fill("no source is called like this")
    page.click("#evidence-add")
    expect(page.locator("#evidence-error")).to_contain_text("No one source has this title")

    page.fill("#verdict-note", "Ask the Seoul desk about the camp photos.")
    page.click("#verdict-form button[type=submit]")
    expect(page.locator("#verdict-form .form-status")).to_have_text("Verdict changed to Confirmed.")
    history = page.locator("#verdict-history")
    link = history.get_by_role("link", name=PENTAGON)
    expect(link).to_have_attribute("href", f"/sources/{pentagon.public_id}/")
    expect(history).to_contain_text("Confirmed by the Pentagon")
    expect(history.locator(".editor-note")).to_contain_text(
        "Ask the Seoul desk about the camp photos."
    )
    expect(chips).to_have_count(0)
    expect(page.locator("#verdict-to")).to_have_value("")
    screenshot()
    change = VerdictChange.objects.get(claim=claim)
    assert list(change.evidence.all()) == [pentagon]
    assert change.note == "Ask the Seoul desk about the camp photos."

    link.click()
    expect(page.locator("h1")).to_have_text(PENTAGON)
    assert console_errors == []


def test_a_flag_raised_by_hand_is_resolved_and_still_listed_with_its_note(
    page, demo_site, console_errors, screenshot
):
    claim = training()
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/claims/{claim.public_id}/")
    flags = page.locator("#flags")

    page.fill("#raise-flag-note", "The camp photos may be from last year.")
    page.click("#raise-flag-form button[type=submit]")
    expect(page.locator("#raise-flag-form .form-status")).to_contain_text("Flag raised")
    raised = flags.locator(".open-flags li", has_text="The camp photos may be from last year.")
    expect(raised).to_contain_text("Raised by an editor")
    expect(raised).to_contain_text("raised by editor")

    raised.locator("input[name=note]").fill("Photos dated October 2024.")
    raised.locator("button[type=submit]").click()
    resolved = flags.locator(".resolved-flags li", has_text="The camp photos")
    expect(resolved).to_contain_text("Resolved by editor")
    expect(resolved).to_contain_text("Photos dated October 2024.")
    expect(flags.locator(".open-flags li", has_text="The camp photos")).to_have_count(0)
    screenshot()
    flag = ReviewFlag.objects.get(claim=claim, reason=FlagReason.RAISED_BY_EDITOR)
    assert (flag.status, flag.resolved_by.username, flag.resolution_note) == (
        "resolved",
        "editor",
        "Photos dated October 2024.",
    )

    # Still there after a reload, and in the queue's Resolved tab.
    page.reload()
    expect(page.locator("#flags .resolved-flags")).to_contain_text("Photos dated October 2024.")
    page.goto(f"{demo_site.url}/review/?status=resolved")
    expect(page.locator("ol.queue")).to_contain_text("The camp photos may be from last year.")
    expect(page.locator("ol.queue")).to_contain_text("Resolved by editor")
    assert console_errors == []


def test_a_blank_flag_note_is_refused_in_words(page, demo_site, console_errors):
    claim = training()
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/claims/{claim.public_id}/")
    page.fill("#raise-flag-note", "   ")
    page.click("#raise-flag-form button[type=submit]")
    expect(page.locator("#raise-flag-form .form-status")).to_have_text(
        "What needs another look?: This field may not be blank."
    )
    assert not ReviewFlag.objects.filter(claim=claim, reason=FlagReason.RAISED_BY_EDITOR).exists()
    assert only_refused(console_errors, "400 (Bad Request)") == []
