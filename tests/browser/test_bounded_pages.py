"""Bounded pages in a real browser (issue #18) on synthetic data: the overview, a topic with a
hundred claims and dozens of actors, and a claim with 500 statements stay short, their first
screen costs under 300 KB of HTML and API data, the stance matrix offers the rest, and a
timeline's "Show more" loads the next slice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from playwright.sync_api import expect

from claims.models import Claim, Statement
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FIRST_SCREEN_BYTES = 300_000
# Page heights at 1280 px wide: with 3,000 synthetic claims the overview was 141,000 px, a topic
# 221,000 px and a 500-statement claim 90,000 px before the pages were bounded.
OVERVIEW_HEIGHT = 8_000
TOPIC_HEIGHT = 16_000
CLAIM_HEIGHT = 16_000


@pytest.fixture
def synthetic_site(demo_site):
    """The demo (with its passwords) and 600 synthetic claims: six topics of a hundred claims,
    the first claim with 500 statements."""
    call_command("seed_synthetic", "--claims", "600", "--seed", "18", stdout=StringIO())
    return demo_site


class Transferred:
    """Bytes of the page's HTML and of the API answers it fetched (scripts and styles, cached
    after the first page, are not counted)."""

    def __init__(self, page):
        self.bytes = 0
        page.on("response", self._count)

    def _count(self, response):
        # A redirect (the login's) has no body to count.
        if response.request.resource_type in ("document", "fetch", "xhr") and not (
            300 <= response.status < 400
        ):
            self.bytes += len(response.body())


def height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_overview_stays_short(page, synthetic_site, console_errors):
    log_in(page, synthetic_site.url, "analyst")
    sent = Transferred(page)
    page.goto(f"{synthetic_site.url}/")
    page.wait_for_load_state("networkidle")
    assert height(page) < OVERVIEW_HEIGHT
    assert sent.bytes < FIRST_SCREEN_BYTES
    expect(page.locator("#all-claims")).to_contain_text(f"All {Claim.objects.count()} claims")
    expect(page.locator("p.see-all a", has_text="claims in this topic").first).to_be_visible()
    assert console_errors == []


def test_topic_matrix_shows_the_most_active_and_reveals_the_rest(
    page, synthetic_site, console_errors, screenshot
):
    claim = Claim.objects.annotate(n=Count("statements")).order_by("-n").first()
    topic = claim.topic
    said = Statement.objects.filter(claim__topic=topic)
    actors = said.values("actor").distinct().count()
    claims = said.values("claim").distinct().count()
    assert actors > 20 and claims > 30
    log_in(page, synthetic_site.url, "analyst")
    sent = Transferred(page)
    page.goto(f"{synthetic_site.url}/topics/{topic.slug}/")
    matrix = page.locator("#stance-matrix table.matrix")
    expect(matrix.locator("thead th[scope=col]")).to_have_count(21)  # the corner and 20 actors
    expect(matrix.locator("tbody th")).to_have_count(30)
    expect(matrix.locator("tbody th").first).to_contain_text(claim.text[:40])
    timeline = page.locator("#timeline li.entry")
    expect(timeline).to_have_count(50)
    page.wait_for_load_state("networkidle")
    assert sent.bytes < FIRST_SCREEN_BYTES
    assert height(page) < TOPIC_HEIGHT
    # The header row stays in view while the matrix scrolls.
    page.locator("#stance-matrix").evaluate("box => { box.scrollTop = 400; }")
    header = matrix.locator("thead th").nth(1).bounding_box()
    box = page.locator("#stance-matrix").bounding_box()
    assert abs(header["y"] - box["y"]) < 3

    page.get_by_role("button", name=f"Show all {actors} actors").click()
    expect(matrix.locator("thead th[scope=col]")).to_have_count(actors + 1)
    page.get_by_role("button", name="Show 30 more claims").click()
    expect(matrix.locator("tbody th")).to_have_count(min(60, claims))
    expect(matrix.locator("thead th[scope=col]")).to_have_count(actors + 1)  # kept

    page.get_by_role("button", name="Show more").click()
    expect(timeline).to_have_count(100)
    times = timeline.locator("time").evaluate_all("nodes => nodes.map(n => n.dateTime)")
    assert times == sorted(times)
    page.wait_for_load_state("networkidle")
    screenshot()
    assert console_errors == []


def test_matrix_says_it_scrolls_sideways_on_a_phone(page, synthetic_site, console_errors):
    topic = Claim.objects.annotate(n=Count("statements")).order_by("-n").first().topic
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, synthetic_site.url, "analyst")
    page.goto(f"{synthetic_site.url}/topics/{topic.slug}/")
    expect(page.locator("#stance-matrix table.matrix")).to_be_visible()
    expect(page.locator("#matrix-scroll-hint")).to_be_visible()
    expect(page.locator("#matrix-scroll-hint")).to_contain_text("scroll it sideways")
    # The page itself does not scroll sideways: the matrix does, inside its box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 376
    page.wait_for_load_state("networkidle")  # the timeline too, before the database is emptied
    assert console_errors == []


def test_claim_with_500_statements_stays_short_and_loads_its_timeline_in_slices(
    page, synthetic_site, console_errors, screenshot
):
    claim = Claim.objects.annotate(n=Count("statements")).order_by("-n").first()
    assert claim.n == 500
    log_in(page, synthetic_site.url, "analyst")
    sent = Transferred(page)
    page.goto(f"{synthetic_site.url}/claims/{claim.public_id}/")
    timeline = page.locator("#timeline li.entry")
    expect(timeline).to_have_count(50)
    page.wait_for_load_state("networkidle")
    assert sent.bytes < FIRST_SCREEN_BYTES
    assert height(page) < CLAIM_HEIGHT
    expect(page.locator("#sources .sources > li")).to_have_count(20)
    page.get_by_role("button", name="Show more").click()
    expect(timeline).to_have_count(100)
    expect(page.locator(".timeline-more [role=status]")).to_contain_text("50 more entries shown")
    # The next page of sources keeps the page's place.
    page.locator("#sources nav a[rel=next]").click()
    expect(page.locator("#sources-count")).to_contain_text("Sources 21–40")
    page.wait_for_load_state("networkidle")
    screenshot()
    assert console_errors == []
