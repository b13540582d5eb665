"""Bounded pages (issue #18): the story pages show the top of each list and link to the rest,
timelines come in slices and the stance matrix shows the most active first, in a number of
queries that does not grow with the data."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from claims import selectors
from claims.models import Claim, Statement, Topic
from claims.selectors.timelines import entry_position
from common.moments import Moment
from tests.factories import ClaimFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

# A past view of the end of today: everything the test entered, read from the history.
TODAY = timezone.localdate().isoformat()

# The "What changed since…" panel's bound (tests/claims/test_dashboards.py).
CHANGES_PANEL = 24


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(username="reader", groups=["analyst"]))
    return client


@pytest.fixture
def synthetic():
    """600 synthetic claims in six topics; the first claim has 500 statements."""
    call_command("seed_synthetic", "--claims", "600", "--seed", "18", stdout=StringIO())
    return Claim.objects.annotate(n=Count("statements")).order_by("-n").first()


def test_overview_shows_ten_topics_five_claims_each_and_links_to_all(
    analyst, django_assert_max_num_queries
):
    for number in range(12):
        topic = TopicFactory(title=f"Story {number:02}")
        for day in range(1, 8):
            ClaimFactory(topic=topic, first_asserted_on=f"2024-{number + 1:02}-{day:02}")
    with django_assert_max_num_queries(14 + CHANGES_PANEL):
        page = analyst.get(reverse("home")).content.decode()
    shown = re.findall(r'<h3><a href="/topics/[^"]+">(Story \d\d)</a></h3>', page)
    # The ten with the latest claims, latest first: December's story down to March's.
    assert shown == [f"Story {n:02}" for n in range(11, 1, -1)]
    assert "The 10 topics with the latest claims, of 12." in page
    assert page.count("All 7 claims in this topic") == 10
    latest = Topic.objects.get(title="Story 11")
    assert f'href="/claims/?topic={latest.public_id}"' in page
    claims = re.findall(r'<a href="/claims/[0-9a-f-]{36}/">(Claim number \d+ is true)</a>', page)
    assert len(claims) == 50  # five for each topic shown
    assert "All 84 claims" in page


def test_overview_of_a_past_day_keeps_the_day_on_its_links(analyst):
    for number in range(12):
        ClaimFactory(topic=TopicFactory(title=f"Story {number:02}"), first_asserted_on="2024-10-01")
    page = analyst.get(reverse("home"), {"as_of": TODAY}).content.decode()
    topic_links = re.findall(r'<h3><a href="(/topics/[^"]+)">', page)
    assert len(topic_links) == 10
    assert all(link.endswith(f"?as_of={TODAY}") for link in topic_links)


def test_claim_with_500_statements_pages_its_sources_and_folds_its_speakers(
    analyst, synthetic, django_assert_max_num_queries
):
    claim = synthetic
    assert claim.statements.count() == 500
    url = reverse("claim-detail", args=[claim.public_id])
    with django_assert_max_num_queries(16 + CHANGES_PANEL):
        response = analyst.get(url)
    page = response.content.decode()
    sources = claim.statements.values("source").distinct().count()
    assert sources > 20
    sources_list = page[page.index('id="sources-heading"') :]
    assert sources_list.count("<li><strong>") == 20
    assert f"Sources 1–20 of {sources}." in page
    assert 'href="?sources_page=2#sources-heading"' in page
    # Each stance names at most twelve speakers; the rest are folded away.
    stances = page[page.index('id="stances"') : page.index('id="corroboration"')]
    for group in re.findall(r'<div data-stance="\w+">(.*?)</div>', stances, re.S):
        shown = group.split("<details")[0]
        assert shown.count('href="/actors/') <= 12
    second = analyst.get(url, {"sources_page": "2", "as_of": TODAY}).content.decode()
    assert f"Sources 21–40 of {sources}." in second
    assert f'href="?as_of={TODAY}&amp;sources_page=3#sources-heading"' in second or (
        f'href="?as_of={TODAY}&sources_page=3#sources-heading"' in second
    )


def test_actor_page_pages_claims_and_statements(analyst, synthetic, django_assert_max_num_queries):
    actor = Actor.objects.annotate(n=Count("statements")).order_by("-n").first()
    said = actor.statements.count()
    assert said > 25
    url = reverse("actor-detail", args=[actor.public_id])
    with django_assert_max_num_queries(14 + CHANGES_PANEL):
        page = analyst.get(url).content.decode()
    over_time = page[page.index('id="actor-statements"') :]
    assert over_time.count('class="entry entry-statement"') == 25
    assert f"Statements 1–25 of {said}, earliest first." in page
    last = (said + 24) // 25
    tail = analyst.get(url, {"statements_page": str(last)}).content.decode()
    tail_list = tail[tail.index('id="actor-statements"') :]
    assert tail_list.count('class="entry entry-statement"') == said - 25 * (last - 1)
    # The same pages at a past moment, read from the history.
    then = analyst.get(url, {"as_of": TODAY}).content.decode()
    assert f"Statements 1–25 of {said}, earliest first." in then
    assert "statements_page=2" in then and f"as_of={TODAY}" in then


def _all_slices(read, size):
    entries, after = [], None
    while True:
        part = read(after=after, limit=size)
        entries += part.entries
        if not part.has_more:
            return entries
        assert len(part.entries) == size
        after = part.last_position


def test_a_timeline_read_in_slices_is_the_timeline_read_whole(synthetic):
    topic = synthetic.topic
    whole = selectors.topic_timeline(topic)
    sliced = _all_slices(lambda **kw: selectors.topic_timeline_slice(topic, **kw), 97)
    assert [entry_position(e) for e in sliced] == [entry_position(e) for e in whole]
    # Whether a statement moved its actor's position is known across the slices' edges.
    assert [e.previous_stance for e in sliced] == [e.previous_stance for e in whole]
    assert any(e.previous_stance for e in sliced)
    past = Moment(said_by=whole[len(whole) // 2].time)
    then = selectors.claim_timeline(synthetic, past)
    sliced_then = _all_slices(
        lambda **kw: selectors.claim_timeline_slice(synthetic, past, **kw), 40
    )
    assert [entry_position(e) for e in sliced_then] == [entry_position(e) for e in then]


def test_timeline_api_answers_in_slices_with_a_next_link(
    analyst, synthetic, django_assert_max_num_queries
):
    url = f"/api/v1/claims/{synthetic.public_id}/timeline/"
    with django_assert_max_num_queries(12):
        first = analyst.get(url, {"page_size": "50"}).json()
    assert len(first["entries"]) == 50 and first["next"]
    second = analyst.get(first["next"]).json()
    assert len(second["entries"]) == 50
    assert second["entries"][0]["time"] >= first["entries"][-1]["time"]
    whole = analyst.get(url).json()
    assert whole["next"] is None and len(whole["entries"]) > 500
    assert [e["statement"] for e in whole["entries"][:100]] == [
        e["statement"] for e in first["entries"] + second["entries"]
    ]
    for bad in ({"page_size": "0"}, {"page_size": "201"}, {"page_size": "x"}, {"cursor": "zz"}):
        response = analyst.get(url, bad)
        assert response.status_code == 400
        assert response.json()["errors"][0]["parameter"] in bad


def test_topic_timeline_slice_keeps_the_moment_and_counts_support_of_its_claims(analyst, synthetic):
    topic = synthetic.topic
    url = f"/api/v1/topics/{topic.public_id}/timeline/"
    first = analyst.get(url, {"page_size": "20", "as_of": TODAY}).json()
    assert f"as_of={TODAY}" in first["next"]
    claims = {e["claim"]["id"] for e in first["entries"] if e["claim"]}
    assert {s["claim"] for s in first["support"]} <= claims
    whole = analyst.get(url).json()
    whole_support = {s["claim"]: s for s in whole["support"]}
    for summary in first["support"]:  # from all the claim's statements, not the slice's
        assert summary == whole_support[summary["claim"]]


def test_matrix_api_shows_the_most_active_first_and_counts_all(
    analyst, synthetic, django_assert_max_num_queries
):
    topic = synthetic.topic
    url = f"/api/v1/topics/{topic.public_id}/matrix/"
    with django_assert_max_num_queries(14):
        matrix = analyst.get(url).json()
    said = Statement.objects.filter(claim__topic=topic)
    assert matrix["claim_count"] == said.values("claim").distinct().count()
    assert matrix["actor_count"] == said.values("actor").distinct().count()
    assert len(matrix["claims"]) == 30 and len(matrix["actors"]) == 20
    assert matrix["claims"][0]["id"] == str(synthetic.public_id)  # the 500 statements
    counts = [actor["statements"] for actor in matrix["actors"]]
    assert counts == sorted(counts, reverse=True)
    busiest = said.values("actor").annotate(n=Count("id")).order_by("-n")[0]["n"]
    assert counts[0] == busiest
    shown = {a["id"] for a in matrix["actors"]} | {c["id"] for c in matrix["claims"]}
    assert all({cell["claim"], cell["actor"]} <= shown for cell in matrix["cells"])
    more = analyst.get(url, {"actors": "500", "claims": "60"}).json()
    assert len(more["actors"]) == min(500, matrix["actor_count"])
    assert len(more["claims"]) == 60
    then = analyst.get(url, {"as_of": TODAY}).json()
    assert then["claims"] == matrix["claims"] and then["actors"] == matrix["actors"]
    for bad in ({"claims": "0"}, {"actors": "501"}, {"actors": "many"}):
        assert analyst.get(url, bad).status_code == 400


def test_topic_page_asks_for_the_first_screen_only(analyst, synthetic):
    topic = synthetic.topic
    page = analyst.get(reverse("topic-detail", args=[topic.slug])).content.decode()
    assert f'data-url="/api/v1/topics/{topic.public_id}/matrix/"' in page
    assert 'data-claims="30" data-actors="20"' in page
    assert 'id="matrix-scroll-hint"' in page
    assert len(page.encode()) < 100_000
