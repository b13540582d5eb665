"""Sources in a real browser: an editor records and removes a citation on a source page and sees
its chain change; the re-check button reports the check's outcome once it has run."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from sources.models import Citation, Health, Snapshot, Source
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BRIEFING = "NIS briefing to South Korean lawmakers on North Korean troops"


def source_page(base_url: str, title_start: str) -> str:
    source = Source.objects.get(title__startswith=title_start)
    return f"{base_url}/sources/{source.public_id}/"


def test_editor_adds_and_removes_a_citation_and_sees_the_chain_change(
    page, demo_site, console_errors, screenshot
):
    log_in(page, demo_site.url, "editor")
    page.goto(source_page(demo_site.url, "White House press briefing"))
    chain = page.locator("#chain")
    expect(chain).to_contain_text("This source cites no other: it is an origin itself.")

    page.fill("#cite-source", "no source is called like this")
    page.click("#cite-form button[type=submit]")
    expect(page.locator("#cite-error")).to_contain_text("No one source has this title")

    page.fill("#cite-source", "NIS briefing")
    # The type-ahead offers the briefing, by its title and publisher.
    option = page.locator("#cite-options option").first
    expect(option).to_have_attribute("value", re.compile(rf"^{BRIEFING} — "))
    page.fill("#cite-source", option.get_attribute("value"))
    page.fill("#cite-note", "citing the NIS")
    page.click("#cite-form button[type=submit]")

    expect(page.locator("#cite-form .form-status")).to_contain_text(f"Now cites “{BRIEFING}”.")
    expect(chain).to_contain_text("Its chain ends in one origin:")
    expect(chain.locator(".chain-link")).to_have_count(1)
    expect(chain.locator(".chain-link")).to_contain_text(BRIEFING)
    expect(chain.locator(".chain-link .mark.origin")).to_be_visible()
    expect(page.locator("#cite-source")).to_have_value("")
    screenshot("cited")
    citation = Citation.objects.get(citing__title="White House press briefing")
    assert (citation.cited.title, citation.note) == (BRIEFING, "citing the NIS")

    # Citing it twice is refused, next to the field.
    page.fill("#cite-source", BRIEFING)
    page.click("#cite-form button[type=submit]")
    expect(page.locator("#cite-error")).to_contain_text("already cites")
    expect(page.locator("#cite-source")).to_have_attribute("aria-invalid", "true")

    chain.locator("button.remove-citation").click()
    expect(page.locator("#cite-form .form-status")).to_contain_text(
        f"No longer cites “{BRIEFING}”."
    )
    expect(chain).to_contain_text("This source cites no other: it is an origin itself.")
    assert not Citation.objects.filter(citing__title="White House press briefing").exists()
    # The only console errors are the refused requests' own 400s.
    assert [e for e in console_errors if "400 (Bad Request)" not in e] == []


@pytest.fixture
def fetchable(settings, httpserver):
    """The guard admits the local test server; checks get their own cache keys."""
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    settings.CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE = 1000
    settings.CLAIMTRACK_RECHECK_NETWORK_RETRIES = 0
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }
    return httpserver


def test_the_re_check_button_shows_the_outcome_once_the_check_has_run(
    page, demo_site, fetchable, console_errors, screenshot
):
    fetchable.expect_request("/readout").respond_with_data("Not here", status=404)
    readout = Source.objects.get(title__startswith="Russian foreign ministry readout")
    Source.objects.filter(pk=readout.pk).update(url=fetchable.url_for("/readout"))
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/sources/{readout.public_id}/")
    expect(page.locator("#health-state")).to_contain_text("Unchecked")
    expect(page.locator("#snapshots")).to_contain_text("Not checked yet")

    page.click("button.recheck")

    status = page.locator("#health .form-status")
    expect(status).to_have_text("Checked: Gone, HTTP 404.")
    expect(page.locator("#health-state .health")).to_have_text("Gone")
    expect(page.locator("#health-state .reason")).to_have_text("HTTP 404")
    expect(page.locator("#snapshots li")).to_have_count(1)
    expect(page.locator("#snapshots")).to_contain_text("HTTP 404")
    screenshot()
    snapshot = Snapshot.objects.get(source=readout)
    assert (snapshot.health, snapshot.status_code) == (Health.GONE, 404)
    assert console_errors == []


def test_source_names_on_the_topic_timeline_lead_to_their_pages_and_the_directory_filters(
    page, demo_site, console_errors
):
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}/topics/dprk-troops-in-russia/")
    page.locator("#timeline a.source", has_text="AFP/dpa").first.click()
    expect(page.locator("h1")).to_contain_text("AFP/dpa")
    expect(page.locator("#chain")).to_contain_text("Its chain ends in 5 origins:")
    expect(page.locator("#chain")).to_contain_text(BRIEFING)
    expect(page.locator("#cite-form")).to_have_count(0)  # analysts read

    # In the directory only the filters given go in the address.
    page.click("nav >> text=Sources")
    page.wait_for_load_state()  # the form's script is ready
    page.select_option("#id_kind", "transcript")
    page.click("form.source-filters button[type=submit]")
    expect(page).to_have_url(f"{demo_site.url}/sources/?kind=transcript")
    expect(page.locator("a.source-title")).to_have_count(4)
    assert console_errors == []
