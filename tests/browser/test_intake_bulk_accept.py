"""An editor pastes an article, ticks two suggestions, accepts them in one go, and finds the
statement on the claim page; the suggestion that needs a decision stays, with its reason."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from claims.models import Claim, Topic
from intake.models import IntakeSuggestion, ReviewStatus
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = Path(__file__).resolve().parent.parent / "data" / "intake" / "en_dprk_troops.txt"
NEW_CLAIM = "US defence secretary says there is evidence of DPRK troops in Russia."


def test_editor_accepts_selected_suggestions_and_sees_the_statements_on_the_claim_page(
    page, demo_site, console_errors, screenshot
):
    log_in(page, demo_site.url, "editor")
    page.goto(f"{demo_site.url}/intake/")
    # The language is detected from the text unless the editor says otherwise.
    expect(page.locator("#id_language")).to_have_value("")
    page.fill("#id_text", ARTICLE.read_text(encoding="utf-8"))
    page.fill("#id_published_on", "2024-10-22")
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Language detected from the text: English.")

    austin = IntakeSuggestion.objects.get(kind="quote", text__startswith="There is evidence")
    citation = IntakeSuggestion.objects.get(
        source=austin.source, kind="citation", text__startswith="South Korea"
    )
    page.check(f"#select-{austin.public_id}")
    page.check(f"#select-{citation.public_id}")
    page.locator("#bulk-accept summary").click()  # "Or a new claim"
    page.fill("#id_new_claim_text", NEW_CLAIM)
    topic = Topic.objects.get(title="DPRK troops in Russia")
    page.select_option("#id_topic", str(topic.pk))
    page.click("#bulk-accept button[value=selected]")

    expect(page.locator(".messages")).to_contain_text("1 accepted, 1 needs a decision.")
    expect(page.locator(f"#item-{citation.public_id} .intake-undecided")).to_contain_text(
        "Choose the source it cites"
    )
    screenshot("review")
    austin.refresh_from_db()
    citation.refresh_from_db()
    assert austin.status == ReviewStatus.ACCEPTED
    assert citation.status == ReviewStatus.PENDING

    claim = Claim.objects.get(text=NEW_CLAIM)
    page.goto(f"{demo_site.url}/claims/{claim.public_id}/")
    expect(page.locator("main")).to_contain_text("There is evidence that there are DPRK troops")
    expect(page.locator("main")).to_contain_text("Lloyd Austin")
    screenshot("claim")
    assert console_errors == []
