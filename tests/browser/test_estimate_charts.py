"""The topic page draws one chart per measure (issue #17): one line per actor who gave a figure,
projections dashed, a table of the same figures beside each chart, readable in German and on a
phone; and how long ten thousand figures take to draw."""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from actors.models import Actor, ActorKind
from claims.estimates import EstimateKind, EstimateQualifier
from claims.models import Claim, Measure, Stance, Statement, Topic
from claims.precision import DatePrecision
from claims.units import Unit
from sources.models import Source, SourceKind
from tests.browser.conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOPIC = "/topics/dprk-troops-in-russia/"
IN_RUSSIA = "DPRK troops in Russia"
IN_TOTAL = "DPRK troops to be sent in total"


def drawn(page) -> None:
    """The figures have arrived and are drawn: nothing is left fetching when the test ends."""
    expect(page.locator("#estimates[data-drawn]")).to_have_count(1, timeout=30_000)
    page.wait_for_load_state("networkidle")


def chart_of(page, measure: str):
    """What the Chart.js instance of a measure's chart holds: its lines, without the bands."""
    section = page.locator("section.measure", has_text=measure)
    return section.locator("canvas").evaluate(
        """canvas => {
            const chart = Chart.getChart(canvas);
            return chart.data.datasets.map((dataset, index) => ({
                label: dataset.label,
                band: Boolean(dataset.band),
                figures: dataset.data.filter((p) => p.figure).map((p) => p.y),
                dashed: chart.getDatasetMeta(index).dataset.segments
                    .filter((s) => s.style && s.style.borderDash && s.style.borderDash.length)
                    .length,
            })).filter((d) => !d.band);
        }"""
    )


def test_one_chart_per_measure_one_line_per_actor(page, demo_site, console_errors, screenshot):
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}{TOPIC}")
    drawn(page)
    estimates = page.locator("#estimates")
    expect(estimates.locator("canvas")).to_have_count(2)
    expect(estimates.locator("h3 .measure-name")).to_have_text([IN_RUSSIA, IN_TOTAL])
    expect(estimates.locator("h3 .unit").first).to_have_text("(soldiers)")

    lines = chart_of(page, IN_RUSSIA)
    assert sorted(line["label"] for line in lines) == [
        "John Kirby",
        "National Intelligence Service",
    ]
    nis = next(line for line in lines if line["label"] == "National Intelligence Service")
    # 1,500 once however many reports repeat it, then the projected 10,000 by December.
    assert nis["figures"] == [1500, 10000]
    assert nis["dashed"] >= 1  # the segment towards the projection
    kirby = next(line for line in lines if line["label"] == "John Kirby")
    assert (kirby["figures"], kirby["dashed"]) == ([3000], 0)
    assert [line["figures"] for line in chart_of(page, IN_TOTAL)] == [[12000]]

    table = page.locator("section.measure", has_text=IN_RUSSIA).locator("table")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("1,500 soldiers")
    expect(rows.nth(0)).to_contain_text("4 reports")
    expect(rows.nth(1)).to_contain_text("at least 3,000 soldiers")
    expect(rows.nth(1)).to_contain_text("John Kirby")
    expect(rows.nth(2)).to_contain_text("about 10,000 soldiers")
    expect(rows.nth(2)).to_contain_text("December 2024")
    expect(rows.nth(2)).to_contain_text("Projection")
    quote = rows.nth(1).locator("td").last.locator("a")
    expect(quote).to_have_attribute("href", _statement_link("John Kirby"))
    expect(page.locator("#unmeasured")).to_have_count(0)
    screenshot()
    assert console_errors == []


def _statement_link(actor: str) -> str:
    statement = Statement.objects.get(actor__name=actor, estimate_value__isnull=False)
    return f"/claims/{statement.claim.public_id}/#statement-{statement.public_id}"


def test_german_page_writes_the_figures_the_german_way(page, demo_site, console_errors):
    log_in(page, demo_site.url, "analyst")
    page.select_option("#language", "de")
    page.click("form.language-switch button")
    expect(page.locator("h1")).to_have_text("Übersicht")
    page.goto(f"{demo_site.url}{TOPIC}")
    drawn(page)
    table = page.locator("section.measure", has_text=IN_RUSSIA).locator("table")
    expect(table.locator("tbody tr").first).to_contain_text("1.500")
    expect(table).to_contain_text("mindestens 3.000")
    expect(table).to_contain_text("Dezember 2024")
    expect(table).to_contain_text("4 Berichte")
    ticks = page.locator("section.measure canvas").first.evaluate(
        "canvas => Chart.getChart(canvas).scales.x.ticks.map((t) => t.label)"
    )
    assert len(ticks) == len(set(ticks)) > 1  # whole days or months, none twice
    assert any("Okt" in tick or "Dez" in tick for tick in ticks)
    assert console_errors == []


def test_on_a_phone_the_charts_fit_the_screen(page, demo_site, console_errors, screenshot):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}{TOPIC}")
    drawn(page)
    for canvas in page.locator("#estimates canvas").all():
        box = canvas.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot()
    page.locator("#estimates").screenshot(path=str(SCREENSHOTS / "phone-estimates.png"))
    assert console_errors == []


def test_a_topic_without_figures_says_so(page, demo_site, console_errors):
    Topic.objects.create(slug="quiet", title="A quiet topic")
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}/topics/quiet/")
    drawn(page)
    expect(page.locator("#no-figures")).to_have_text("No figures recorded in this topic yet.")
    expect(page.locator("#estimates canvas")).to_have_count(0)
    assert console_errors == []


def test_a_figure_without_a_measure_is_listed_not_drawn(page, demo_site, console_errors):
    kirby = Statement.objects.get(actor__name="John Kirby", estimate_value__isnull=False)
    Statement.objects.create(
        claim=kirby.claim,
        actor=kirby.actor,
        source=kirby.source,
        stance=Stance.ASSERTS,
        quote="Dozens of North Korean generals are in Russia.",
        said_at=kirby.said_at,
        estimate_unit=Unit.PEOPLE,
        estimate_value=Decimal(30),
        estimate_qualifier=EstimateQualifier.APPROXIMATE,
        estimate_kind=EstimateKind.OBSERVATION,
    )
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}{TOPIC}")
    drawn(page)
    expect(page.locator("#estimates canvas")).to_have_count(2)
    unmeasured = page.locator("#unmeasured")
    expect(unmeasured.locator("h3")).to_have_text("Figures not yet in a measure")
    expect(unmeasured.locator("canvas")).to_have_count(0)
    expect(unmeasured.locator("tbody tr")).to_have_count(1)
    expect(unmeasured).to_contain_text("about 30 people")
    assert console_errors == []


# --- How long ten thousand figures take to draw ------------------------------------------------

ACTORS = 20
FIGURES = 10_000


def synthetic_topic() -> Topic:
    """A topic with 10,000 figures across three measures and twenty actors, written in bulk."""
    topic = Topic.objects.create(slug="synthetic-figures", title="Synthetic figures")
    measures = [
        Measure.objects.create(topic=topic, name=name, unit=unit)
        for name, unit in (
            ("Displaced people", Unit.PEOPLE),
            ("Aid in euros", Unit.EUROS),
            ("Homes destroyed", Unit.HOMES),
        )
    ]
    actors = Actor.objects.bulk_create(
        Actor(name=f"Synthetic actor {n:02}", kind=ActorKind.ORGANISATION) for n in range(ACTORS)
    )
    claim = Claim.objects.create(topic=topic, text="Synthetic figures are drawn quickly")
    sources = Source.objects.bulk_create(
        Source(title=f"Synthetic report {n}", kind=SourceKind.NEWS_ARTICLE) for n in range(50)
    )
    rng = random.Random(17)
    start = date(2024, 1, 1)
    statements = []
    for n in range(FIGURES):
        measure = measures[n % len(measures)]
        day = start + timedelta(days=rng.randrange(365))
        projection = rng.random() < 0.2
        ranged = rng.random() < 0.3
        value = Decimal(rng.randrange(1_000, 100_000))
        statements.append(
            Statement(
                claim=claim,
                actor=actors[rng.randrange(ACTORS)],
                source=sources[rng.randrange(len(sources))],
                stance=Stance.ASSERTS,
                quote=f"Synthetic quote {n}",
                said_at=datetime.combine(day, datetime.min.time(), UTC),
                estimate_measure=measure,
                estimate_unit=measure.unit,
                estimate_value=None if ranged else value,
                estimate_low=value if ranged else None,
                estimate_high=value * 2 if ranged else None,
                estimate_qualifier=EstimateQualifier.APPROXIMATE,
                estimate_kind=EstimateKind.PROJECTION if projection else EstimateKind.OBSERVATION,
                estimate_refers_to=day + timedelta(days=90) if projection else day,
                estimate_refers_to_precision=DatePrecision.DAY,
            )
        )
    Statement.objects.bulk_create(statements, batch_size=2_000)
    return topic


def test_ten_thousand_figures_are_drawn(page, demo_site, console_errors):
    topic = synthetic_topic()
    log_in(page, demo_site.url, "analyst")
    page.goto(f"{demo_site.url}/topics/{topic.slug}/")
    drawn(page)
    expect(page.locator("#estimates canvas")).to_have_count(3)
    lines = page.locator("#estimates canvas").first.evaluate(
        "canvas => Chart.getChart(canvas).data.datasets.filter((d) => !d.band).length"
    )
    assert lines == ACTORS
    drawn_ms = page.locator("#estimates").get_attribute("data-drawn-ms")
    charts_ms = page.locator("#estimates").get_attribute("data-charts-ms")
    # Reported, not asserted: the goal is under a second (docs/benchmarks.md).
    print(
        f"\n{FIGURES:,} figures drawn in {drawn_ms} ms (charts and tables), charts {charts_ms} ms"
    )
    assert console_errors == []


def test_german_page_names_the_unit_in_german(page, demo_site, console_errors):
    log_in(page, demo_site.url, "analyst")
    page.select_option("#language", "de")
    page.click("form.language-switch button")
    expect(page.locator("h1")).to_have_text("Übersicht")
    page.goto(f"{demo_site.url}{TOPIC}")
    drawn(page)
    table = page.locator("section.measure", has_text=IN_RUSSIA).locator("table")
    expect(table).to_contain_text("1.500 Soldaten", timeout=1_000)
