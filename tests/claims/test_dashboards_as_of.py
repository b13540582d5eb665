"""The story pages at a past moment (issue #15, item 5): the demo as the newsroom knew it on
19 October 2024 (the NIS's first estimates, no verdict) and on 25 October (the 3,000 estimate,
the DPRK's denial entered on the 24th, the 12,000 projection entered on the 25th, verdicts)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor
from claims.models import Claim
from common import clock
from tests.factories import SourceFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db

TOPIC = "dprk-troops-in-russia"
ON_19, ON_25 = "2024-10-19", "2024-10-25"
# A page at a past moment: the page's own reads, the banner's count and the changes panel
# (claims.selectors.compare, up to 24; the overview's count by topic, 4); whatever the number
# of rows.
# The overview and the actor page read the history a page at a time (issue #18): a few queries
# per list (its count, its page, the page's relations) in place of one reading everything.
PAST_PAGE_QUERIES = {"home": 34, "topic": 36, "claim": 50, "actor": 61}


@pytest.fixture
def analyst_client(client, demo):
    client.force_login(UserFactory(username="reader", groups=["analyst"]))
    return client


@pytest.fixture
def editor_client(client, demo):
    client.force_login(UserFactory(username="desk", groups=["editor"]))
    return client


def claim(start: str) -> Claim:
    return Claim.objects.get(text__startswith=start)


def c0() -> Claim:
    return claim("North Korean soldiers have been sent")


def topic_url() -> str:
    return reverse("topic-detail", args=[TOPIC])


def claim_url(found: Claim) -> str:
    return reverse("claim-detail", args=[found.public_id])


def actor_url(name: str) -> str:
    return reverse("actor-detail", args=[Actor.objects.get(name=name).public_id])


def page(client, url: str, **params: str) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def api_url(html: str, element_id: str) -> str:
    """The data-url a page's script fetches for the element with this id."""
    start = html.index(f'id="{element_id}"')
    tag = html[html.rindex("<", 0, start) : html.index(">", start)]
    url = tag.split('data-url="', 1)[1].split('"', 1)[0]
    return url.replace("&amp;", "&")


# --- Topic page --------------------------------------------------------------------------------


def test_topic_page_on_19_october_draws_only_the_first_estimates_and_no_verdict(analyst_client):
    html = page(analyst_client, topic_url(), as_of=ON_19)
    assert "Showing what was known on 19 October 2024" in html
    assert 'value="2024-10-19"' in html  # the date field keeps the date

    figures = analyst_client.get(api_url(html, "estimates")).json()["estimates"]
    assert {e["value"] for e in figures} == {1500, 10000}  # the NIS's figures of the 18th
    timeline = analyst_client.get(api_url(html, "timeline"))
    assert timeline["As-Of"].startswith("2024-10-19T23:59:59")
    kinds = {entry["type"] for entry in timeline.json()["entries"]}
    assert "verdict_change" not in kinds
    actors = {e["actor"]["name"] for e in timeline.json()["entries"] if e["type"] == "statement"}
    assert actors == {"National Intelligence Service"}  # the stance matrix is drawn from these


def test_topic_page_on_25_october_draws_3000_12000_the_denial_and_the_verdicts(analyst_client):
    html = page(analyst_client, topic_url(), as_of=ON_25)
    figures = analyst_client.get(api_url(html, "estimates")).json()["estimates"]
    assert {e["value"] for e in figures} == {1500, 3000, 10000, 12000}
    entries = analyst_client.get(api_url(html, "timeline")).json()["entries"]
    verdicts = [e["verdict_change"]["to_verdict"] for e in entries if e["type"] == "verdict_change"]
    assert verdicts == ["disputed", "partly_confirmed"]  # confirmed only on the 28th
    assert any(e["type"] == "statement" and e["stance"] == "denies" for e in entries)


def test_topic_page_now_asks_the_api_for_now(analyst_client):
    html = page(analyst_client, topic_url())
    assert "?as_of" not in api_url(html, "timeline")
    assert 'id="moment-banner"' not in html and 'id="back-to-now"' not in html


def test_said_by_keeps_what_had_been_said_whenever_it_was_entered(analyst_client):
    html = page(analyst_client, topic_url(), as_of=ON_25, said_by="2024-10-21")
    assert "Showing what had been said by 21 October 2024, as known on 25 October 2024" in html
    assert '<details class="said-by" open>' in html
    url = api_url(html, "timeline")
    assert "as_of=2024-10-25" in url and "said_by=2024-10-21" in url
    entries = analyst_client.get(url).json()["entries"]
    stances = {(e["actor"]["name"], e["stance"]) for e in entries if e["type"] == "statement"}
    assert ("DPRK representative to the UN", "denies") in stances  # said the 21st, entered 24th
    assert ("Lloyd Austin", "supports") not in stances  # said the 23rd


# --- Claim page --------------------------------------------------------------------------------


def test_claim_page_on_19_october_has_no_statement_no_verdict_and_no_verdict_form(
    editor_client,
):
    html = page(editor_client, claim_url(c0()), as_of=ON_19)
    assert 'data-verdict="unverified"' in html
    assert "No statements recorded on this claim yet." in html
    assert 'id="verdict-form"' not in html
    assert 'id="read-only"' in html and "as it stood then" in html
    assert "?as_of=2024-10-19" in api_url(html, "timeline")


def test_claim_page_on_25_october_has_the_denial_the_dispute_and_not_yet_the_confirmation(
    analyst_client,
):
    html = page(analyst_client, claim_url(c0()), as_of=ON_25)
    assert 'id="current-verdict"><span class="verdict verdict-disputed"' in html
    assert "DPRK representative to the UN" in html and "Lloyd Austin" in html
    assert "Mark Rutte" not in html  # said the 28th
    now = page(analyst_client, claim_url(c0()))
    assert 'id="current-verdict"><span class="verdict verdict-confirmed"' in now


def test_claim_page_sources_and_citation_chain_as_they_stood(analyst_client):
    html = page(analyst_client, claim_url(claim("North Korea has moved 1,500")), as_of=ON_19)
    assert "NIS briefing to South Korean lawmakers" in html
    assert "National Intelligence Service" in html  # the publisher then
    assert "AFP/dpa" not in html  # the agency report came on the 22nd


def test_claim_not_yet_entered_says_so_rather_than_404(analyst_client):
    c4 = claim("At least 3,000 North Korean soldiers")
    html = page(analyst_client, claim_url(c4), as_of=ON_19)
    assert 'id="not-known"' in html
    assert 'id="timeline"' not in html


def test_claim_page_links_keep_the_moment(analyst_client):
    html = page(analyst_client, claim_url(c0()), as_of=ON_25)
    assert f'href="{topic_url()}?as_of=2024-10-25"' in html
    assert f'href="{actor_url("Lloyd Austin")}?as_of=2024-10-25"' in html


# --- Actor page --------------------------------------------------------------------------------


def test_actor_page_shows_statements_known_then(analyst_client):
    nis = actor_url("National Intelligence Service")
    on_19 = page(analyst_client, nis, as_of=ON_19)
    assert "North Korea has moved 1,500 soldiers" in on_19
    assert "could send about 12,000" not in on_19  # the projection was entered on the 25th
    assert "could send about 12,000" in page(analyst_client, nis, as_of=ON_25)

    dprk = actor_url("DPRK representative to the UN")
    assert "No statements by this actor yet." in page(analyst_client, dprk, as_of="2024-10-23")
    assert "Denies" in page(analyst_client, dprk, as_of=ON_25)


def test_actor_page_verdicts_are_those_in_force_then(analyst_client):
    html = page(analyst_client, actor_url("National Intelligence Service"), as_of="2024-10-22")
    assert 'data-verdict="partly_confirmed"' not in html  # decided on the 23rd
    html = page(analyst_client, actor_url("National Intelligence Service"), as_of=ON_25)
    assert 'data-verdict="partly_confirmed"' in html


def test_actor_page_says_aliases_are_shown_as_now(analyst_client):
    html = page(analyst_client, actor_url("Volodymyr Zelensky"), as_of=ON_25)
    assert "Selenskyj" in html and 'id="directory-now"' in html


# --- Overview ----------------------------------------------------------------------------------


def counts(html: str) -> dict[str, int]:
    found = {}
    for item in html.split('<ul class="counts">', 1)[1].split("</ul>", 1)[0].split("<li>")[1:]:
        count = int(item.split('class="count">', 1)[1].split("<", 1)[0])
        found[item.split('data-verdict="', 1)[1].split('"', 1)[0]] = count
    return found


def test_overview_on_19_october_counts_every_claim_unverified(analyst_client):
    html = page(analyst_client, reverse("home"), as_of=ON_19)
    assert counts(html) == {
        "unverified": 5,
        "disputed": 0,
        "partly_confirmed": 0,
        "confirmed": 0,
        "denied": 0,
        "retracted": 0,
    }
    assert "No verdict had been decided by then." in html
    assert "At least 3,000" not in html
    assert 'id="present-only-note"' in html  # flags and source health are left out, and said so
    assert f'href="{topic_url()}?as_of=2024-10-19"' in html


def test_overview_on_25_october_counts_the_verdicts_in_force_then(analyst_client):
    html = page(analyst_client, reverse("home"), as_of=ON_25)
    found = counts(html)
    assert (found["disputed"], found["partly_confirmed"], found["confirmed"]) == (2, 1, 0)
    assert sum(found.values()) == Claim.objects.count()  # C2 and C4 are known by then
    latest = html.split('id="latest"', 1)[1].split("</section>", 1)[0]
    assert latest.count("<li>") == 3 and "Partly confirmed" in latest


# --- The banner and the changes panel ----------------------------------------------------------


def test_banner_counts_the_later_entries_of_the_pages_scope(analyst_client):
    html = page(analyst_client, claim_url(c0()), as_of="2024-10-23")
    # On C0 after the 23rd: the DPRK's denial (entered the 24th), Rutte, Gerasimov, KCNA, and
    # the confirmation of the 28th.
    assert "5 later entries hidden" in html


def test_changes_panel_lists_what_was_entered_in_plain_words(analyst_client):
    html = page(analyst_client, topic_url(), as_of=ON_25, since="2024-10-23")
    panel = html.split('id="changes"', 1)[1]
    assert "What changed since 23 October 2024" in panel
    assert "DPRK representative to the UN denies:" in panel  # entered the 24th
    assert "New claim:" in panel and "North Korea could send about 12,000" in panel
    assert "Verdict" not in panel  # C1's verdict of the 23rd was known on the 23rd
    assert '<input type="hidden" name="as_of" value="2024-10-25">' in panel


def test_changes_panel_starts_a_week_before_the_moment_shown(analyst_client):
    html = page(analyst_client, topic_url(), as_of=ON_25)
    panel = html.split('id="changes"', 1)[1]
    assert 'name="since" value="2024-10-18"' in panel
    assert "Verdict Unverified → Disputed:" in panel


def test_overview_panel_counts_what_was_entered_by_topic_and_links_to_their_panels(
    analyst_client,
):
    html = page(analyst_client, reverse("home"), as_of=ON_25, since="2024-10-20")
    panel = html.split('id="changes"', 1)[1].split("</section>", 1)[0]
    dprk = panel.split(f'href="{topic_url()}?as_of=2024-10-25&amp;since=2024-10-20#changes"', 1)
    assert len(dprk) == 2
    entry = " ".join(dprk[1].split("</li>", 1)[0].split())
    assert entry == ">DPRK troops in Russia</a>: 3 new claims, 11 new statements, 2 verdict changes"
    assert "Drones over Pyongyang" in panel
    default = page(analyst_client, reverse("home"), as_of=ON_25)
    assert f'href="{topic_url()}?as_of=2024-10-25#changes"' in default  # its own default week


def test_changes_panel_now_covers_the_last_week(analyst_client):
    html = page(analyst_client, topic_url())
    assert "Nothing was entered in that time." in html  # the demo was entered in 2024


@pytest.mark.parametrize("since", ["soon", "2999-01-01", ON_25])
def test_bad_since_is_a_form_error_and_the_default_week(analyst_client, since):
    html = page(analyst_client, topic_url(), as_of=ON_25, since=since)
    assert 'id="changes-since-error"' in html
    assert "What changed since 18 October 2024" in html


# --- Bad dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yesterday", "Give a date (2024-10-23)"),
        ("2999-01-01", "is in the future"),
        ("2020-01-01", "Nothing had been recorded by then"),
        ("2024-02-30", "is not a real date"),
    ],
)
@pytest.mark.parametrize("name", ["home", "topic", "claim", "actor"])
def test_bad_date_is_a_form_error_next_to_the_field_and_the_page_shows_now(
    analyst_client, name, value, message
):
    url = {
        "home": reverse("home"),
        "topic": topic_url(),
        "claim": claim_url(c0()),
        "actor": actor_url("National Intelligence Service"),
    }[name]
    html = page(analyst_client, url, as_of=value)
    error = html.split('id="moment-as-of-error"', 1)[1].split("</span>", 1)[0]
    assert message in error
    field = html.split('id="moment-as-of"', 1)[1].split(">", 1)[0]
    assert 'aria-invalid="true"' in field and "moment-as-of-error" in field
    assert "the page as it is now" in html
    assert "Showing what was known" not in html and 'data-moment-query=""' in html


def test_bad_said_by_is_a_form_error_in_the_opened_toggle(analyst_client):
    html = page(analyst_client, topic_url(), as_of=ON_25, said_by="later")
    assert '<details class="said-by" open>' in html
    assert 'id="moment-said-by-error"' in html
    assert "?as_of" not in api_url(html, "timeline")  # now, not half the moment


# --- Forms and query counts --------------------------------------------------------------------


def test_date_control_is_a_labelled_get_form_that_works_without_script(analyst_client):
    html = page(analyst_client, topic_url(), as_of=ON_19)
    form = html.split('<form method="get"', 1)[1].split("</form>", 1)[0]
    assert f'action="{topic_url()}"' in form
    for field_id in ("moment-as-of", "moment-said-by"):
        assert f'<label for="{field_id}">' in form and f'id="{field_id}"' in form
    assert 'type="date"' in form and 'name="as_of"' in form and 'name="said_by"' in form
    assert "<summary>" in form and '<button type="submit">' in form
    assert f'<a href="{topic_url()}" id="back-to-now">Back to now</a>' in form


def test_pages_answer_in_german(analyst_client):
    analyst_client.post(reverse("set_language"), {"language": "de", "next": "/"})
    html = page(analyst_client, topic_url(), as_of=ON_19)
    assert "Gezeigt wird, was am 19. Oktober 2024 bekannt war" in html
    assert "Zurück zu heute" in html and "Was hat sich seit" in html
    bad = page(analyst_client, topic_url(), as_of="2999-01-01")
    assert "liegt in der Zukunft" in bad


def urls() -> dict[str, str]:
    return {
        "home": reverse("home"),
        "topic": topic_url(),
        "claim": claim_url(c0()),
        "actor": actor_url("National Intelligence Service"),
    }


def queries(client, url: str, **params: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ["home", "topic", "claim", "actor"])
def test_past_pages_cost_the_same_queries_whatever_the_number_of_statements(
    editor_client, django_assert_max_num_queries, name
):
    url = urls()[name]
    before = {day: queries(editor_client, url, as_of=day) for day in (ON_19, ON_25)}
    nis, c0_then = Actor.objects.get(name="National Intelligence Service"), c0()
    with clock.recording_at(datetime(2024, 10, 24, 9, tzinfo=UTC)):
        for _ in range(30):
            StatementFactory(claim=c0_then, actor=nis, source=SourceFactory())
    after = {day: queries(editor_client, url, as_of=day) for day in (ON_19, ON_25)}
    assert after == before
    with django_assert_max_num_queries(PAST_PAGE_QUERIES[name]):
        editor_client.get(url, {"as_of": ON_25})
