"""The review queue asks what became of a due projection; the actor page shows the outcomes."""

from decimal import Decimal

import pytest
from django.test import Client

from claims import services
from claims.models import FlagReason, ReviewFlag, Statement
from tests.api.api_helpers import actor, claim
from tests.factories import UserFactory


def figures_table(page: str) -> str:
    table = page[page.index('id="figures"') :]
    return table[: table.index("</table>")]


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


@pytest.mark.django_db
def test_the_claim_page_lists_the_figures_given_as_they_read_then(
    desk, django_assert_max_num_queries
):
    c1 = claim("C1")
    with django_assert_max_num_queries(30):
        page = desk.get(f"/claims/{c1.public_id}/").content.decode()
    figures = figures_table(page)
    assert figures.count("1,500 soldiers as of 18 October 2024") == 4  # the briefing and 3 repeats
    assert figures.count("DPRK troops in Russia") == 4

    c3 = claim("C3")
    german = desk.get(f"/claims/{c3.public_id}/", headers={"accept-language": "de"}).content
    assert "rund 10.000 Soldaten bis Dezember 2024" in german.decode()


@pytest.mark.django_db
def test_a_figure_corrected_later_reads_as_it_did_then(desk, editor):
    briefing = Statement.objects.get(claim=claim("C1"), source__title__startswith="NIS briefing")
    briefing.estimate_value = Decimal(1600)
    services.statement_update(briefing, editor=editor)
    now = figures_table(desk.get(f"/claims/{claim('C1').public_id}/").content.decode())
    then = figures_table(
        desk.get(f"/claims/{claim('C1').public_id}/?as_of=2024-10-20").content.decode()
    )
    assert "1,600 soldiers" in now and now.count("1,500 soldiers") == 3
    assert "1,600 soldiers" not in then and then.count("1,500 soldiers") == 4


@pytest.mark.django_db
def test_the_claim_page_asks_editors_for_a_due_projection_outcome(desk):
    services.estimates.flag_due_projections()
    page = desk.get(f"/claims/{claim('C3').public_id}/").content.decode()
    assert 'class="resolve-flag projection-outcome"' in page


@pytest.mark.django_db
def test_a_claim_with_many_figures_shows_the_first_fifty_and_offers_them_all(
    desk, editor, django_assert_max_num_queries
):
    from claims.estimates import Estimate
    from tests.factories import ActorFactory, SourceFactory

    c1 = claim("C1")
    for value in range(60):
        services.record_statement(
            claim=c1,
            actor=ActorFactory(),
            source=SourceFactory(),
            stance="asserts",
            recorded_by=editor,
            estimate=Estimate(unit="soldiers", value=Decimal(2000 + value)),
        )
    with django_assert_max_num_queries(40):
        page = desk.get(f"/claims/{c1.public_id}/").content.decode()
    assert figures_table(page).count("<tr class=") == 50
    assert "The first 50 of 64 figures." in page
    assert f"/api/v1/claims/{c1.public_id}/estimates/?format=csv" in page
