"""Dashboard pages: login required, the demo story on every page, bounded query counts."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, FlagReason, Topic
from tests.factories import ClaimFactory, SourceFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db

# The "What changed since…" panel of the story pages compares two moments of the knowledge clock
# (claims.selectors.compare): at most this many queries, whatever the number of rows (an empty
# week, as here, costs fewer; the overview counts by topic in four).
CHANGES_PANEL = 24


@pytest.fixture
def analyst_client(client, demo):
    client.force_login(UserFactory(username="reader", groups=["analyst"]))
    return client


@pytest.fixture
def editor_client(client, demo):
    client.force_login(UserFactory(username="desk", groups=["editor"]))
    return client


def c0() -> Claim:
    return Claim.objects.get(text__startswith="North Korean soldiers have been sent")


@pytest.mark.parametrize(
    "url", ["/", "/claims/", "/sources/", "/topics/dprk-troops-in-russia/", "/review/"]
)
def test_pages_require_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_overview_shows_counts_topics_and_latest_changes(
    analyst_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12 + CHANGES_PANEL):
        response = analyst_client.get(reverse("home"))
    page = response.content.decode()
    assert "DPRK troops in Russia" in page and "Drones over Pyongyang" in page
    assert "North Korea has moved 1,500 soldiers to Russia" in page
    assert "Partly confirmed" in page
    assert "October 2024" in page  # C5 is dated to the month only
    assert page.count('class="count"') >= 6  # one count per verdict


def test_newcomer_finds_the_story_timeline_in_two_clicks(analyst_client):
    home = analyst_client.get(reverse("home")).content.decode()
    topic_url = reverse("topic-detail", args=["dprk-troops-in-russia"])
    assert f'href="{topic_url}"' in home  # click 1: the topic, whose page holds the timeline
    topic_page = analyst_client.get(topic_url).content.decode()
    assert 'id="timeline"' in topic_page


def test_claim_list_filters_like_the_api(analyst_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = analyst_client.get(reverse("claim-list"), {"verdict": "confirmed"})
    page = response.content.decode()
    assert "North Korean soldiers have been sent to Russia" in page
    assert "North Korea has moved 1,500 soldiers" not in page
    searched = analyst_client.get(reverse("claim-list"), {"q": "drone"}).content.decode()
    assert "Parts of a South Korean drone" in searched
    assert "1,500 soldiers" not in searched


def test_claim_list_bad_filter_is_a_message_not_an_error(analyst_client):
    response = analyst_client.get(reverse("claim-list"), {"asserted_from": "yesterday"})
    assert response.status_code == 200
    assert "This is no date we can read" in response.content.decode()


def test_claim_page_shows_stances_sources_and_no_editor_panel_for_analysts(
    analyst_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14 + CHANGES_PANEL):
        response = analyst_client.get(reverse("claim-detail", args=[c0().public_id]))
    page = response.content.decode()
    assert "Cannot confirm" in page and "US Department of State" in page
    assert "relies on" in page  # the AFP/dpa report's citation chain
    assert 'id="verdict-form"' not in page
    assert f"/api/v1/claims/{c0().public_id}/timeline/" in page


def test_claim_page_query_count_does_not_grow_with_statements(
    editor_client, django_assert_max_num_queries
):
    claim = ClaimFactory()
    for _ in range(30):
        StatementFactory(claim=claim, source=SourceFactory())
    with django_assert_max_num_queries(14 + CHANGES_PANEL):
        response = editor_client.get(reverse("claim-detail", args=[claim.public_id]))
    assert response.content.decode().count('name="evidence"') == 30


def test_editor_sees_the_verdict_panel_with_the_claims_etag(editor_client):
    claim = c0()
    page = editor_client.get(reverse("claim-detail", args=[claim.public_id])).content.decode()
    assert 'id="verdict-form"' in page
    assert f'"claim-{claim.public_id}-v{claim.version}"' in page


def test_topic_page_points_at_the_api(analyst_client, django_assert_max_num_queries):
    topic = Topic.objects.get(slug="dprk-troops-in-russia")
    with django_assert_max_num_queries(6 + CHANGES_PANEL):
        page = analyst_client.get(reverse("topic-detail", args=[topic.slug])).content.decode()
    assert f"/api/v1/topics/{topic.public_id}/estimates/" in page
    assert f"/api/v1/topics/{topic.public_id}/timeline/" in page


def test_unknown_topic_and_claim_are_404(analyst_client):
    assert analyst_client.get("/topics/nothing-here/").status_code == 404
    assert analyst_client.get("/claims/00000000-0000-4000-8000-000000000000/").status_code == 404


def test_actor_page_lists_statements_aliases_and_affiliations(
    analyst_client, django_assert_max_num_queries
):
    from actors.models import Actor

    zelensky = Actor.objects.get(name="Volodymyr Zelensky")
    with django_assert_max_num_queries(8 + CHANGES_PANEL):
        page = analyst_client.get(reverse("actor-detail", args=[zelensky.public_id]))
    text = page.content.decode()
    assert "Selenskyj" in text and "Supports" in text
    wood = Actor.objects.get(name="Robert Wood")
    text = analyst_client.get(reverse("actor-detail", args=[wood.public_id])).content.decode()
    assert "Deputy US ambassador to the United Nations" in text


def test_sources_page_lists_sources_with_urls_and_recheck_for_editors(editor_client):
    SourceFactory(title="Ministry readout", url="https://example.org/readout")
    page = editor_client.get(reverse("source-list")).content.decode()
    assert "Ministry readout" in page and "Re-check now" in page


def test_review_queue_is_for_editors_oldest_first(editor_client, client):
    first, second = ClaimFactory(text="Older flag"), ClaimFactory(text="Newer flag")
    services.open_flag(first, reason=FlagReason.STALE)
    services.open_flag(second, reason=FlagReason.NEW_CONTRADICTION)
    page = editor_client.get(reverse("review-queue")).content.decode()
    assert page.index("Older flag") < page.index("Newer flag")
    client.force_login(UserFactory(username="viewer", groups=["analyst"]))
    assert client.get(reverse("review-queue")).status_code == 403


def test_empty_site_explains_how_to_start(client, db):
    client.force_login(UserFactory(groups=["analyst"]))
    page = client.get(reverse("home")).content.decode()
    assert "load_demo" in page


def test_language_switch_renders_german(analyst_client):
    analyst_client.post(reverse("set_language"), {"language": "de", "next": "/"})
    page = analyst_client.get(reverse("home")).content.decode()
    assert 'lang="de"' in page
    assert "Übersicht" in page


def test_flag_details_are_for_editors_as_in_the_api(analyst_client, client):
    """/api/v1/flags/ refuses analysts: the pages show them that a claim is under review, not
    the flag's reason or detail."""
    claim = ClaimFactory(text="A flagged claim")
    services.open_flag(claim, reason=FlagReason.NEW_CONTRADICTION, detail="Secret desk note")
    url = reverse("claim-detail", args=[claim.public_id])
    page = analyst_client.get(url).content.decode()
    assert "Under review by the editors" in page
    assert "Secret desk note" not in page and "Open review flags" not in page
    overview = analyst_client.get(reverse("home")).content.decode()
    reason = str(FlagReason.NEW_CONTRADICTION.label)
    assert reason not in overview and "Editors review them" in overview
    assert analyst_client.get("/api/v1/flags/").status_code == 403

    client.force_login(UserFactory(username="editor-2", groups=["editor"]))
    page = client.get(url).content.decode()
    assert "Secret desk note" in page and "Under review by the editors" not in page
    assert reason in client.get(reverse("home")).content.decode()
