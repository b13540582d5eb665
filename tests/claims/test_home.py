import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_lists_topics_and_claims_with_verdicts(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "DPRK troops in Russia" in page
    assert "Drones over Pyongyang" in page
    assert "North Korea has moved 1,500 soldiers to Russia" in page
    assert "Partly confirmed" in page
    assert "October 2024" in page  # C5 is dated to the month only


def test_home_explains_how_to_start_when_empty(client, db):
    response = client.get(reverse("home"))
    assert "load_demo" in response.content.decode()
