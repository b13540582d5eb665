"""The intake pages: an editor turns suggestions into statements; nothing happens without one."""

import threading
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from pytest_httpserver import HTTPServer

from actors.models import Actor
from claims import services as claim_services
from claims.errors import NotAllowed
from claims.models import ChangeEvent, Claim, Statement, Topic
from intake import services
from intake.models import IntakeSuggestion
from sources.models import Source
from tests.factories import ClaimFactory, TopicFactory, UserFactory

STORY = Path(__file__).resolve().parent.parent / "data" / "intake" / "de_nordkorea_truppen.txt"
pytestmark = pytest.mark.django_db


@pytest.fixture
def story(story_actors, story_text):
    source, _ = services.intake_article(
        text=story_text,
        language="de",
        recorded_by=None,
        published_on=date(2024, 10, 22),
        publisher=story_actors["afp"],
        kind="agency_wire",
    )
    return source


def suggestion(source, kind, starting):
    return IntakeSuggestion.objects.get(source=source, kind=kind, text__startswith=starting)


def counts():
    return (
        Statement.objects.count(),
        Claim.objects.count(),
        Actor.objects.count(),
        Topic.objects.count(),
        ChangeEvent.objects.count(),
    )


def accept_url(item):
    return reverse("intake:accept", args=[item.public_id])


# --- Who may ------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("intake:new"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_analysts_get_403_on_every_intake_page(client, analyst, story):
    item = suggestion(story, "quote", "Wenn das")
    client.force_login(analyst)
    before = counts()
    assert client.get(reverse("intake:new")).status_code == 403
    assert client.post(reverse("intake:new"), {"text": "x", "language": "de"}).status_code == 403
    assert client.get(reverse("intake:review", args=[story.public_id])).status_code == 403
    assert client.get(accept_url(item)).status_code == 403
    assert client.post(accept_url(item), {}).status_code == 403
    assert client.post(reverse("intake:reject", args=[item.public_id])).status_code == 403
    item.refresh_from_db()
    assert item.status == "pending" and counts() == before
    assert Source.objects.count() == 1


def test_services_refuse_analysts_too(analyst, story):
    item = suggestion(story, "quote", "Wenn das")
    with pytest.raises(NotAllowed):
        services.reject_suggestion(item, editor=analyst)
    with pytest.raises(NotAllowed):
        services.intake_article(text="Text.", language="de", recorded_by=analyst)


def test_posts_need_the_csrf_token(editor, story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    item = suggestion(story, "quote", "Wenn das")
    assert client.post(reverse("intake:reject", args=[item.public_id])).status_code == 403
    item.refresh_from_db()
    assert item.status == "pending"


# --- New from article ----------------------------------------------------------------------------


def test_the_new_article_page_has_labelled_fields(client, editor):
    client.force_login(editor)
    page = client.get(reverse("intake:new")).content.decode()
    assert "New from article" in page and 'name="csrfmiddlewaretoken"' in page
    for field in ("url", "text", "language", "published_on", "title", "publisher", "kind"):
        assert f'<label for="id_{field}">' in page


def test_pasted_text_becomes_a_source_with_highlighted_suggestions(client, editor, story_actors):
    client.force_login(editor)
    response = client.post(
        reverse("intake:new"),
        {
            "text": STORY.read_text(),
            "language": "de",
            "published_on": "2024-10-22",
            "publisher": story_actors["afp"].pk,
            "kind": "agency_wire",
        },
    )
    source = Source.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:review", args=[source.public_id])
    page = client.get(response["Location"]).content.decode()
    assert '<mark class="hl hl-quote hl-statement">' not in page  # quotes are not statements
    assert '<mark class="hl hl-quote">Wenn das zutrifft' in page
    assert '<mark class="hl hl-quantity hl-statement">1.500 Soldaten</mark>' in page
    assert "Robert Wood" in page and "Review and accept" in page
    assert page.count('action="/intake/suggestions/') == source.intake_suggestions.count()


def test_an_article_url_is_fetched_and_stored(client, editor, settings, httpserver: HTTPServer):
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    body = (
        "<html><body><article><h1>Hafen</h1><p>"
        + (
            "„Die Arbeitgeber haben uns keine andere Wahl gelassen“, sagte "
            "GHL-Verhandlungsführerin Sabine Kortmann vor dem Containerterminal Waltershof. " * 3
        )
        + "</p></article></body></html>"
    )
    httpserver.expect_request("/hafen").respond_with_data(body, content_type="text/html")
    client.force_login(editor)
    url = httpserver.url_for("/hafen")
    response = client.post(
        reverse("intake:new"), {"url": url, "language": "de", "kind": "news_article"}
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.url == url and "Sabine Kortmann" in source.text
    assert source.intake_suggestions.filter(kind="quote", speaker="Sabine Kortmann").exists()


def test_a_refused_url_is_a_form_error(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("intake:new"),
        {"url": "http://169.254.169.254/latest/", "language": "en", "kind": "news_article"},
    )
    assert response.status_code == 200
    assert "refused" in response.content.decode()
    assert not Source.objects.exists()


def test_either_text_or_url_is_required(client, editor):
    client.force_login(editor)
    response = client.post(reverse("intake:new"), {"language": "de", "kind": "news_article"})
    assert "Give either the article" in response.content.decode()
    assert not Source.objects.exists()


# --- Accept, edit, reject ------------------------------------------------------------------------


def test_accepting_a_quote_records_the_statement_through_the_service(
    client, editor, story, story_actors, monkeypatch
):
    calls = []
    record = claim_services.record_statement

    def spy(**kwargs):
        calls.append(kwargs)
        return record(**kwargs)

    monkeypatch.setattr(claim_services, "record_statement", spy)
    item = suggestion(story, "quote", "Wenn das")
    client.force_login(editor)
    form = client.get(accept_url(item))
    assert form.status_code == 200
    assert form.context["form"].initial["actor"] == story_actors["wood"]
    assert form.context["form"].initial["stance"] == "asserts"

    response = client.post(
        accept_url(item),
        {
            "actor": story_actors["wood"].pk,
            "new_actor_kind": "person",
            "new_claim_text": "North Korean soldiers have been sent to Russia",
            "new_topic_title": "DPRK troops in Russia",
            "stance": "comments",
            "quote": item.text,
            "said_on": "2024-10-21",
            "venue": "UN Security Council",
            "credibility": "6",
        },
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert len(calls) == 1 and calls[0]["recorded_by"] == editor
    assert (statement.actor, statement.source, statement.stance) == (
        story_actors["wood"],
        story,
        "comments",
    )
    assert statement.quote == item.text and statement.quote_language == "de"
    assert statement.said_at == datetime(2024, 10, 21, 12, tzinfo=UTC)
    assert statement.claim.topic.title == "DPRK troops in Russia"
    assert statement.claim.original_text == item.text
    assert ChangeEvent.objects.filter(kind="statement.recorded").count() == 1
    item.refresh_from_db()
    assert (item.status, item.statement, item.reviewed_by) == ("accepted", statement, editor)
    page = client.get(reverse("intake:review", args=[story.public_id])).content.decode()
    assert "Accepted" in page


def test_edit_then_accept_with_a_new_actor_on_an_existing_claim(client, editor, story):
    claim = ClaimFactory(text="North Korea denies sending soldiers")
    item = suggestion(story, "statement", "Der nordkoreanische UN-Vertreter")
    client.force_login(editor)
    response = client.post(
        accept_url(item),
        {
            "new_actor_name": "Kim Song",
            "new_actor_kind": "person",
            "new_actor_country": "kp",
            "claim": claim.pk,
            "stance": "denies",
            "quote": "haltlose Gerüchte",
            "translation": "groundless rumours",
            "credibility": "6",
        },
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.actor.name, statement.actor.country) == ("Kim Song", "KP")
    assert statement.actor.aliases.filter(name="DPRK representative to the UN").exists() is False
    assert (statement.claim, statement.quote, statement.translation) == (
        claim,
        "haltlose Gerüchte",
        "groundless rumours",
    )


def test_accepting_a_quantity_creates_a_claim_with_that_quantity(client, editor, story):
    topic = TopicFactory()
    item = suggestion(story, "quantity", "bis zu 12.000")
    client.force_login(editor)
    form = client.get(accept_url(item)).context["form"]
    initial = form.initial
    assert (initial["quantity_value"], initial["quantity_unit"], initial["quantity_qualifier"]) == (
        Decimal(12000),
        "soldiers",
        "up_to",
    )
    assert initial["stance"] == "asserts" and initial["quote"].startswith("Der südkoreanische")
    response = client.post(
        accept_url(item),
        {
            "actor": initial["actor"].pk,
            "new_actor_kind": "person",
            "new_claim_text": "North Korea could send up to 12,000 soldiers",
            "topic": topic.pk,
            "quantity_value": "12000",
            "quantity_unit": "soldiers",
            "quantity_qualifier": "up_to",
            "quantity_is_projection": "on",
            "stance": "asserts",
            "quote": initial["quote"],
            "said_on": "2024-10-18",
            "credibility": "3",
        },
    )
    assert response.status_code == 302
    claim = Statement.objects.get().claim
    assert (claim.quantity_value, claim.quantity_unit, claim.quantity_qualifier) == (
        Decimal(12000),
        "soldiers",
        "up_to",
    )
    assert claim.quantity_is_projection and claim.first_asserted_on == date(2024, 10, 18)
    assert claim.claimant.name == "National Intelligence Service"


def test_an_incomplete_acceptance_shows_errors_and_records_nothing(client, editor, story):
    item = suggestion(story, "quote", "Wenn das")
    client.force_login(editor)
    before = counts()
    response = client.post(
        accept_url(item),
        {
            "new_actor_kind": "person",
            "new_claim_text": "A claim",
            "stance": "asserts",
            "credibility": "6",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose an actor or name a new one." in page
    assert "Choose a topic for the new claim or name a new one." in page
    assert counts() == before


def test_a_bad_quantity_is_a_form_error(client, editor, story, story_actors):
    item = suggestion(story, "quantity", "1.500 Soldaten")
    client.force_login(editor)
    before = counts()
    response = client.post(
        accept_url(item),
        {
            "actor": story_actors["nis"].pk,
            "new_actor_kind": "person",
            "new_claim_text": "North Korea moved soldiers",
            "new_topic_title": "DPRK troops",
            "quantity_value": "1500",
            "quantity_qualifier": "exact",
            "stance": "asserts",
            "credibility": "6",
        },
    )
    assert response.status_code == 200
    assert "A quantity needs a value, a unit and a qualifier" in response.content.decode()
    assert counts() == before  # not even the new topic


def test_a_quantity_without_its_value_is_a_form_error(client, editor, story, story_actors):
    item = suggestion(story, "quantity", "1.500 Soldaten")
    client.force_login(editor)
    before = counts()
    response = client.post(
        accept_url(item),
        {
            "actor": story_actors["nis"].pk,
            "new_actor_kind": "person",
            "new_claim_text": "North Korea moved soldiers",
            "new_topic_title": "DPRK troops",
            "quantity_unit": "soldiers",
            "quantity_qualifier": "exact",
            "stance": "asserts",
            "credibility": "6",
        },
    )
    assert response.status_code == 200
    assert "A quantity needs a value, a unit and a qualifier" in response.content.decode()
    assert counts() == before


def test_rejecting_creates_nothing(client, editor, story):
    item = suggestion(story, "quote", "Wenn das")
    client.force_login(editor)
    before = counts()
    response = client.post(reverse("intake:reject", args=[item.public_id]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.reviewed_by, item.statement) == ("rejected", editor, None)
    assert counts() == before
    page = client.get(reverse("intake:review", args=[story.public_id])).content.decode()
    assert "Rejected" in page
    assert '<mark class="hl hl-quote">Wenn das' not in page


def test_a_reviewed_suggestion_cannot_be_reviewed_again(client, editor, story):
    item = suggestion(story, "quote", "Wenn das")
    services.reject_suggestion(item, editor=editor)
    with pytest.raises(ValidationError, match="already rejected"):
        services.reject_suggestion(item, editor=editor)
    client.force_login(editor)
    response = client.get(accept_url(item))
    assert response.status_code == 302
    assert not Statement.objects.exists()


def test_accepting_a_new_person_creates_the_actor_and_links_their_quotes(client, editor):
    source, _ = services.intake_article(
        text=(
            "„Die Lage ist weiterhin sehr angespannt“, sagte Landrätin Petra Hollmann am Sonntag. "
            "Hollmann kündigte weitere Hilfen an."
        ),
        language="de",
        recorded_by=editor,
        published_on=date(2024, 6, 3),
    )
    item = source.intake_suggestions.get(kind="actor")
    assert (item.name, item.is_known, item.actor) == ("Petra Hollmann", False, None)
    client.force_login(editor)
    response = client.post(
        accept_url(item), {"name": "Petra Hollmann", "kind": "person", "country": "de"}
    )
    assert response.status_code == 302
    actor = Actor.objects.get(name="Petra Hollmann")
    assert actor.country == "DE"
    assert set(source.intake_suggestions.values_list("kind", "actor")) == {
        ("actor", actor.pk),
        ("quote", actor.pk),
        ("statement", actor.pk),
    }
    assert (
        client.get(accept_url(source.intake_suggestions.get(kind="quote")))
        .context["form"]
        .initial["actor"]
        == actor
    )


def test_confirming_a_known_actor_creates_nothing(client, editor, story, story_actors):
    item = story.intake_suggestions.get(kind="actor", actor=story_actors["wood"])
    client.force_login(editor)
    before = counts()
    assert client.post(accept_url(item), {}).status_code == 302
    item.refresh_from_db()
    assert item.status == "accepted" and counts() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_accepting_at_once_record_one_statement(story_actors, story_text):
    source, _ = services.intake_article(
        text=story_text, language="de", recorded_by=None, published_on=date(2024, 10, 22)
    )
    item = source.intake_suggestions.get(kind="quote", text__startswith="Wenn das")
    claim = ClaimFactory()
    editors = [UserFactory(groups=["editor"]) for _ in range(2)]
    barrier = threading.Barrier(2)
    results = []

    def accept(editor):
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            results.append(
                services.accept_suggestion(
                    item,
                    editor=editor,
                    stance="comments",
                    quote=item.text,
                    claim=claim,
                    actor=story_actors["wood"],
                )
            )
        except ValidationError as error:
            results.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=accept, args=(editor,)) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(type(r).__name__ for r in results) == ["Statement", "ValidationError"]
    assert Statement.objects.count() == 1


def test_pasted_text_over_the_intake_limit_is_a_form_error_at_once(client, editor):
    client.force_login(editor)
    pasted = "Nordkorea hat nach Angaben Südkoreas 1.500 Soldaten verlegt. " * 37_000  # 2.3 MB
    started = time.monotonic()
    response = client.post(
        reverse("intake:new"), {"text": pasted, "language": "de", "kind": "agency_wire"}
    )
    assert response.status_code == 200
    assert "the intake takes at most 200,000" in response.content.decode()
    assert time.monotonic() - started < 5
    assert not Source.objects.exists()


def test_the_intake_limit_is_a_setting(client, editor, settings):
    settings.CLAIMTRACK_INTAKE_MAX_CHARS = 100
    client.force_login(editor)
    response = client.post(
        reverse("intake:new"), {"text": "x" * 101, "language": "de", "kind": "agency_wire"}
    )
    assert "the intake takes at most 100" in response.content.decode()
    assert not Source.objects.exists()
