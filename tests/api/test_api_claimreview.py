"""ClaimReview (schema.org JSON-LD) exports of decided claims."""

import pytest

from tests.api.api_helpers import API, claim, problem, topic


@pytest.mark.django_db
def test_claimreview_of_a_confirmed_claim(demo, reader, settings):
    settings.CLAIMTRACK_NEWSROOM_NAME = "Example Newsroom"
    c0 = claim("C0")
    response = reader.get(f"{API}/claims/{c0.public_id}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    review = response.json()
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == c0.text
    assert review["author"] == {"@type": "Organization", "name": "Example Newsroom"}
    assert review["datePublished"] == "2024-10-28"
    assert review["url"] == f"http://testserver/api/v1/claims/{c0.public_id}/"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "True",
        "ratingExplanation": "The US defense secretary and the NATO secretary general confirm "
        "the deployment.",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "National Intelligence Service"}
    assert item["datePublished"] == "2024-10-18"
    headlines = [work["headline"] for work in item["appearance"]]
    assert headlines[0] == "Zelensky video address"  # the first source putting it forward
    assert item["firstAppearance"] == item["appearance"][0]
    assert item["appearance"][0]["publisher"]["name"] == "Office of the President of Ukraine"


@pytest.mark.django_db
def test_json_is_served_to_clients_that_ask_for_it(demo, reader):
    response = reader.get(
        f"{API}/claims/{claim('C0').public_id}/claimreview/", HTTP_ACCEPT="application/json"
    )
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "value", "name"), [("C1", 4, "Partly true"), ("C6", 3, "Disputed")]
)
def test_verdicts_map_onto_the_five_point_scale(demo, reader, key, value, name):
    rating = reader.get(f"{API}/claims/{claim(key).public_id}/claimreview/").json()["reviewRating"]
    assert (rating["ratingValue"], rating["alternateName"]) == (value, name)


@pytest.mark.django_db
def test_unverified_claims_are_not_exported(demo, reader):
    body = problem(reader.get(f"{API}/claims/{claim('C3').public_id}/claimreview/"), 404)
    assert "unverified" in body["detail"]


@pytest.mark.django_db
def test_topic_export_holds_only_decided_claims(demo, reader):
    troops = topic()
    response = reader.get(f"{API}/topics/{troops.public_id}/claimreview/")
    graph = response.json()["@graph"]
    assert [review["claimReviewed"] for review in graph] == [claim("C0").text, claim("C1").text]
    assert all("@context" not in review for review in graph)
    drones = reader.get(f"{API}/topics/{topic('drones-over-pyongyang').public_id}/claimreview/")
    assert [r["reviewRating"]["alternateName"] for r in drones.json()["@graph"]] == ["Disputed"]
