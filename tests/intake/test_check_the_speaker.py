"""Precision first: a speaker the analysis is not sure of is not handed to the editor. The accept
form leaves it empty and asks to check it; the review page says "Check the speaker"."""

import pytest
from django.urls import reverse

from intake import services
from intake.models import IntakeSuggestion
from intake.nlp.confidence import SPEAKER_THRESHOLD

pytestmark = pytest.mark.django_db

# Three people spoke before "she added": the last is a man, and which of the two women (or
# whoever else) is meant, the text does not settle.
AMBIGUOUS = (
    "Bridge to stay shut\n"
    "Linda Shaw said the bridge would reopen in May. Maria Lopez said the road was safe. "
    "Tom Hale, the city's spokesman, said the budget was tight.\n"
    '"We will keep every lane open until then," she added.'
)


@pytest.fixture
def source(editor):
    source, _ = services.intake_article(text=AMBIGUOUS, language="en", recorded_by=editor)
    return source


def quote(source) -> IntakeSuggestion:
    return IntakeSuggestion.objects.get(source=source, kind="quote")


def test_a_doubtful_speaker_is_stored_with_its_confidence(source):
    doubtful = quote(source)
    assert doubtful.speaker_confidence is not None
    assert doubtful.speaker_confidence < SPEAKER_THRESHOLD
    assert doubtful.speaker_unchecked
    named = IntakeSuggestion.objects.get(source=source, text__startswith="Linda Shaw said")
    assert named.speaker == "Linda Shaw"
    assert named.speaker_confidence >= SPEAKER_THRESHOLD and not named.speaker_unchecked


def test_the_accept_form_does_not_prefill_a_doubtful_speaker(client, editor, source):
    client.force_login(editor)
    response = client.get(reverse("intake:accept", args=[quote(source).public_id]))
    form = response.context["form"]
    assert form.initial["actor"] is None
    assert form.initial["new_actor_name"] == ""
    assert form.folds()["who"].open
    assert "Check the speaker" in response.content.decode()


def test_the_accept_form_prefills_a_sure_speaker(client, editor, source):
    client.force_login(editor)
    named = IntakeSuggestion.objects.get(source=source, text__startswith="Linda Shaw said")
    form = client.get(reverse("intake:accept", args=[named.public_id])).context["form"]
    assert form.initial["new_actor_name"] == "Linda Shaw"


def test_the_review_page_asks_to_check_the_speaker_instead_of_naming_one(client, editor, source):
    client.force_login(editor)
    page = client.get(reverse("intake:review", args=[source.public_id])).content.decode()
    item = page.split(f'id="item-{quote(source).public_id}"')[1].split("</li>")[0]
    assert "Check the speaker" in item
    assert "(new actor)" not in item
    assert "Linda Shaw" in page  # the sure statements still name her


def test_a_doubtful_speaker_is_not_bulk_accepted(editor, source):
    from tests.factories import ClaimFactory

    claim = ClaimFactory()
    doubtful = quote(source)
    done = services.accept_suggestions([doubtful], editor=editor, claim=claim)
    assert done.accepted == []
    assert [s for s, _ in done.undecided] == [doubtful]
    doubtful.refresh_from_db()
    assert doubtful.is_pending
