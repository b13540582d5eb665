"""The intake pages link the article's source to its page."""

from datetime import date

import pytest
from django.urls import reverse

from intake import services
from intake.models import IntakeSuggestion

pytestmark = pytest.mark.django_db


def test_review_and_accept_pages_link_the_source_page(client, editor, story_actors, story_text):
    source, _ = services.intake_article(
        text=story_text,
        language="de",
        recorded_by=None,
        published_on=date(2024, 10, 22),
        publisher=story_actors["afp"],
        kind="agency_wire",
    )
    client.force_login(editor)
    source_page = reverse("source-detail", args=[source.public_id])
    review = client.get(reverse("intake:review", args=[source.public_id])).content.decode()
    assert f'<a href="{source_page}">source page</a>' in review
    item = IntakeSuggestion.objects.filter(source=source).first()
    accept = client.get(reverse("intake:accept", args=[item.public_id])).content.decode()
    assert f'<a href="{source_page}">{source.title}</a>' in accept
