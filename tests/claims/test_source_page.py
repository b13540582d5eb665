"""The source page (/sources/<id>/): what the source is, its chain up to its origins (rings and
diamonds), who cites and repeats it, the statements recorded in it, its snapshots and health,
and the editors' controls; in English and German."""

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sources import services
from sources.models import Health, Reliability, Snapshot, Source, SourceKind
from tests.factories import ActorFactory, SourceFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread (LocaleMiddleware activates a
    language and nothing resets it): later tests expect the default."""
    yield
    translation.deactivate()


# Session, user, the editor role (three), the source, its chain (two), who cites it, who repeats
# it, its statements and snapshots (a count and a page each) and its last failure.
PAGE_QUERIES = 15


@pytest.fixture
def analyst_client(db):
    client = Client()
    client.force_login(UserFactory(username="reader", groups=["analyst"]))
    return client


@pytest.fixture
def editor_client(db):
    client = Client()
    client.force_login(UserFactory(username="desk", groups=["editor"]))
    return client


def page_of(client, source: Source, **params) -> str:
    response = client.get(reverse("source-detail", args=[source.public_id]), params)
    assert response.status_code == 200
    return response.content.decode()


def cite(citing: Source, *cited: Source) -> None:
    for other in cited:
        services.cite_source(citing=citing, cited=other, editor=None)


def section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    return html[start : html.index("</section>", start)]


def levels(html: str) -> list[list[str]]:
    chain = section(html, "chain")
    return [
        re.findall(r'data-title="([^"]+)"', level)
        for level in chain.split('class="chain-level"')[1:]
    ]


def test_the_page_says_what_the_source_is(analyst_client):
    nis = ActorFactory(name="National Intelligence Service")
    briefing = SourceFactory(
        title="NIS briefing to lawmakers",
        kind=SourceKind.INTELLIGENCE_BRIEFING,
        publisher=nis,
        language="ko",
        reliability=Reliability.B,
        url="https://nis.example/briefing",
        published_at=datetime(2024, 10, 18, 9, tzinfo=UTC),
    )
    html = page_of(analyst_client, briefing)
    assert "<h1" in html and "NIS briefing to lawmakers</h1>" in html
    assert "Intelligence briefing" in html and "B – usually reliable" in html
    assert f'href="{reverse("actor-detail", args=[nis.public_id])}"' in html
    assert "18 October 2024" in html and "https://nis.example/briefing" in html
    assert "This source cites no other: it is an origin itself." in html
    assert "Re-check now" not in html and "Add a citation" not in html  # analysts read


def test_a_diamond_shows_each_source_once_at_the_level_it_is_met(analyst_client):
    paper, wire, tv, briefing = (
        SourceFactory(title=t) for t in ("Paper", "Agency wire", "TV report", "NIS briefing")
    )
    cite(paper, wire, tv)
    cite(wire, briefing)
    cite(tv, briefing)

    html = page_of(analyst_client, paper)

    assert levels(html) == [["Agency wire", "TV report"], ["NIS briefing"]]
    assert "Its chain ends in one origin:" in html
    briefing_row = section(html, "chain").split('data-title="NIS briefing"')[1]
    assert "cited by Agency wire, TV report" in briefing_row.split("</li>")[0]
    assert "mark origin" in briefing_row.split("</li>")[0]
    assert "Circular reporting" not in html


def test_a_ring_is_marked_and_named_as_the_circular_origin(analyst_client):
    paper, first, second = (SourceFactory(title=t) for t in ("Paper", "Report A", "Report B"))
    cite(first, second)
    cite(second, first)
    cite(paper, first)

    html = page_of(analyst_client, paper)

    assert levels(html) == [["Report A"], ["Report B"]]
    chain = section(html, "chain")
    assert "Circular reporting:" in chain
    assert "Report A → Report B → Report A" in chain
    assert chain.count("in a ring") == 2
    assert "cites back to Report A" in chain.split('data-title="Report B"')[1]
    assert re.search(
        r"ends in one origin:\s*<a [^>]+>Report A</a> <span class=\"mark ring\">", chain
    )


def test_the_sources_that_cite_it_and_the_reports_that_repeat_it(analyst_client):
    paper, wire, briefing = (SourceFactory(title=t) for t in ("Paper", "Agency wire", "Briefing"))
    cite(paper, wire)
    services.cite_source(citing=wire, cited=briefing, note="citing lawmakers", editor=None)

    html = page_of(analyst_client, briefing)

    cited_by = section(html, "cited-by")
    assert "Agency wire" in cited_by and "citing lawmakers" in cited_by
    repeated = cited_by.split("Reports whose chain ends here")[1]
    assert "Agency wire" in repeated and "Paper" in repeated


def test_statements_are_listed_with_claim_actor_stance_and_quote_page_by_page(analyst_client):
    report = SourceFactory(title="Agency wire")
    first = StatementFactory(
        source=report, quote="1,500 soldiers were moved.", said_at=datetime(2024, 10, 1, tzinfo=UTC)
    )
    for day in range(2, 26):
        StatementFactory(source=report, said_at=datetime(2024, 10, day, tzinfo=UTC))

    html = page_of(analyst_client, report)

    statements = html.split('id="statements-heading"')[1]
    assert statements.count("<tr>") == 21  # the heading's row and 20 statements
    assert reverse("claim-detail", args=[first.claim.public_id]) in statements
    assert reverse("actor-detail", args=[first.actor.public_id]) in statements
    assert "1,500 soldiers were moved." in statements and "Asserts" in statements
    assert 'href="?statements=2#statements-heading"' in statements
    second = page_of(analyst_client, report, statements="2").split('id="statements-heading"')[1]
    assert second.count("<tr>") == 6 and "1,500 soldiers" not in second


def test_snapshots_newest_first_with_their_diffs_and_the_reason_of_the_last_failure(
    analyst_client,
):
    report = SourceFactory(title="Report", url="https://gone.example/report", health=Health.GONE)
    start = datetime(2024, 11, 1, tzinfo=UTC)
    Snapshot.objects.create(source=report, fetched_at=start, health=Health.OK, status_code=200)
    Snapshot.objects.create(
        source=report,
        fetched_at=start + timedelta(days=1),
        health=Health.CHANGED,
        status_code=200,
        changed=True,
        diff="- 1,500 soldiers\n+ 3,000 soldiers",
    )
    Snapshot.objects.create(
        source=report,
        fetched_at=start + timedelta(days=2),
        health=Health.UNREACHABLE,
        error="could not resolve gone.example: [Errno -2] Name or service not known",
    )
    for day in range(3, 13):
        Snapshot.objects.create(
            source=report,
            fetched_at=start + timedelta(days=day),
            health=Health.GONE,
            status_code=404,
        )

    html = page_of(analyst_client, report)

    health = section(html, "health")
    assert "Gone" in health and "HTTP 404" in health
    snapshots = section(html, "snapshots")
    assert snapshots.count("<li><time") == 10
    assert snapshots.index("12 November 2024") < snapshots.index("4 November 2024")
    older = section(page_of(analyst_client, report, snapshots="2"), "snapshots")
    assert "DNS name not found" in older and "+ 3,000 soldiers" in older


def test_the_last_failure_is_named_after_the_source_recovered(analyst_client):
    report = SourceFactory(url="https://example.org/r", health=Health.OK)
    Snapshot.objects.create(
        source=report,
        fetched_at=datetime(2024, 11, 1, tzinfo=UTC),
        health=Health.BLOCKED,
        error="refused: 10.1.2.3 is a private address (resolved from example.org)",
    )
    Snapshot.objects.create(
        source=report,
        fetched_at=datetime(2024, 11, 2, tzinfo=UTC),
        health=Health.OK,
        status_code=200,
    )
    health = section(page_of(analyst_client, report), "health")
    assert "Last failure on" in health and "refused: private address." in health
    assert "(refused: 10.1.2.3 is a private address (resolved from example.org))" in health


def test_editors_get_the_re_check_button_and_the_citation_controls(editor_client):
    paper, wire = SourceFactory(url="https://example.org/p"), SourceFactory(title="Wire")
    cite(paper, wire)
    html = page_of(editor_client, paper)
    assert 'class="recheck"' in html
    assert f'data-source="/api/v1/sources/{paper.public_id}/"' in html
    assert f'data-url="/api/v1/sources/{paper.public_id}/citations/"' in html
    assert f'data-url="/api/v1/sources/{paper.public_id}/citations/{wire.public_id}/"' in html
    assert '<label for="cite-source">' in html and '<label for="cite-note">' in html


def test_the_page_reads_in_a_fixed_number_of_queries(analyst_client, django_assert_max_num_queries):
    paper = SourceFactory()
    previous = paper
    for _ in range(6):  # a chain six levels deep, two sources citing each other on each
        left, right = SourceFactory(), SourceFactory()
        cite(previous, left, right)
        cite(right, left)
        previous = left
    for _ in range(30):
        StatementFactory(source=paper)
        Snapshot.objects.create(source=paper, health=Health.OK, status_code=200)
    with django_assert_max_num_queries(PAGE_QUERIES):
        html = page_of(analyst_client, paper)
    assert len(levels(html)) == 6


def test_an_unknown_source_is_404(analyst_client):
    response = analyst_client.get(reverse("source-detail", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_the_german_page_has_german_labels(editor_client):
    paper, briefing = SourceFactory(url="https://example.org/p"), SourceFactory(title="Briefing")
    cite(paper, briefing)
    response = editor_client.get(
        reverse("source-detail", args=[paper.public_id]), headers={"accept-language": "de"}
    )
    html = response.content.decode()
    for german in (
        '<h2 id="chain-heading">Quellenkette</h2>',
        "Ihre Kette endet in einem Ursprung:",
        "Sie beruft sich auf",
        ">Ursprung<",
        "Zitiert von",
        "Darin festgehaltene Aussagen",
        "Jetzt neu prüfen",
        "Quellenverweis hinzufügen",
        "Zuverlässigkeit",
        "Art",
        "Herausgeber",
    ):
        assert german in html, german
    assert "Chain of citations" not in html
