"""Citation chains followed to their origins (issue #16, item 1): linear, diamond, several origins,
rings; kept up to date in Reliance by the citation services."""

from itertools import pairwise

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from common.moments import Moment
from sources import services
from sources.models import Citation, Reliance
from sources.origins import links, trace
from sources.selectors import chains_of, origins_of
from tests.factories import SourceFactory, UserFactory

# --- The tracing itself, on graphs in memory ----------------------------------------------------


def test_a_linear_chain_ends_in_the_source_that_cites_nothing():
    tracing = trace({1: [2], 2: [3]}, [1])
    assert tracing.origins == {1: {3}, 2: {3}, 3: {3}}
    assert tracing.reach[1] == {2, 3}
    assert tracing.cycles == []


def test_a_diamond_has_one_origin():
    tracing = trace({1: [2, 3], 2: [4], 3: [4]}, [1])
    assert tracing.origins[1] == {4}
    assert tracing.reach[1] == {2, 3, 4}


def test_a_source_citing_several_has_several_origins():
    tracing = trace({"wire": ["briefing", "address"], "paper": ["wire"]}, ["paper"])  # type: ignore[dict-item]
    assert tracing.origins["paper"] == {"briefing", "address"}


def test_a_ring_that_cites_nothing_outside_is_one_circular_origin_named_by_its_first_source():
    tracing = trace({5: [1], 1: [2], 2: [3], 3: [1]}, [5])
    assert tracing.origins == {1: {1}, 2: {1}, 3: {1}, 5: {1}}
    assert tracing.circular_origins == {1}
    assert tracing.cycles == [(1, 2, 3, 1)]
    assert set(tracing.through_cycles) == {1, 2, 3, 5}


def test_a_ring_with_a_way_out_ends_where_the_way_out_does():
    tracing = trace({1: [2], 2: [1, 9]}, [1])
    assert tracing.origins[1] == tracing.origins[2] == {9}
    assert tracing.circular_origins == set()
    assert tracing.cycles == [(1, 2, 1)]


def test_chains_of_any_depth_are_followed_without_recursion():
    depth = 5000
    tracing = trace({n: [n + 1] for n in range(depth)}, [0])
    assert tracing.origins[0] == {depth}
    assert len(tracing.reach[0]) == depth


def test_the_kept_links_mark_origins_and_rings():
    tracing = trace({1: [2], 2: [1, 9]}, [1])
    assert links(1, tracing) == {(2, False, False), (9, True, False), (1, False, False)}
    assert links(9, tracing) == set()  # cites nothing: its own origin, no rows


# --- Kept up to date by the services ------------------------------------------------------------


def chain(*sources):
    """Each source cites the next."""
    for citing, cited in pairwise(sources):
        services.cite_source(citing=citing, cited=cited, editor=None)


@pytest.mark.django_db
def test_citing_keeps_every_source_up_the_chain_current():
    paper, wire, briefing = SourceFactory(), SourceFactory(), SourceFactory()
    chain(paper, wire)
    assert origins_of([paper.pk, wire.pk]) == {paper.pk: {wire.pk}, wire.pk: {wire.pk}}
    services.cite_source(citing=wire, cited=briefing, editor=None)  # the wire's own citation
    assert origins_of([paper.pk, wire.pk, briefing.pk]) == {
        paper.pk: {briefing.pk},
        wire.pk: {briefing.pk},
        briefing.pk: {briefing.pk},
    }
    assert chains_of([paper.pk]).reach[paper.pk] == {paper.pk, wire.pk, briefing.pk}


@pytest.mark.django_db
def test_removing_a_citation_retraces_what_went_through_it():
    paper, wire, briefing = SourceFactory(), SourceFactory(), SourceFactory()
    chain(paper, wire, briefing)
    services.remove_citation(Citation.objects.get(citing=wire), editor=None)
    assert origins_of([paper.pk]) == {paper.pk: {wire.pk}}
    assert not Reliance.objects.filter(source=wire).exists()


@pytest.mark.django_db
def test_deleting_a_source_retraces_the_chains_that_ran_through_it():
    paper, wire, briefing = SourceFactory(), SourceFactory(), SourceFactory()
    chain(paper, wire, briefing)
    services.source_delete(briefing, editor=None)
    assert origins_of([paper.pk]) == {paper.pk: {wire.pk}}


@pytest.mark.django_db
def test_a_ring_is_kept_as_a_circular_origin():
    a, b = SourceFactory(), SourceFactory()
    chain(a, b, a)
    assert Reliance.objects.filter(circular=True, is_origin=True).count() == 2  # a→a, b→a
    assert origins_of([b.pk]) == {b.pk: {min(a.pk, b.pk)}}


@pytest.mark.django_db
def test_the_present_is_read_in_one_query(django_assert_num_queries):
    sources = [SourceFactory() for _ in range(6)]
    chain(*sources)
    with django_assert_num_queries(1):
        chains_of([source.pk for source in sources])


@pytest.mark.django_db
def test_a_past_moment_is_traced_from_the_citations_then():
    from datetime import UTC, datetime

    from common.clock import recording_at

    paper, wire, briefing = SourceFactory(), SourceFactory(), SourceFactory()
    with recording_at(datetime(2024, 10, 20, tzinfo=UTC)):
        chain(paper, wire)
    with recording_at(datetime(2024, 10, 22, tzinfo=UTC)):
        chain(wire, briefing)
    then = Moment(as_of=datetime(2024, 10, 21, tzinfo=UTC))
    assert origins_of([paper.pk], then) == {paper.pk: {wire.pk}}
    assert origins_of([paper.pk]) == {paper.pk: {briefing.pk}}


@pytest.mark.django_db
def test_a_source_cannot_cite_itself_or_the_same_source_twice():
    paper, wire = SourceFactory(), SourceFactory()
    with pytest.raises(ValidationError) as self_citation:
        services.cite_source(citing=paper, cited=paper, editor=None)
    assert "cannot cite itself" in str(self_citation.value)
    services.cite_source(citing=paper, cited=wire, editor=None)
    with pytest.raises(ValidationError) as twice:
        services.cite_source(citing=paper, cited=wire, editor=None)
    assert "already cites" in str(twice.value)
    assert Citation.objects.count() == 1


@pytest.mark.django_db
def test_analysts_may_not_record_citations():
    paper, wire = SourceFactory(), SourceFactory()
    with pytest.raises(PermissionDenied):
        services.cite_source(citing=paper, cited=wire, editor=UserFactory(groups=["analyst"]))
    assert not Citation.objects.exists()
