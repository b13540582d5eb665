"""A claim's and a topic's page in a real browser: its ClaimReview as a download, on paper
without the screen's controls, and every day written one way on the server and in the browser."""

import json
import re

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOPIC = "/topics/dprk-troops-in-russia/"
MONTHS = {
    "en": "January|February|March|April|May|June|July|August|September|October|November|December",
    "de": "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember",
}
ONE_DAY_IN_ENGLISH = re.compile(rf"^\d{{1,2}} ({MONTHS['en']}) \d{{4}}$")
ONE_DAY_IN_GERMAN = re.compile(rf"^\d{{1,2}}\. ({MONTHS['de']}) \d{{4}}$")


def test_the_claimreview_of_a_claim_downloads_from_its_page(page, demo_site, console_errors):
    claim = Claim.objects.get(text="North Korea has moved 1,500 soldiers to Russia")
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}/claims/{claim.public_id}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="ClaimReview (JSON-LD)").click()
    review = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "North Korea has moved 1,500 soldiers to Russia"
    assert download.value.suggested_filename == f"{claim.public_id}.claimreview.json"
    assert console_errors == []


def test_a_topic_prints_without_the_screens_controls(page, demo_site, console_errors):
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}{TOPIC}")
    expect(page.locator("#timeline li.entry").first).to_be_visible()
    expect(page.locator(".main-nav")).to_be_visible()
    expect(page.locator(".export-links")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".main-nav")).to_be_hidden()
    expect(page.locator(".export-links")).to_be_hidden()
    expect(page.locator("form.moment-form")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#timeline li.entry").first).to_be_visible()
    assert console_errors == []


@pytest.mark.parametrize(
    ("language", "one_day"), [("en", ONE_DAY_IN_ENGLISH), ("de", ONE_DAY_IN_GERMAN)]
)
def test_the_timeline_drawn_in_the_browser_writes_days_as_the_server_does(
    page, demo_site, console_errors, language, one_day
):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": demo_site.url}])
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}{TOPIC}")
    drawn = page.locator("#timeline li.entry time")
    expect(drawn.first).to_be_visible()
    for text in drawn.all_inner_texts()[:10]:
        assert one_day.match(text.strip()), text
    # The server writes the changes panel ("What changed since 23 November 2026"): the same.
    heading = page.locator("#changes-heading").inner_text()
    assert re.search(one_day.pattern.strip("^$"), heading), heading
    assert console_errors == []
