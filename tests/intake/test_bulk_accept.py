"""Accepting many suggestions at once, as they stand: what needs no decision is recorded, the
rest stays pending with its reason, and a failure of one loses nothing of the others."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.urls import reverse

from actors.models import Actor, ActorKind
from claims.errors import NotAllowed
from claims.models import Claim, Statement
from intake import services
from intake.models import IntakeSuggestion, ReviewStatus
from tests.factories import ClaimFactory, TopicFactory, UserFactory

ARTICLE = Path(__file__).resolve().parent.parent / "data" / "intake" / "en_dprk_troops.txt"
PUBLISHED = date(2024, 10, 22)
pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    source, _ = services.intake_article(
        text=ARTICLE.read_text(encoding="utf-8"),
        language="en",
        recorded_by=None,
        published_on=PUBLISHED,
    )
    return source


def item(source, kind, starting):
    return IntakeSuggestion.objects.get(source=source, kind=kind, text__startswith=starting)


def pending(source):
    return list(source.intake_suggestions.filter(status=ReviewStatus.PENDING))


def test_accept_all_records_what_needs_no_decision_and_says_why_for_the_rest(article, editor):
    claim = ClaimFactory()
    result = services.accept_suggestions(pending(article), editor=editor, claim=claim)

    left = {s.text[:30]: reasons for s, reasons in result.undecided}
    # The citation needs its cited source; the third figure whether it is observed.
    assert set(left) == {"South Korea's spy agency first", "up to 12,000"}
    assert left["up to 12,000"] == ["Say whether the figure is observed or projected."]
    assert len(result.accepted) == article.intake_suggestions.count() - 2
    for suggestion, _reasons in result.undecided:
        suggestion.refresh_from_db()
        assert suggestion.status == ReviewStatus.PENDING and suggestion.statement is None

    austin = item(article, "quote", "There is evidence")
    austin.refresh_from_db()
    assert austin.statement.claim == claim
    assert austin.statement.actor.name == "Lloyd Austin"
    assert austin.statement.actor.kind == ActorKind.PERSON
    # Undated in the text: dated at the article's publication, not at entry time.
    assert austin.statement.said_at == datetime(2024, 10, 22, 12, tzinfo=UTC)
    # A date of its own wins.
    kim = item(article, "statement", "On Monday")
    assert kim.statement.said_at.date() == date(2024, 10, 21)
    # The statement carries the figure of the quantity inside it, accepted with it once.
    kirby = item(article, "statement", "White House")
    figure = item(article, "quantity", "at least 3,000")
    assert figure.status == ReviewStatus.ACCEPTED and figure.statement == kirby.statement
    assert kirby.statement.estimate_value == 3000
    assert Statement.objects.filter(estimate_value=3000).count() == 1
    # New actors' kinds are guessed from their names.
    assert Actor.objects.get(name="United States").kind == ActorKind.STATE
    assert (
        Actor.objects.get(name="South Korea's National Intelligence Service").kind
        == ActorKind.INTELLIGENCE_SERVICE
    )
    assert Actor.objects.get(name="Pyongyang").kind == ActorKind.STATE


def test_without_a_claim_the_statements_need_a_decision_and_the_actors_are_accepted(
    article, editor
):
    before = Statement.objects.count()
    result = services.accept_suggestions(pending(article), editor=editor)

    assert Statement.objects.count() == before
    assert {s.kind for s in result.accepted} == {"actor"}
    quote = next(r for s, r in result.undecided if s.text.startswith("There is evidence"))
    assert quote == ["Which claim? No existing claim matches it: choose one or describe one."]
    quantity = next(r for s, r in result.undecided if s.text.startswith("at least 3,000"))
    assert quantity == ["Its quote needs a decision first."]


def test_a_failure_in_the_middle_loses_neither_the_others_nor_leaves_half_of_itself(
    article, editor
):
    claim = ClaimFactory()
    austin = item(article, "quote", "There is evidence")
    pyongyang = item(article, "statement", "Pyongyang")
    kirby = item(article, "statement", "White House")
    # The figure Kirby's statement carries is out of order: recording it fails after its new
    # actor was made.
    IntakeSuggestion.objects.filter(pk=item(article, "quantity", "at least 3,000").pk).update(
        value=5000, value_max=10
    )
    # Another editor rejected one while this editor's page was open.
    services.reject_suggestion(pyongyang, editor=UserFactory(groups=["editor"]))
    actors_before = Actor.objects.count()

    result = services.accept_suggestions([austin, pyongyang, kirby], editor=editor, claim=claim)

    assert [s.pk for s in result.accepted] == [austin.pk]
    reasons = {s.pk: r for s, r in result.undecided}
    assert reasons[pyongyang.pk][0].startswith("Rejected already, by ")
    assert any("order" in reason for reason in reasons[kirby.pk])
    kirby.refresh_from_db()
    assert kirby.status == ReviewStatus.PENDING and kirby.statement is None
    assert not Actor.objects.filter(name="John Kirby").exists()
    assert Actor.objects.count() == actors_before + 1  # Lloyd Austin only
    assert Statement.objects.filter(claim=claim).count() == 1


def test_a_new_claim_is_made_once_and_shared(article, editor):
    topic = TopicFactory()
    chosen = [item(article, "quote", "There is evidence"), item(article, "quote", "What exactly")]
    result = services.accept_suggestions(
        chosen,
        editor=editor,
        new_claim=services.NewClaim(text="North Korean troops are in Russia.", topic=topic),
    )
    assert len(result.accepted) == 2
    claim = Claim.objects.get(text="North Korean troops are in Russia.")
    assert claim.statements.count() == 2
    assert claim.original_language == "en"


def test_an_undated_article_leaves_the_date_to_the_editor(editor):
    source, _ = services.intake_article(
        text=ARTICLE.read_text(encoding="utf-8"), language="en", recorded_by=None
    )
    austin = item(source, "quote", "There is evidence")
    claim = ClaimFactory()
    result = services.accept_suggestions([austin], editor=editor, claim=claim)
    assert result.undecided[0][1][0].startswith("Neither the text nor the article gives a date")

    result = services.accept_suggestions(
        [austin], editor=editor, claim=claim, said_on=date(2024, 10, 23)
    )
    austin.refresh_from_db()
    assert austin.statement.said_at.date() == date(2024, 10, 23)


def test_analysts_accept_nothing(article):
    analyst = UserFactory(groups=["analyst"])
    with pytest.raises(NotAllowed):
        services.accept_suggestions(pending(article), editor=analyst, claim=ClaimFactory())
    assert not article.intake_suggestions.exclude(status=ReviewStatus.PENDING).exists()


# --- The page ------------------------------------------------------------------------------------


def bulk_url(source):
    return reverse("intake:bulk-accept", args=[source.public_id])


def test_accept_selected_says_how_many_and_shows_the_reasons_beside_the_others(
    client, editor, article
):
    claim = ClaimFactory()
    austin = item(article, "quote", "There is evidence")
    citation = item(article, "citation", "South Korea")
    client.force_login(editor)
    page = client.get(reverse("intake:review", args=[article.public_id]))
    assert f'value="{austin.public_id}"' in page.content.decode()

    response = client.post(
        bulk_url(article),
        {
            "scope": "selected",
            "selected": [austin.public_id, citation.public_id],
            "claim": claim.pk,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "1 accepted, 1 needs a decision." in page
    assert "Choose the source it cites: review it on its own." in page
    austin.refresh_from_db()
    assert austin.statement.claim == claim
    # The reasons are shown once; the next visit shows the page as it is.
    page = client.get(reverse("intake:review", args=[article.public_id])).content.decode()
    assert "Choose the source it cites" not in page


def test_accept_selected_with_nothing_selected_is_an_error_beside_the_checkboxes(
    client, editor, article
):
    client.force_login(editor)
    response = client.post(bulk_url(article), {"scope": "selected"})
    assert response.status_code == 400
    assert "Select the suggestions to accept, or accept all." in response.content.decode()
    assert not article.intake_suggestions.exclude(status=ReviewStatus.PENDING).exists()


def test_the_review_page_stays_in_constant_queries_with_more_claims(
    client, editor, article, django_assert_max_num_queries
):
    client.force_login(editor)
    url = reverse("intake:review", args=[article.public_id])
    ClaimFactory.create_batch(40)
    # Session, user and permissions (4), source, suggestions, the claims offered (2), the
    # claim last used, the offered claims and the topics as choices.
    with django_assert_max_num_queries(11):
        page = client.get(url).content.decode()
    assert page.count('name="selected"') == len(pending(article))
    assert page.count("<option") < 80  # the offered claims are bounded (30) and the topics


def test_analysts_cannot_bulk_accept(client, article):
    client.force_login(UserFactory(groups=["analyst"]))
    assert client.post(bulk_url(article), {"scope": "all"}).status_code == 403
