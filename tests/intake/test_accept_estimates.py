"""Accepting a suggestion records the figure it gives as the statement's estimate, so that an
accepted statement adds a point to the topic's chart; bad figures are form errors, and nothing
is recorded until they are right."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from actors.models import Actor
from claims.estimates import Estimate
from claims.models import ChangeEvent, Claim, Measure, Statement, Topic
from intake import services
from intake.models import IntakeSuggestion
from tests.factories import ActorFactory, ClaimFactory, TopicFactory

pytestmark = pytest.mark.django_db

PUBLISHED = date(2024, 10, 22)
GERMAN = (
    "Nach Angaben des südkoreanischen Geheimdienstes hat Nordkorea 1.500 Soldaten nach Russland "
    "verlegt; bis Dezember sollen es rund 10.000 sein."
)
ENGLISH = (
    "North Korea has sent 1,500 soldiers to Russia, and about 10,000 are expected there by "
    "December, the NIS said."
)
OBSERVED = Estimate(unit="soldiers", qualifier="exact", value=Decimal(1500), refers_to=PUBLISHED)
BY_DECEMBER = Estimate(
    unit="soldiers",
    qualifier="approximate",
    value=Decimal(10000),
    kind="projection",
    refers_to=date(2024, 12, 1),
    refers_to_precision="month",
)


def take_in(text: str, language: str):
    source, _ = services.intake_article(
        text=text, language=language, recorded_by=None, published_on=PUBLISHED
    )
    return source


def quantity(source, starting: str) -> IntakeSuggestion:
    return IntakeSuggestion.objects.get(source=source, kind="quantity", text__startswith=starting)


def accept_url(item: IntakeSuggestion, figure: IntakeSuggestion | None = None) -> str:
    url = reverse("intake:accept", args=[item.public_id])
    return f"{url}?figure={figure.public_id}" if figure else url


def counts() -> tuple[int, ...]:
    return (
        Statement.objects.count(),
        Claim.objects.count(),
        Actor.objects.count(),
        Topic.objects.count(),
        ChangeEvent.objects.count(),
    )


@pytest.fixture
def troops():
    """A topic with a measure in soldiers, one in euros, and a claim."""
    topic = TopicFactory(title="DPRK troops in Russia")
    return {
        "topic": topic,
        "claim": ClaimFactory(topic=topic, text="North Korean soldiers are in Russia"),
        "in_russia": Measure.objects.create(
            topic=topic, name="DPRK troops in Russia", unit="soldiers"
        ),
        "aid": Measure.objects.create(topic=topic, name="Aid to Russia", unit="euros"),
        "nis": ActorFactory(name="National Intelligence Service"),
    }


def post_data(troops, **figure) -> dict[str, object]:
    return {
        "actor": troops["nis"].pk,
        "new_actor_kind": "person",
        "claim": troops["claim"].pk,
        "stance": "asserts",
        "credibility": "3",
        **figure,
    }


def the_estimate_fields(estimate: Estimate, measure: Measure | None = None) -> dict[str, object]:
    fields = {
        "estimate_value": estimate.value,
        "estimate_low": estimate.low,
        "estimate_high": estimate.high,
        "estimate_unit": estimate.unit,
        "estimate_qualifier": estimate.qualifier,
        "estimate_kind": estimate.kind,
        "estimate_refers_to": estimate.refers_to,
        "estimate_refers_to_precision": estimate.refers_to_precision,
        "estimate_measure": measure.pk if measure else "",
    }
    return {name: "" if value is None else value for name, value in fields.items()}


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (ENGLISH, "en")])
def test_the_figures_of_a_statement_are_kept_on_its_quantity_suggestions(text, language):
    source = take_in(text, language)
    first, second = IntakeSuggestion.objects.filter(source=source, kind="quantity")
    assert (first.value, first.estimate_unit, first.qualifier, first.estimate_kind) == (
        Decimal(1500),
        "soldiers",
        "exact",
        "observation",
    )
    assert (first.refers_to, first.refers_to_precision) == (PUBLISHED, "day")
    assert (second.value, second.estimate_unit, second.qualifier, second.estimate_kind) == (
        Decimal(10000),
        "soldiers",
        "approximate",
        "projection",
    )
    assert (second.refers_to, second.refers_to_precision) == (date(2024, 12, 31), "month")


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (ENGLISH, "en")])
def test_the_accept_form_offers_the_figure_prefilled(client, editor, text, language, troops):
    source = take_in(text, language)
    item = quantity(source, "rund" if language == "de" else "about")
    client.force_login(editor)
    form = client.get(accept_url(item)).context["form"]
    assert {k: v for k, v in form.initial.items() if k.startswith("estimate_")} == {
        "estimate_value": Decimal(10000),
        "estimate_low": None,
        "estimate_high": None,
        "estimate_unit": "soldiers",
        "estimate_qualifier": "approximate",
        "estimate_kind": "projection",
        "estimate_refers_to": date(2024, 12, 31),
        "estimate_refers_to_precision": "month",
    }
    # The measures offered count soldiers; the one in euros is not.
    assert list(form.fields["estimate_measure"].queryset) == [troops["in_russia"]]


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (ENGLISH, "en")])
def test_accepting_a_projection_records_its_estimate_and_measure(
    client, editor, text, language, troops
):
    source = take_in(text, language)
    item = quantity(source, "rund" if language == "de" else "about")
    client.force_login(editor)
    initial = client.get(accept_url(item)).context["form"].initial
    data = post_data(troops, **the_estimate_fields(BY_DECEMBER, troops["in_russia"]))
    data["estimate_refers_to"] = initial["estimate_refers_to"]
    response = client.post(accept_url(item), data)
    assert response.status_code == 302, response.context["form"].errors
    statement = Statement.objects.get()
    assert statement.estimate == BY_DECEMBER.with_measure(troops["in_russia"].pk)
    assert statement.estimate_measure == troops["in_russia"]
    assert statement.estimate_refers_to == date(2024, 12, 31)


def test_accepting_a_statement_records_its_first_figure_or_the_one_chosen(client, editor, troops):
    source = take_in(GERMAN, "de")
    statement_item = IntakeSuggestion.objects.filter(source=source, kind="statement").first()
    assert statement_item is not None, "the sentence is a statement of the NIS"
    client.force_login(editor)
    first = client.get(accept_url(statement_item))
    assert first.context["form"].initial["estimate_value"] == Decimal(1500)
    assert "?figure=" in first.content.decode()  # the other figure can be chosen
    chosen = client.get(accept_url(statement_item, quantity(source, "rund")))
    assert chosen.context["form"].initial["estimate_kind"] == "projection"

    response = client.post(
        accept_url(statement_item), post_data(troops, **the_estimate_fields(OBSERVED))
    )
    assert response.status_code == 302
    assert Statement.objects.get().estimate == OBSERVED


def test_a_statement_accepted_without_a_figure_has_no_estimate(client, editor, troops):
    source = take_in(ENGLISH, "en")
    client.force_login(editor)
    response = client.post(accept_url(quantity(source, "1,500")), post_data(troops))
    assert response.status_code == 302
    assert Statement.objects.get().estimate is None


def test_the_german_page_names_the_unit_in_german(client, editor, troops):
    source = take_in(GERMAN, "de")
    client.force_login(editor)
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    page = client.get(accept_url(quantity(source, "1.500"))).content.decode()
    with translation.override("de"):
        german = pgettext("unit", "soldiers")
    assert german == "Soldaten"
    assert f'<option value="soldiers" selected>{german}</option>' in page


@pytest.mark.parametrize(
    ("figure", "field", "message"),
    [
        (
            {"estimate_low": "12000", "estimate_high": "10000"},
            "estimate_high",
            "The bounds must be in order",
        ),
        (
            {"estimate_value": "9000", "estimate_low": "10000"},
            "estimate_low",
            "The bounds must be in order",
        ),
        (
            {"estimate_kind": "projection", "estimate_refers_to": ""},
            "estimate_refers_to",
            "needs the moment",
        ),
        (
            {"estimate_measure": "aid"},
            "estimate_measure",
            "counts euros; this figure counts soldiers",
        ),
        ({"estimate_measure": "other topic"}, "estimate_measure", "is a measure of another topic"),
        ({"estimate_unit": ""}, "estimate_unit", "Choose what the figure counts."),
        ({"estimate_unit": "goats"}, "estimate_unit", "Select a valid choice"),
        (
            {"estimate_value": "", "estimate_qualifier": "exact"},
            "estimate_value",
            "An estimate needs",
        ),
        ({"estimate_value": "1" + "0" * 20}, "estimate_value", "digits"),
        ({"estimate_refers_to": "December"}, "estimate_refers_to", "valid date"),
    ],
)
def test_a_bad_figure_is_a_form_error_and_records_nothing(
    client, editor, troops, figure, field, message
):
    source = take_in(GERMAN, "de")
    item = quantity(source, "rund")
    other = Measure.objects.create(topic=TopicFactory(), name="Elsewhere", unit="soldiers")
    measures = {"aid": troops["aid"].pk, "other topic": other.pk}
    if "estimate_measure" in figure:
        figure["estimate_measure"] = measures[figure["estimate_measure"]]
    data = post_data(troops, **the_estimate_fields(BY_DECEMBER))
    data.update(figure)
    client.force_login(editor)
    before = counts()
    response = client.post(accept_url(item), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert counts() == before
    item.refresh_from_db()
    assert item.status == "pending"
    # Nothing the editor typed is lost.
    assert response.context["form"]["stance"].value() == "asserts"


def test_a_measure_is_checked_against_a_new_claim_s_topic_too(client, editor, troops):
    source = take_in(ENGLISH, "en")
    client.force_login(editor)
    data = post_data(troops, **the_estimate_fields(OBSERVED, troops["in_russia"]))
    data.pop("claim")
    data.update(new_claim_text="North Korea moved soldiers", new_topic_title="A new topic")
    before = counts()
    response = client.post(accept_url(quantity(source, "1,500")), data)
    assert response.status_code == 200
    assert "is a measure of another topic" in " ".join(
        response.context["form"].errors["estimate_measure"]
    )
    assert counts() == before
    data.update(new_topic_title="", topic=troops["topic"].pk)
    assert client.post(accept_url(quantity(source, "1,500")), data).status_code == 302
    statement = Statement.objects.get()
    assert statement.estimate == OBSERVED.with_measure(troops["in_russia"].pk)
    assert statement.claim.topic == troops["topic"]


def test_the_service_passes_the_estimate_to_record_statement(editor, troops):
    source = take_in(ENGLISH, "en")
    statement = services.accept_suggestion(
        quantity(source, "about"),
        editor=editor,
        stance="asserts",
        quote="",
        claim=troops["claim"],
        actor=troops["nis"],
        estimate=BY_DECEMBER.with_measure(troops["in_russia"].pk),
    )
    assert statement.estimate == BY_DECEMBER.with_measure(troops["in_russia"].pk)


def test_the_review_page_shows_each_figure_as_the_estimate_it_proposes(client, editor):
    source = take_in(ENGLISH, "en")
    client.force_login(editor)
    page = client.get(reverse("intake:review", args=[source.public_id])).content.decode()
    assert "projection: about 10,000 soldiers by December 2024" in page
    assert "observation: 1,500 soldiers as of 22 October 2024" in page
