"""The shared cache: what a poll reads from it (a claim's verdict, an API token), the writes
that drop those entries when they commit (services, and Django's own user saves), and what
happens while Redis does not answer."""

import pytest
from django.core.cache import cache, caches
from django.urls import reverse

from api import token_memory
from api.tokens import authenticate_key, edit_token, issue_token, revoke_token, token_cache_key
from claims import services
from claims.api.views import cached_verdict, verdict_body
from claims.models import Claim
from claims.selectors import CachedVerdict, verdict_cache_key, verdict_state
from common.cache import cache_answers
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.redis
def test_with_redis_the_cache_is_django_redis():
    from django_redis.cache import RedisCache

    assert isinstance(caches["default"], RedisCache)


def test_a_polled_verdict_is_read_once_and_then_from_the_cache(django_assert_num_queries):
    claim = ClaimFactory()
    first = cached_verdict(claim.public_id)
    with django_assert_num_queries(0):
        again = cached_verdict(claim.public_id)
    assert again == first and first.state.version == 1 and first.body["version"] == 1


def test_an_unknown_claim_id_is_none_and_cached_as_such(django_assert_num_queries):
    missing = ClaimFactory.build().public_id
    assert cached_verdict(missing) is None
    with django_assert_num_queries(0):
        assert cached_verdict(missing) is None


def test_a_verdict_change_writes_the_fresh_verdict_when_it_commits(
    editor, django_capture_on_commit_callbacks, django_assert_num_queries
):
    claim = ClaimFactory()
    cached_verdict(claim.public_id)
    with django_capture_on_commit_callbacks() as on_commit:
        services.change_verdict(
            claim, to="confirmed", editor=editor, rationale="Seen.", expected_version=1
        )
    # Until the change commits, polls still read the cached verdict: writing it earlier would
    # show a change that may yet roll back.
    assert cache.get(verdict_cache_key(claim.public_id)).state.version == 1
    for callback in on_commit:
        callback()
    written = cached_verdict(claim.public_id)
    assert written.state.version == 2 and written.body is None  # the state alone
    body = verdict_body(written)  # built once for version 2, then kept beside it
    assert body["version"] == 2 and [change["version"] for change in body["history"]] == [2]
    with django_assert_num_queries(0):
        assert verdict_body(cached_verdict(claim.public_id)) == body


def test_a_poll_that_read_the_claim_before_a_change_committed_cannot_store_it_after(
    editor, django_capture_on_commit_callbacks
):
    """Issue #20, item 10: with a delete on commit, this poll put version 1 back for a minute,
    and the editor who had just made version 2 read version 1 and got 412 from the next POST."""
    claim = ClaimFactory()
    read_before_the_commit = CachedVerdict(verdict_state(claim.public_id))
    with django_capture_on_commit_callbacks(execute=True):
        services.change_verdict(
            claim, to="confirmed", editor=editor, rationale="Seen.", expected_version=1
        )
    # What cached_verdict does with what it read, landing after the commit.
    cache.add(verdict_cache_key(claim.public_id), read_before_the_commit, 60)
    assert cached_verdict(claim.public_id).state.version == 2


def test_an_edit_in_the_admin_refreshes_the_cached_verdict(
    client, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    before = cached_verdict(claim.public_id)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:claims_claim_change", args=[claim.pk]),
            {
                "topic": claim.topic.pk,
                "text": "Edited in the admin",
                "original_text": "",
                "original_language": "",
                "first_asserted_precision": "day",
                "quantity_qualifier": "",
                **{
                    f"{prefix}-{field}": value
                    for prefix in ("statements", "verdict_changes", "relations_out")
                    for field, value in (
                        ("TOTAL_FORMS", 0),
                        ("INITIAL_FORMS", 0),
                        ("MIN_NUM_FORMS", 0),
                        ("MAX_NUM_FORMS", 1000),
                    )
                },
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Claim.objects.get(pk=claim.pk).text == "Edited in the admin"
    assert cached_verdict(claim.public_id).state.updated_at > before.state.updated_at


def test_deleting_a_claim_in_the_admin_leaves_none_cached(
    client, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    assert cached_verdict(claim.public_id) is not None
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert cached_verdict(claim.public_id) is None


def test_a_token_is_read_once_and_then_from_the_cache(editor, django_assert_num_queries):
    issued = issue_token(name="cached", scope="read", user=editor)
    assert authenticate_key(issued.key) == issued.token
    with django_assert_num_queries(0):
        assert authenticate_key(issued.key) == issued.token


@pytest.mark.parametrize("change", ["revoke", "expire", "deactivate the user"])
def test_a_change_to_a_token_or_its_user_drops_it_from_the_cache_when_it_commits(
    editor, change, django_capture_on_commit_callbacks
):
    issued = issue_token(name="changing", scope="read", user=editor)
    authenticate_key(issued.key)
    key = token_cache_key(issued.token.key_hash)
    with django_capture_on_commit_callbacks() as on_commit:
        if change == "revoke":
            revoke_token(issued.token)
        elif change == "expire":
            edit_token(issued.token, name="changing", expires_at=issued.token.created_at)
        else:
            editor.is_active = False
            editor.save()
    assert cache.get(key) is not None
    for callback in on_commit:
        callback()
    assert cache.get(key) is None


def test_a_login_leaves_the_users_tokens_cached(editor, django_capture_on_commit_callbacks):
    issued = issue_token(name="logged-in", scope="read", user=editor)
    authenticate_key(issued.key)
    with django_capture_on_commit_callbacks() as on_commit:
        editor.save(update_fields=["last_login"])
    assert on_commit == []


def test_the_cache_answers_while_it_keeps_values():
    assert cache_answers()


@pytest.mark.redis
def test_while_redis_is_down_polls_and_tokens_are_read_from_the_database(
    redis_not_answering, editor, django_assert_num_queries
):
    assert not cache_answers()
    claim = ClaimFactory()
    assert cached_verdict(claim.public_id).state.version == 1
    with django_assert_num_queries(2):  # nothing was kept: the state and its history again
        assert cached_verdict(claim.public_id).state.version == 1
    issued = issue_token(name="uncached", scope="read", user=editor)
    assert authenticate_key(issued.key) == issued.token
    token_memory.forget_all()  # the copy this process keeps for a second
    with django_assert_num_queries(1):
        assert authenticate_key(issued.key) == issued.token
    revoke_token(issued.token)  # its forget goes nowhere, and says nothing
    token_memory.forget_all()
    assert authenticate_key(issued.key) is None
