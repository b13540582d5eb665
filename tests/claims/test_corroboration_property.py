"""A new citation never raises a claim's count of independent origins (issue #16): linking two
reports that already share an origin adds no independence, and, since chains only grow, neither
does any other link. Hypothesis draws citation graphs (rings included), publishers, first-hand
sources and supporting statements, then adds one citation through the service. `make test` runs
this file on SQLite as well."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import selectors, services
from claims.models import Claim, Stance
from sources import services as source_services
from sources.models import SourceKind
from sources.selectors import origins_of
from tests.factories import ActorFactory, ClaimFactory, SourceFactory

SOURCES = 6
ACTORS = 3
KINDS = [SourceKind.NEWS_ARTICLE, SourceKind.AGENCY_WIRE, SourceKind.OFFICIAL_STATEMENT]

graphs = st.fixed_dictionaries(
    {
        # (citing, cited) pairs; self-citations are dropped, rings allowed.
        "citations": st.lists(
            st.tuples(st.integers(0, SOURCES - 1), st.integers(0, SOURCES - 1)), max_size=8
        ),
        # Each source's publisher (one of the actors) and kind: first-hand words need both.
        "sources": st.lists(
            st.tuples(st.integers(0, ACTORS - 1), st.sampled_from(KINDS)),
            min_size=SOURCES,
            max_size=SOURCES,
        ),
        # Supporting statements: (actor, source).
        "statements": st.lists(
            st.tuples(st.integers(0, ACTORS - 1), st.integers(0, SOURCES - 1)),
            min_size=1,
            max_size=6,
        ),
        "new_citation": st.tuples(st.integers(0, SOURCES - 1), st.integers(0, SOURCES - 1)),
    }
)


def independent_origins(claim: Claim) -> int:
    claim.refresh_from_db()
    return claim.independent_origins


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(graph=graphs)
def test_a_new_citation_never_raises_the_independent_count(graph):
    with transaction.atomic():  # each example starts from nothing
        actors = [ActorFactory() for _ in range(ACTORS)]
        sources = [
            SourceFactory(publisher=actors[publisher], kind=kind)
            for publisher, kind in graph["sources"]
        ]
        for citing, cited in dict.fromkeys(graph["citations"]):
            if citing != cited:
                source_services.cite_source(
                    citing=sources[citing], cited=sources[cited], editor=None
                )
        claim = ClaimFactory()
        for actor, source in graph["statements"]:
            services.record_statement(
                claim=claim,
                actor=actors[actor],
                source=sources[source],
                stance=Stance.ASSERTS,
                recorded_by=None,
            )
        before = independent_origins(claim)
        assert before == selectors.corroboration_counts({claim.pk})[claim.pk][0]

        citing, cited = (sources[i] for i in graph["new_citation"])
        origins = origins_of([citing.pk, cited.pk])
        shared = bool(origins[citing.pk] & origins[cited.pk])
        if citing != cited and not citing.citations.filter(cited=cited).exists():
            source_services.cite_source(citing=citing, cited=cited, editor=None)
        after = independent_origins(claim)
        assert after <= before, (graph, shared)
        # What is kept equals what is read.
        assert after == selectors.corroboration_counts({claim.pk})[claim.pk][0]
        transaction.set_rollback(True)
