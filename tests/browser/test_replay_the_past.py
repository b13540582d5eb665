"""An analyst replays the worked example from the topic page (issue #15, item 5): what did the
newsroom know on 19 October 2024, and on the 25th? Type the date, submit: the chart, the stance
matrix and the timeline follow it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOPIC = "/topics/dprk-troops-in-russia/"


def show(page, day: str) -> None:
    """The two steps: type the date into the date control, submit."""
    page.get_by_label("As of", exact=True).fill(day)
    page.get_by_role("button", name="Show", exact=True).click()


def test_analyst_replays_the_story_to_19_and_25_october(
    page, demo_site, console_errors, screenshot
):
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}{TOPIC}")
    expect(page.locator("#estimates")).to_contain_text("12,000")  # now: the whole story

    show(page, "2024-10-19")
    expect(page).to_have_url(re.compile(r"\?as_of=2024-10-19$"))
    expect(page.locator("#moment-banner")).to_contain_text(
        "Showing what was known on 19 October 2024"
    )
    estimates = page.locator("#estimates tbody tr")
    expect(estimates).to_have_count(2)  # the NIS's 1,500 (one row for its repeats) and 10,000
    expect(estimates.first).to_contain_text("1,500")
    expect(page.locator("#estimates .measure .empty")).to_have_text(
        "No figures had been recorded in this measure by then."  # the 12,000, entered on the 25th
    )
    timeline = page.locator("#timeline")
    expect(timeline.locator("li.entry").first).to_be_visible()
    expect(timeline.locator("li.entry-verdict_change")).to_have_count(0)  # no verdict yet
    matrix = page.locator("#stance-matrix table.matrix")
    # Claims down the side, actors across (issue #18): one actor had spoken, the NIS.
    expect(matrix.locator("thead th[scope=col]")).to_have_count(2)  # the corner and the NIS
    expect(matrix).to_contain_text("National Intelligence Service")
    screenshot("19-october")

    show(page, "2024-10-25")
    expect(page).to_have_url(re.compile(r"\?as_of=2024-10-25$"))
    table = page.locator("#estimates")
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(table).to_contain_text("3,000")
    expect(table).to_contain_text("12,000")  # the projection entered on the 25th
    verdicts = timeline.locator("li.entry-verdict_change")
    expect(verdicts).to_have_count(2)  # disputed (21st), partly confirmed (23rd)
    expect(timeline).to_contain_text("Partly confirmed")
    expect(matrix.locator("a.stance-denies")).to_have_count(1)  # entered on the 24th
    expect(page.locator("#changes")).to_contain_text("Verdict Unverified → Disputed")
    screenshot("25-october")

    # A claim followed from the past stays in the past, read-only.
    timeline.locator("a.claim-link", has_text="North Korea has moved 1,500").first.click()
    expect(page).to_have_url(re.compile(r"/claims/.+/\?as_of=2024-10-25$"))
    expect(page.locator("#current-verdict")).to_contain_text("Partly confirmed")
    page.get_by_role("link", name="Back to now").first.click()
    expect(page.locator("#moment-banner")).to_have_count(0)
    assert console_errors == []


def tab_to(page, locator, *, presses: int = 40) -> None:
    """Press Tab until `locator` has the focus (a date field takes a Tab per part: mm, dd,
    yyyy)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("node => node === document.activeElement"):
            return
    pytest.fail(f"{locator} cannot be reached with Tab")


def test_date_control_works_from_the_keyboard(page, demo_site, console_errors):
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}{TOPIC}")
    tab_to(page, page.get_by_label("As of", exact=True))  # from the top of the page
    # Chromium's date field takes the digits in the order of its locale (en-US: mm dd yyyy).
    page.keyboard.type("10192024")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?as_of=2024-10-19$"))
    expect(page.locator("#estimates tbody tr")).to_have_count(2)

    # The said-by toggle opens with Enter and its field follows it in the Tab order.
    page.get_by_label("As of", exact=True).focus()
    tab_to(page, page.locator("details.said-by summary"), presses=4)
    page.keyboard.press("Enter")
    expect(page.locator("details.said-by")).to_have_attribute("open", "")
    tab_to(page, page.get_by_label("Said by", exact=True), presses=1)
    page.keyboard.type("10212024")
    tab_to(page, page.get_by_role("button", name="Show", exact=True), presses=4)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?as_of=2024-10-19&said_by=2024-10-21$"))
    expect(page.locator("#moment-banner")).to_contain_text("what had been said by 21 October 2024")
    assert console_errors == []


def test_a_bad_date_in_the_address_is_explained_next_to_the_field(page, demo_site, console_errors):
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}{TOPIC}?as_of=2999-01-01")
    expect(page.locator("#moment-as-of-error")).to_contain_text("is in the future")
    expect(page.get_by_label("As of", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#estimates")).to_contain_text("12,000")  # the page as it is now
    assert console_errors == []
