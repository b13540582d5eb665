"""The review queue asks what became of a due projection; the actor page shows the outcomes."""

import pytest
from django.test import Client

from claims import services
from claims.models import FlagReason, ReviewFlag
from tests.api.api_helpers import actor, claim
from tests.factories import UserFactory


@pytest.fixture
def desk(demo) -> Client:
    client = Client()
    client.force_login(UserFactory(username="desk", groups=["editor"]))
    return client


@pytest.mark.django_db
def test_the_queue_asks_for_the_outcome_of_a_due_projection(desk):
    services.estimates.flag_due_projections()
    page = desk.get("/review/").content.decode()
    assert "National Intelligence Service projected about 10,000 soldiers by December 2024" in page
    assert page.count('class="resolve-flag projection-outcome"') == 2
    assert 'value="borne_out"' in page and 'value="cannot_tell"' in page


@pytest.mark.django_db
def test_the_actor_page_shows_the_track_record(desk, editor, django_assert_max_num_queries):
    nis = actor("National Intelligence Service")
    services.estimates.flag_due_projections()
    flag = ReviewFlag.objects.get(
        reason=FlagReason.PROJECTION_DUE, statement__claim=claim("C3"), statement__actor=nis
    )
    assert flag.statement is not None
    services.estimates.record_projection_outcome(
        flag.statement,
        outcome="borne_out",
        rationale="About 11,000 were in Kursk by early December.",
        editor=editor,
    )
    with django_assert_max_num_queries(20):
        page = desk.get(f"/actors/{nis.public_id}/").content.decode()
    assert "Track record of projections" in page
    assert 'data-outcome="borne_out">Borne out: <strong>1</strong>' in page
    assert "1 due, awaiting an outcome" in page  # up to 12,000 in 2024
    assert "About 11,000 were in Kursk by early December." in page

    german = desk.get(f"/actors/{nis.public_id}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Bilanz der Prognosen" in german
    assert "rund 10.000 Soldaten bis Dezember 2024" in german


@pytest.mark.django_db
def test_an_actor_without_projections_has_no_track_record(desk):
    page = desk.get(f"/actors/{actor('Lloyd Austin').public_id}/").content.decode()
    assert "Track record of projections" not in page
