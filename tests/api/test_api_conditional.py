"""Polling without waste: ETag and Last-Modified on reads, 304 when the client's copy is
current, a new ETag as soon as anything in the representation changes."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils.http import http_date

from claims import services
from claims.models import Claim
from tests.api.api_helpers import API, actor, claim, source

POLLED = [
    "/claims/",
    "/claims/{c1}/",
    "/claims/{c1}/verdict/",
    "/claims/{c1}/timeline/",
    "/statements/",
    "/topics/",
    "/actors/",
    "/sources/",
    "/changes/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", POLLED)
def test_reads_carry_validators_and_answer_304_to_a_matching_if_none_match(demo, reader, path):
    url = API + path.format(c1=claim("C1").public_id)
    first = reader.get(url)
    assert first.status_code == 200
    assert first["ETag"]
    assert "no-cache" in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert "Authorization" in first["Vary"]

    again = reader.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    # The policy comes with the 200 and stays with the cached copy; a 304 has no document.
    assert "default-src 'self'" in first["Content-Security-Policy"]
    assert not again.has_header("Content-Security-Policy")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/claims/", "/claims/{c1}/", "/claims/{c1}/verdict/"])
def test_if_modified_since_answers_304_until_the_claim_changes(
    demo, reader, editor, path, django_capture_on_commit_callbacks
):
    # Changed a minute ago: within the last second, If-Modified-Since alone never gets 304.
    Claim.objects.update(updated_at=F("updated_at") - timedelta(minutes=1))
    c1 = claim("C1")
    url = API + path.format(c1=c1.public_id)
    first = reader.get(url)
    last_modified = first["Last-Modified"]
    assert reader.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        Claim.objects.filter(pk=c1.pk).update(updated_at=c1.updated_at.replace(year=2030))
        # As every write to a claim row does (services.change_verdict, claim_update).
        services.refresh_cached_verdict(c1)
    later = reader.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert later.status_code == 200
    assert later["Last-Modified"] == http_date(c1.updated_at.replace(year=2030).timestamp())


@pytest.mark.django_db
def test_a_verdict_change_changes_the_claim_etags(
    demo, reader, editor, django_capture_on_commit_callbacks
):
    c1 = claim("C1")
    detail_url, verdict_url = (
        f"{API}/claims/{c1.public_id}/",
        f"{API}/claims/{c1.public_id}/verdict/",
    )
    detail, verdict = reader.get(detail_url), reader.get(verdict_url)
    assert verdict["ETag"] == f'"claim-{c1.public_id}-v2"'
    assert detail["ETag"].startswith(f'W/"claim-{c1.public_id}-v2-')

    with django_capture_on_commit_callbacks(execute=True):
        services.change_verdict(
            c1, to="confirmed", editor=editor, rationale="Confirmed.", expected_version=2
        )
    new_detail = reader.get(detail_url, HTTP_IF_NONE_MATCH=detail["ETag"])
    new_verdict = reader.get(verdict_url, HTTP_IF_NONE_MATCH=verdict["ETag"])
    assert (new_detail.status_code, new_verdict.status_code) == (200, 200)
    assert new_verdict["ETag"] == f'"claim-{c1.public_id}-v3"'
    assert new_detail.json()["verdict"] == "confirmed"


@pytest.mark.django_db
def test_a_new_statement_changes_the_etag_of_the_lists_it_appears_in(demo, reader, editor):
    url = f"{API}/statements/?ordering=-recorded_at"
    before = reader.get(url)
    services.record_statement(
        claim=claim("C1"),
        actor=actor("NATO"),
        source=source("NATO press conference"),
        stance="supports",
        recorded_by=editor,
        quote="Confirmed.",
    )
    after = reader.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["results"][0]["quote"] == "Confirmed."


@pytest.mark.django_db
def test_etag_changes_with_the_query_so_pages_are_not_confused(demo, reader):
    one = reader.get(f"{API}/claims/?verdict=confirmed")
    other = reader.get(f"{API}/claims/?verdict=disputed")
    assert one["ETag"] != other["ETag"]
    assert (
        reader.get(f"{API}/claims/?verdict=disputed", HTTP_IF_NONE_MATCH=one["ETag"]).status_code
        == 200
    )


@pytest.mark.django_db
def test_if_none_match_star_and_lists_of_etags(demo, reader):
    url = f"{API}/topics/"
    etag = reader.get(url)["ETag"]
    assert reader.get(url, HTTP_IF_NONE_MATCH=f'"nope", {etag}').status_code == 304
    assert reader.get(url, HTTP_IF_NONE_MATCH="*").status_code == 304


@pytest.mark.django_db
def test_head_answers_like_get_without_a_body(demo, reader):
    url = f"{API}/claims/{claim('C0').public_id}/verdict/"
    head = reader.head(url)
    assert head.status_code == 200
    assert head["ETag"] == reader.get(url)["ETag"]
