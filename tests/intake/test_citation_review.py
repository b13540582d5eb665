"""Citations the intake proposes: stored once per party, shown with their evidence, accepted
with an existing or a new source through sources.services.cite_source, or rejected."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actors.models import Actor, ActorKind
from claims.errors import NotAllowed
from intake import services
from intake.models import IntakeSuggestion
from sources import services as source_services
from sources.models import Citation, Reliance, Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

ENGLISH = (
    "North Korea moves troops\n\n"
    "Seoul (AFP) - North Korea has sent 1,500 soldiers to Russia, the news agency Yonhap "
    "reported on Friday, citing South Korea's intelligence service. According to Yonhap, "
    "more could follow. Yonhap reported later that 12,000 could be sent."
)


@pytest.fixture
def story(story_actors, story_text):
    """The German wire report, published by AFP: it relies on a KCNA report."""
    Actor.objects.filter(pk=story_actors["kcna"].pk).update(kind=ActorKind.NEWS_AGENCY)
    source, _ = services.intake_article(
        text=story_text,
        language="de",
        recorded_by=None,
        published_on=date(2024, 10, 22),
        publisher=story_actors["afp"],
        kind="agency_wire",
    )
    return source


@pytest.fixture
def kcna_item(story):
    return story.intake_suggestions.get(kind="citation")


@pytest.fixture
def english(editor):
    source, _ = services.intake_article(
        text=ENGLISH, language="en", recorded_by=editor, title="North Korea moves troops"
    )
    return source


def accept_url(item):
    return reverse("intake:accept", args=[item.public_id])


def written():
    return (Citation.objects.count(), Reliance.objects.count(), Source.objects.count())


def kcna_report(story_actors, day, title):
    return SourceFactory(
        publisher=story_actors["kcna"],
        kind="state_media_report",
        title=title,
        published_at=datetime(2024, 10, day, 12, tzinfo=UTC) if day else None,
    )


# --- Stored once per party ------------------------------------------------------------------------


def test_the_story_proposes_its_kcna_report_once(story, story_actors, kcna_item):
    assert (kcna_item.name, kcna_item.actor, kcna_item.is_known, kcna_item.status) == (
        "KCNA",
        story_actors["kcna"],
        True,
        "pending",
    )
    assert kcna_item.text == "Die staatliche Nachrichtenagentur KCNA hatte am Samstag berichtet"
    assert story.text[kcna_item.start : kcna_item.end] == kcna_item.text
    assert not Citation.objects.exists()  # nothing is recorded without an editor


def test_a_party_relied_on_three_times_is_proposed_once_and_the_dateline_agency_never(english):
    items = english.intake_suggestions.filter(kind="citation").order_by("start")
    assert [(s.name, s.actor_id, s.actor_kind) for s in items] == [
        ("Yonhap", None, "news_agency"),
        ("South Korea's intelligence service", None, "intelligence_service"),
    ]


# --- The review page -----------------------------------------------------------------------------


def test_the_review_page_shows_whom_the_article_relies_on_with_the_sentence(
    client, editor, story, kcna_item
):
    client.force_login(editor)
    page = client.get(reverse("intake:review", args=[story.public_id])).content.decode()
    assert (
        "This article relies on: Korean Central News Agency "
        "(Die staatliche Nachrichtenagentur KCNA hatte am Samstag berichtet)"
    ) in page
    assert (
        '<blockquote lang="de" class="intake-evidence"><mark class="hl hl-citation">'
        "Die staatliche Nachrichtenagentur KCNA hatte am Samstag berichtet</mark>, in Pjöngjang "
        "seien Teile einer südkoreanischen Drohne gefunden worden.</blockquote>"
    ) in page
    assert 'class="hl hl-actor hl-citation hl-statement">KCNA</mark>' in page
    assert accept_url(kcna_item) in page


def test_the_review_page_in_german(client, editor, story, kcna_item):
    client.force_login(editor)
    page = client.get(
        reverse("intake:review", args=[story.public_id]), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "Dieser Artikel stützt sich auf: Korean Central News Agency" in page
    assert '<mark class="hl hl-citation">Quellenverweis</mark>' in page
    form = client.get(accept_url(kcna_item), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Eine neue Quelle" in form and "Quellenverweis erfassen" in form


# --- Accepting -----------------------------------------------------------------------------------


def test_accepting_with_an_existing_source_cites_it_through_the_service(
    client, editor, story, story_actors, kcna_item, monkeypatch
):
    calls = []
    cite = source_services.cite_source

    def spy(**kwargs):
        calls.append(kwargs)
        return cite(**kwargs)

    monkeypatch.setattr(source_services, "cite_source", spy)
    older = kcna_report(story_actors, 12, "KCNA: drones over Pyongyang")
    newer = kcna_report(story_actors, 19, "KCNA: parts of a drone found")
    undated = kcna_report(story_actors, None, "KCNA commentary")
    client.force_login(editor)
    form = client.get(accept_url(kcna_item)).context["form"]
    assert form.offered == [newer, older, undated]  # newest first, the undated last
    assert form.initial["note"] == kcna_item.text

    response = client.post(accept_url(kcna_item), {"cited": str(newer.public_id), "note": "x"})
    assert response.status_code == 302
    citation = Citation.objects.get()
    assert (citation.citing, citation.cited, citation.note) == (story, newer, "x")
    assert len(calls) == 1 and calls[0]["editor"] == editor
    assert Reliance.objects.filter(source=story, relies_on=newer, is_origin=True).exists()
    kcna_item.refresh_from_db()
    assert (kcna_item.status, kcna_item.citation, kcna_item.reviewed_by) == (
        "accepted",
        citation,
        editor,
    )
    page = client.get(reverse("intake:review", args=[story.public_id])).content.decode()
    assert "cites “KCNA: parts of a drone found”" in page


def test_accepting_with_a_new_source_makes_the_partys_report(
    client, editor, story, story_actors, kcna_item
):
    client.force_login(editor)
    initial = client.get(accept_url(kcna_item)).context["form"].initial
    assert initial["cited"] == "new"  # KCNA has no source yet
    assert initial["new_source_title"] == (
        "Korean Central News Agency report cited by USA: Nordkoreanische Soldaten in Russland "
        "wären gefährliche Entwicklung"
    )
    response = client.post(
        accept_url(kcna_item),
        {
            "cited": "new",
            "new_source_title": initial["new_source_title"],
            "publisher": story_actors["kcna"].pk,
            "new_publisher_kind": "organisation",
            "note": kcna_item.text,
        },
    )
    assert response.status_code == 302
    cited = Source.objects.exclude(pk=story.pk).get()
    assert (cited.title, cited.publisher, cited.kind, cited.reliability, cited.published_at) == (
        initial["new_source_title"],
        story_actors["kcna"],
        "agency_wire",  # from the agency's kind
        "F",
        None,
    )
    citation = Citation.objects.get()
    assert (citation.citing, citation.cited, citation.note) == (story, cited, kcna_item.text)
    assert list(Reliance.objects.values_list("source", "relies_on", "is_origin")) == [
        (story.pk, cited.pk, True)
    ]


@pytest.mark.parametrize(
    ("kind", "source_kind"),
    [
        ("intelligence_service", "intelligence_briefing"),
        ("news_agency", "agency_wire"),
        ("media_outlet", "news_article"),
        ("government_body", "official_statement"),
        ("state", "official_statement"),
        ("organisation", "official_statement"),
        ("person", "official_statement"),
    ],
)
def test_the_new_sources_kind_follows_the_publishers(kind, source_kind):
    assert services.cited_source_kind(kind) == source_kind


def test_an_unknown_party_becomes_a_new_actor_with_the_name_as_written(client, editor, english):
    item = english.intake_suggestions.get(
        kind="citation", name="South Korea's intelligence service"
    )
    client.force_login(editor)
    initial = client.get(accept_url(item)).context["form"].initial
    assert (initial["new_publisher_name"], initial["new_publisher_kind"]) == (
        "South Korea's intelligence service",
        "intelligence_service",
    )
    response = client.post(
        accept_url(item),
        {
            "cited": "new",
            "new_source_title": "NIS briefing to lawmakers",
            "new_source_published_on": "2024-10-18",
            "new_publisher_name": "National Intelligence Service",
            "new_publisher_kind": "intelligence_service",
            "new_publisher_country": "kr",
            "note": item.text,
        },
    )
    assert response.status_code == 302
    nis = Actor.objects.get(name="National Intelligence Service")
    assert (nis.kind, nis.country) == ("intelligence_service", "KR")
    assert list(nis.aliases.values_list("name", flat=True)) == [
        "South Korea's intelligence service"
    ]
    cited = Citation.objects.get(citing=english).cited
    assert (cited.publisher, cited.kind, cited.published_at) == (
        nis,
        "intelligence_briefing",
        datetime(2024, 10, 18, 12, tzinfo=UTC),
    )
    item.refresh_from_db()
    assert (item.status, item.actor) == ("accepted", nis)


# --- Rejecting and bad input ---------------------------------------------------------------------


def test_rejecting_marks_it_rejected_and_writes_nothing(client, editor, story, kcna_item):
    client.force_login(editor)
    before = written()
    response = client.post(reverse("intake:reject", args=[kcna_item.public_id]))
    assert response.status_code == 302
    kcna_item.refresh_from_db()
    assert (kcna_item.status, kcna_item.reviewed_by, kcna_item.citation) == (
        "rejected",
        editor,
        None,
    )
    assert written() == before


def test_no_source_chosen_is_a_form_error(client, editor, story, story_actors, kcna_item):
    kcna_report(story_actors, 19, "KCNA: parts of a drone found")
    client.force_login(editor)
    before = written()
    response = client.post(accept_url(kcna_item), {"note": "kept"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose the cited source: one of these, or a new one." in page
    assert 'value="kept"' in page  # what the editor wrote is still there
    assert written() == before
    kcna_item.refresh_from_db()
    assert kcna_item.is_pending


def test_a_new_source_needs_its_title_and_publisher(client, editor, story, kcna_item):
    client.force_login(editor)
    before = written()
    response = client.post(
        accept_url(kcna_item),
        {"cited": "new", "new_source_title": " ", "new_publisher_kind": "organisation"},
    )
    page = response.content.decode()
    assert "Give the new source a title." in page
    assert "Choose who published the new source, or name a new actor." in page
    assert written() == before


def test_a_duplicate_citation_is_a_form_error_and_loses_nothing(
    client, editor, story, story_actors, kcna_item
):
    report = kcna_report(story_actors, 19, "KCNA: parts of a drone found")
    source_services.cite_source(citing=story, cited=report, editor=editor)
    client.force_login(editor)
    before = (*written(), Actor.objects.count())
    response = client.post(
        accept_url(kcna_item), {"cited": str(report.public_id), "note": "my note"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "already cites" in page and 'value="my note"' in page
    assert (*written(), Actor.objects.count()) == before
    kcna_item.refresh_from_db()
    assert kcna_item.is_pending and kcna_item.citation is None


def test_a_refused_new_actor_writes_no_source_either(client, editor, english):
    item = english.intake_suggestions.get(kind="citation", name="Yonhap")
    Actor.objects.create(name="Yonhap", kind="news_agency", country="KR")
    client.force_login(editor)
    before = (*written(), Actor.objects.count())
    response = client.post(
        accept_url(item),
        {
            "cited": "new",
            "new_source_title": "Yonhap report",
            "new_publisher_name": "Yonhap",
            "new_publisher_kind": "news_agency",
            "new_publisher_country": "KR",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert (*written(), Actor.objects.count()) == before


def test_a_source_not_offered_is_refused(client, editor, story, kcna_item):
    elsewhere = SourceFactory()
    client.force_login(editor)
    response = client.post(accept_url(kcna_item), {"cited": str(elsewhere.public_id)})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Citation.objects.exists()


# --- The service alone ---------------------------------------------------------------------------


def test_the_service_refuses_analysts_other_kinds_and_a_second_review(
    analyst, editor, story, story_actors, kcna_item
):
    report = kcna_report(story_actors, 19, "KCNA: parts of a drone found")
    with pytest.raises(NotAllowed):
        services.accept_citation(kcna_item, editor=analyst, cited=report)
    quote = IntakeSuggestion.objects.filter(source=story, kind="quote").first()
    with pytest.raises(ValidationError, match="Only citation suggestions"):
        services.accept_citation(quote, editor=editor, cited=report)
    with pytest.raises(ValidationError, match="cited source"):
        services.accept_citation(kcna_item, editor=editor)
    services.accept_citation(kcna_item, editor=editor, cited=report)
    with pytest.raises(ValidationError, match="already accepted"):
        services.accept_citation(kcna_item, editor=editor, cited=report)
    assert Citation.objects.count() == 1


def test_a_citation_suggestion_records_no_statement(editor, kcna_item):
    with pytest.raises(ValidationError, match="do not record statements"):
        services.accept_suggestion(kcna_item, editor=editor, stance="asserts", quote="")


def test_analysts_get_403_on_a_citation(client, analyst, kcna_item):
    client.force_login(analyst)
    assert client.get(accept_url(kcna_item)).status_code == 403
    assert client.post(accept_url(kcna_item), {"cited": "new"}).status_code == 403
    assert not Citation.objects.exists()


# --- The page's cost ----------------------------------------------------------------------------


def test_the_review_page_reads_accepted_citations_in_constant_queries(
    client, editor, english, django_assert_max_num_queries
):
    client.force_login(editor)
    url = reverse("intake:review", args=[english.public_id])
    # 7 for the page, 3 for the bulk accept form's claims (offered, last used) and topics.
    with django_assert_max_num_queries(10):
        client.get(url)
    for item in english.intake_suggestions.filter(kind="citation"):
        cited = SourceFactory()
        services.accept_citation(item, editor=editor, cited=cited)
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert page.count("cites “Source") == 2
