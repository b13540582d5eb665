"""The directories in a real browser: an analyst filters the claims by typing an actor's name or
alias (completed from the API), sorts and pages the list, sees a bad date's error next to its
field, downloads the filtered list as CSV, and finds an actor by another spelling."""

import csv
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from actors.models import Actor
from claims.models import Claim, Topic
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def claim_texts(page) -> list[str]:
    return page.locator("table.claims a.claim-text").all_inner_texts()


def zelensky_claims() -> set[str]:
    """What the list must show for Zelensky: claims he made or took a position on."""
    zelensky = Actor.objects.get(name="Volodymyr Zelensky")
    return {
        claim.text
        for claim in Claim.objects.all()
        if claim.claimant_id == zelensky.pk or claim.statements.filter(actor=zelensky).exists()
    }


def filter_claims_by_actor(page, typed: str, picked: str) -> None:
    page.locator("details.filters summary").click()
    actor = page.locator("#id_actor")
    actor.click()
    actor.press_sequentially(typed, delay=30)
    # The type-ahead offers the actor's names from /api/v1/actors/.
    expect(page.locator(f'#id_actor-suggestions option[value="{picked}"]')).to_have_count(1)
    actor.fill(picked)
    page.locator("form.directory-filters button[type=submit]").click()


def test_analyst_filters_claims_by_typing_an_actors_alias_or_name(
    page, demo_site, console_errors, screenshot
):
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}/claims/")
    everything = claim_texts(page)
    expected = zelensky_claims()
    assert expected and len(expected) < len(everything)

    filter_claims_by_actor(page, "Selensk", "Selenskyj")
    # Only the parameter given is in the address.
    expect(page).to_have_url(f"{demo_site.url}/claims/?actor=Selenskyj")
    assert set(claim_texts(page)) == expected
    expect(page.locator("#id_actor")).to_have_value("Selenskyj")
    screenshot("by-alias")

    page.goto(f"{demo_site.url}/claims/")
    filter_claims_by_actor(page, "Volodymyr Z", "Volodymyr Zelensky")
    expect(page).to_have_url(f"{demo_site.url}/claims/?actor=Volodymyr+Zelensky")
    assert set(claim_texts(page)) == expected
    assert console_errors == []


def test_analyst_sorts_and_pages_the_claims(page, demo_site, console_errors):
    topic = Topic.objects.create(slug="long-story", title="A long story")
    for n in range(70):
        Claim.objects.create(
            topic=topic, text=f"Long claim {n:02d}", first_asserted_on=date(2020, 1, 1)
        )
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}/claims/")

    heading = page.locator("th", has=page.locator("a.sort", has_text="Claim"))
    heading.locator("a.sort").click()
    expect(heading).to_have_attribute("aria-sort", "ascending")
    texts = claim_texts(page)
    assert texts == sorted(texts) and len(texts) == 50
    heading.locator("a.sort").click()
    expect(heading).to_have_attribute("aria-sort", "descending")
    texts = claim_texts(page)
    assert texts == sorted(texts, reverse=True)

    pages = page.get_by_role("navigation", name="Pages of claims")
    pages.get_by_role("link", name="2", exact=True).click()
    expect(pages.locator('[aria-current="page"]')).to_have_text("2")
    assert "sort=-claim" in page.url and "page=2" in page.url
    second = claim_texts(page)
    assert second == sorted(second, reverse=True) and second[0] < texts[-1]
    pages.get_by_role("link", name="Previous").click()
    assert claim_texts(page) == texts
    assert console_errors == []


def test_a_bad_date_is_shown_next_to_its_field_and_the_other_filters_apply(
    page, demo_site, console_errors, screenshot
):
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}/claims/?verdict=confirmed")
    confirmed = claim_texts(page)
    # A filtered list shows its form open.
    expect(page.locator("details.filters")).to_have_attribute("open", "")
    page.fill("#id_asserted_from", "32.13.2024")
    page.locator("form.directory-filters button[type=submit]").click()

    field = page.locator(".field", has=page.locator("#id_asserted_from"))
    expect(field.locator(".errorlist")).to_contain_text("This is no date we can read.")
    expect(field.locator(".errorlist")).to_contain_text("2024-10-23")
    expect(page.locator("#id_asserted_from")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_asserted_from")).to_have_value("32.13.2024")
    expect(page.locator("details.filters")).to_have_attribute("open", "")
    assert claim_texts(page) == confirmed  # the verdict still applies
    screenshot("bad-date")
    assert console_errors == []


def test_csv_download_has_the_rows_of_the_list(page, demo_site, console_errors, tmp_path):
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}/claims/?topic=DPRK+troops+in+Russia&sort=claim")
    shown = claim_texts(page)
    assert shown
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert re.fullmatch(r"claims-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    path = tmp_path / "claims.csv"
    download.save_as(path)
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["claim"] for row in rows] == shown
    assert {row["topic"] for row in rows} == {"DPRK troops in Russia"}
    assert console_errors == []


def test_actors_directory_finds_an_actor_by_another_spelling(page, demo_site, console_errors):
    log_in(page, demo_site.url, "analyst")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actors").click()
    expect(page).to_have_url(f"{demo_site.url}/actors/")
    page.fill("#id_q", "Selenskyj")
    page.locator("form.directory-filters button[type=submit]").click()
    expect(page).to_have_url(f"{demo_site.url}/actors/?q=Selenskyj")
    names = page.locator("table.actors-table a.actor-name")
    expect(names).to_have_count(1)
    expect(names).to_have_text("Volodymyr Zelensky")
    names.click()
    expect(page.locator("h1")).to_contain_text("Volodymyr Zelensky")
    assert console_errors == []
