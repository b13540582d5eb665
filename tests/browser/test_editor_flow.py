"""Analysts and editors in a real browser: the story's timeline, matrix and chart, verdicts,
conflicts and the review queue."""

import re

import pytest
from playwright.sync_api import expect

from claims import services
from claims.models import Claim, FlagReason, ReviewFlag, VerdictChange
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOPIC = "/topics/dprk-troops-in-russia/"


def test_analyst_sees_timeline_in_order_matrix_and_chart(
    page, demo_site, console_errors, screenshot
):
    log_in(page, demo_site.url, "analyst")
    page.click("text=DPRK troops in Russia")
    expect(page).to_have_url(re.compile(TOPIC))
    entries = page.locator("#timeline li.entry")
    expect(entries.first).to_be_visible()
    times = entries.locator("time").evaluate_all("nodes => nodes.map(n => n.dateTime)")
    assert len(times) >= 20
    assert times == sorted(times)
    expect(page.locator("#timeline")).to_contain_text("If true, a dangerous")
    matrix = page.locator("#stance-matrix table.matrix")
    expect(matrix).to_contain_text("National Intelligence Service")
    expect(matrix.locator("a.stance-denies")).to_have_count(1)  # the DPRK's UN representative
    figures = page.locator("#estimates")
    expect(figures.locator("canvas")).to_have_count(2)  # one chart per measure
    expect(figures.locator("canvas").first).to_be_visible()
    # 1,500 once for the briefing and its three repeats, 3,000, about 10,000; up to 12,000
    expect(figures.locator("tbody tr")).to_have_count(4)
    expect(figures).to_contain_text("1,500")
    expect(figures).to_contain_text("12,000")
    screenshot()
    assert console_errors == []


def test_editor_marks_a_claim_confirmed_and_sees_it_on_the_timeline(
    page, demo_site, console_errors, screenshot
):
    claim = Claim.objects.get(text__startswith="Parts of a South Korean drone")
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/claims/{claim.public_id}/")
    page.select_option("#verdict-to", "confirmed")
    page.fill("#verdict-rationale", "Debris photographed by two independent agencies.")
    page.click("#verdict-form button[type=submit]")
    expect(page.locator("#verdict-form .form-status")).to_contain_text("Verdict changed")
    expect(page.locator("#current-verdict")).to_contain_text("Confirmed")
    expect(page.locator("#timeline")).to_contain_text(
        "Debris photographed by two independent agencies."
    )
    screenshot()
    change = VerdictChange.objects.filter(claim=claim).latest()
    assert (change.to_verdict, change.editor.username) == ("confirmed", "editor")
    assert console_errors == []


def test_second_editor_sees_the_conflict_and_keeps_their_text(
    page, browser, demo_site, console_errors, screenshot
):
    claim = Claim.objects.get(text__startswith="The soldiers are training")
    url = f"{demo_site.url}/claims/{claim.public_id}/"
    other = browser.new_context().new_page()
    log_in(other, demo_site.url, "admin")
    other.goto(url)
    log_in(page, demo_site.url, "editor")
    page.goto(url)

    other.select_option("#verdict-to", "disputed")
    other.fill("#verdict-rationale", "Only one intelligence service says so.")
    other.click("#verdict-form button[type=submit]")
    expect(other.locator("#current-verdict")).to_contain_text("Disputed")

    my_text = "Satellite images show training camps near Vladivostok."
    page.select_option("#verdict-to", "confirmed")
    page.fill("#verdict-rationale", my_text)
    page.click("#verdict-form button[type=submit]")
    status = page.locator("#verdict-form .form-status")
    expect(status).to_contain_text("changed this claim while you were editing")
    expect(status).to_contain_text("admin")
    expect(page.locator("#verdict-rationale")).to_have_value(my_text)
    expect(page.locator("#current-verdict")).to_contain_text("Disputed")
    screenshot()
    assert VerdictChange.objects.filter(claim=claim).count() == 1

    # With the new version in hand the editor may now decide knowingly.
    page.click("#verdict-form button[type=submit]")
    expect(page.locator("#current-verdict")).to_contain_text("Confirmed")
    assert VerdictChange.objects.filter(claim=claim).count() == 2
    # Chromium reports the expected 412 answer as a failed resource; nothing else may fail.
    assert [e for e in console_errors if "412 (Precondition Failed)" not in e] == []
    assert len(console_errors) == 1


def test_review_queue_lists_a_flag_and_resolving_removes_it(
    page, demo_site, console_errors, screenshot
):
    claim = Claim.objects.get(text__startswith="Russian–North Korean cooperation")
    services.open_flag(claim, reason=FlagReason.STALE, detail="Unverified for a week.")
    log_in(page, demo_site.url, "editor")
    page.click("nav >> text=Review queue")
    item = page.locator("ol.queue li", has_text="Russian–North Korean cooperation")
    expect(item).to_be_visible()
    screenshot("before")
    item.locator("input[name=note]").fill("Checked with the Seoul desk.")
    item.locator("form.resolve-flag button[type=submit]").click()
    expect(item).to_have_count(0)
    expect(page.locator("#queue-empty")).to_be_visible()
    screenshot("after")
    flag = ReviewFlag.objects.get(claim=claim)
    assert (flag.status, flag.resolution_note) == ("resolved", "Checked with the Seoul desk.")
    assert console_errors == []


def test_german_interface_formats_numbers_the_german_way(page, demo_site, console_errors):
    log_in(page, demo_site.url, "analyst")
    page.select_option("#language", "de")
    page.click("form.language-switch button")
    expect(page.locator("h1")).to_have_text("Übersicht")
    page.goto(f"{demo_site.url}{TOPIC}")
    expect(page.locator("#estimates table").first).to_contain_text("1.500")
    expect(page.locator("#timeline")).to_contain_text("Dementiert")
    assert console_errors == []


def test_the_verdict_panel_starts_blank_and_says_an_error_in_words(page, demo_site, console_errors):
    claim = Claim.objects.get(text__startswith="Parts of a South Korean drone")
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/claims/{claim.public_id}/")
    # No verdict is chosen for the editor: a careless submit cannot downgrade the claim.
    expect(page.locator("#verdict-to")).to_have_value("")
    page.click("#verdict-form button[type=submit]")
    assert VerdictChange.objects.filter(claim=claim).count() == 1  # the demo's only one

    page.select_option("#verdict-to", "confirmed")
    page.fill("#verdict-rationale", "   ")  # blank to the API, not to the browser's check
    page.click("#verdict-form button[type=submit]")
    status = page.locator("#verdict-form .form-status")
    expect(status).to_contain_text("Rationale: This field may not be blank.")
    expect(status).not_to_contain_text("undefined")
    assert VerdictChange.objects.filter(claim=claim).count() == 1
    # Chromium reports the expected 400 answer as a failed resource; nothing else may fail.
    assert [e for e in console_errors if "400 (Bad Request)" not in e] == []


def test_editor_records_what_became_of_a_due_projection(page, demo_site, console_errors):
    from actors.models import Actor
    from claims.models import ProjectionOutcome

    services.estimates.flag_due_projections()
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/review/")
    item = page.locator("ol.queue > li", has_text="about 10,000 soldiers by December 2024")
    form = item.locator("form.projection-outcome")
    form.locator("button[type=submit]").click()  # nothing chosen: the browser asks first
    assert not ProjectionOutcome.objects.exists()

    form.get_by_label("Borne out", exact=True).check()
    form.get_by_label("Rationale").fill("About 11,000 were in the Kursk region by December.")
    form.locator("button[type=submit]").click()
    expect(item).to_have_count(0)
    expect(page.locator("ol.queue > li")).to_have_count(1)  # the 12,000 in total still waits

    nis = Actor.objects.get(name="National Intelligence Service")
    page.goto(f"{demo_site.url}/actors/{nis.public_id}/")
    record = page.locator("#track-record-section")
    expect(record.locator('[data-outcome="borne_out"]')).to_contain_text("1")
    expect(record).to_contain_text("About 11,000 were in the Kursk region by December.")
    page.wait_for_load_state("networkidle")
    assert console_errors == []
