"""Source names across the site link to the source pages: the actor page, the overview, the
review queue and the changes panel (the timelines are drawn by static/js/dashboards.js, tested
in tests/browser/test_source_pages.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Claim, FlagReason
from sources.models import Health, Source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link_to(source: Source) -> str:
    return f'<a href="{reverse("source-detail", args=[source.public_id])}">{source.title}</a>'


@pytest.fixture
def desk(client, demo):
    client.force_login(UserFactory(username="desk", groups=["editor"]))
    return client


def test_the_actor_page_links_the_sources_of_its_statements(desk):
    zelensky = Claim.objects.get(text__startswith="North Korean soldiers have been sent").statements
    statement = zelensky.get(actor__name="Volodymyr Zelensky")
    page = desk.get(reverse("actor-detail", args=[statement.actor.public_id])).content.decode()
    assert link_to(statement.source) in page


def test_the_overview_links_the_sources_whose_health_changed(desk):
    briefing = Source.objects.get(title__startswith="NIS briefing")
    Source.objects.filter(pk=briefing.pk).update(
        health=Health.GONE, health_changed_at=timezone.now()
    )
    assert link_to(briefing) in desk.get(reverse("home")).content.decode()


def test_the_review_queue_links_a_flags_source(desk):
    briefing = Source.objects.get(title__startswith="NIS briefing")
    claim = Claim.objects.get(text__startswith="North Korea has moved 1,500 soldiers")
    services.open_flag(claim, reason=FlagReason.SOURCE_GONE, source=briefing)
    assert link_to(briefing) in desk.get(reverse("review-queue")).content.decode()


def test_the_changes_panel_links_a_new_source(desk):
    nato = Source.objects.get(title__startswith="NATO press conference")
    url = reverse("topic-detail", args=["dprk-troops-in-russia"])
    page = desk.get(url, {"as_of": "2024-10-29", "since": "2024-10-23"}).content.decode()
    assert f"New source: {link_to(nato)}" in page
