"""Every list and detail endpoint runs a fixed number of queries, whatever the page size or
the amount of data behind it."""

from datetime import UTC, datetime, timedelta

import pytest

from actors.models import Affiliation, Alias
from claims import services
from claims.models import ClaimRelation, FlagReason
from sources.models import Citation, Health, Snapshot
from tests.api.api_helpers import API, actor, claim, source, topic
from tests.factories import ActorFactory, ClaimFactory, SourceFactory, UserFactory

# Path template → the most queries it may run (authentication included).
ENDPOINTS = {
    "/topics/": 2,
    "/topics/{topic}/": 2,
    # Read a slice at a time: the slice's statement ids, then each kind of entry, and the
    # independent origins of the slice's claims (their statements and reliances).
    "/topics/{topic}/timeline/": 8,
    "/topics/{topic}/quantities/": 4,
    "/topics/{topic}/claimreview/": 5,
    "/claims/": 2,
    # With its corroboration: the statements, their chains and the origin documents.
    "/claims/{claim}/": 5,
    "/claims/{claim}/timeline/": 6,
    "/claims/{claim}/relations/": 3,
    "/claims/{claim}/statements/": 3,
    "/claims/{claim}/verdict/": 3,
    "/claims/{claim}/claimreview/": 5,
    "/statements/": 2,
    "/statements/{statement}/": 2,
    "/actors/": 4,
    "/actors/{actor}/": 4,
    "/actors/{actor}/statements/": 3,
    # Sources also read where their chains end (origins): two queries for the page.
    "/sources/": 6,
    "/sources/{source}/": 6,
    "/sources/{source}/snapshots/": 3,
    # Flags and the feed also read the caller's permissions: two queries more.
    "/flags/": 4,
    "/flags/{flag}/": 4,
    "/changes/": 4,
}


@pytest.fixture(scope="module")
def busy_story(demo_once, django_db_blocker):
    """The demo with more of everything, so that per-row queries would show. Made once for
    the module, inside demo_once's transaction."""
    with django_db_blocker.unblock():
        return _add_to_the_story(UserFactory(groups=["editor"]))


def _add_to_the_story(editor) -> dict:
    c0, c1 = claim("C0"), claim("C1")
    troops = topic()
    nis = actor("National Intelligence Service")
    s1 = source("AFP/dpa")
    for index in range(25):
        speaker = ActorFactory()
        Alias.objects.create(actor=speaker, name=f"Alias {index}")
        Affiliation.objects.create(actor=speaker, organisation=nis, role="Analyst")
        cited = SourceFactory()
        Citation.objects.create(citing=s1, cited=cited)
        services.record_statement(
            claim=c0 if index % 2 else c1,
            actor=speaker,
            source=cited,
            stance="supports" if index % 3 else "denies",
            recorded_by=editor,
            quote=f"Statement {index}.",
        )
        Snapshot.objects.create(
            source=cited,
            fetched_at=datetime(2024, 11, 1, tzinfo=UTC) + timedelta(hours=index),
            health=Health.GONE if index % 2 else Health.OK,
        )
        related = ClaimFactory(
            topic=troops,
            quantity_value=1000 + index,
            quantity_unit="soldiers",
            quantity_qualifier="approximate",
        )
        ClaimRelation.objects.create(from_claim=related, to_claim=c0, kind="refines")
        services.open_flag(related, reason=FlagReason.STALE)
        services.change_verdict(
            related, to="disputed", editor=editor, rationale="Unclear.", expected_version=1
        )
    return {
        "topic": troops.public_id,
        "claim": c0.public_id,
        "statement": c0.statements.first().public_id,
        "actor": actor("Volodymyr Zelensky").public_id,
        "source": s1.public_id,
        "flag": c1.topic.claims.filter(review_flags__isnull=False)
        .first()
        .review_flags.first()
        .public_id,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ENDPOINTS)
def test_queries_do_not_grow_with_the_page(
    demo, busy_story, writer, django_assert_max_num_queries, path
):
    url = API + path.format(**busy_story)
    assert writer.get(url).status_code == 200  # warm up: the token's last-used time is written
    for page_size in (1, 100):
        with django_assert_max_num_queries(ENDPOINTS[path]):
            response = writer.get(
                url, {"page_size": page_size} if "{" not in path.split("/")[-2] else {}
            )
        assert response.status_code == 200, response.content[:300]
