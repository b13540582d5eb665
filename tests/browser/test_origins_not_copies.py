"""An editor deciding a verdict sees where the reports come from (issue #16): the 1,500 soldiers
go back to one briefing however many reports repeat them; the deployment has five independent
origins, two of them known on 23 October 2024."""

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_editor_sees_a_single_origin_and_the_independent_origins(
    page, demo_site, console_errors, screenshot
):
    log_in(page, demo_site.url, "editor")
    figure = Claim.objects.get(text="North Korea has moved 1,500 soldiers to Russia")
    page.goto(f"{demo_site.url}/claims/{figure.public_id}/")
    corroboration = page.locator("#corroboration")
    expect(corroboration.locator("[data-single-origin]")).to_contain_text(
        "4 reports, 1 origin: National Intelligence Service"
    )
    # In the verdict panel too, beside the rationale the editor is about to write.
    panel = page.locator("#verdict-form #verdict-corroboration")
    expect(panel).to_contain_text("4 reports, one origin")
    screenshot("single-origin")

    deployment = Claim.objects.get(text__startswith="North Korean soldiers have been sent")
    page.goto(f"{demo_site.url}/claims/{deployment.public_id}/")
    supporting = page.locator("#corroboration [data-side=supporting]")
    expect(supporting.locator(".origin-count")).to_have_text("5 independent origins")
    expect(supporting).to_contain_text("Office of the President of Ukraine")
    expect(page.locator("#corroboration .growth li")).to_have_count(5)

    page.get_by_label("As of", exact=True).fill("2024-10-23")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(supporting.locator(".origin-count")).to_have_text("2 independent origins")
    expect(page.locator("#verdict-form")).to_have_count(0)  # the past is read-only
    screenshot("23-october")
    assert console_errors == []
