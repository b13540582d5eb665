"""Corroboration counts origins, not copies (issue #16, items 1 to 3): statements grouped by chains
that meet, the counts kept on the claim, circular reporting flagged. `make test` runs this file
on SQLite as well: the counts are the same on both databases."""

from datetime import UTC, datetime

import pytest

from actors.models import ActorKind
from claims import selectors, services
from claims.models import FlagReason, ReviewFlag, Stance
from common.clock import recording_at
from common.moments import Moment
from sources import services as source_services
from sources.models import SourceKind
from tests.factories import ActorFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def cite(citing, *cited):
    for source in cited:
        source_services.cite_source(citing=citing, cited=source, editor=None)


def state(claim, actor, source, stance=Stance.ASSERTS, day=21, credibility=6):
    return services.record_statement(
        claim=claim,
        actor=actor,
        source=source,
        stance=stance,
        recorded_by=None,
        said_at=datetime(2024, 10, day, 12, tzinfo=UTC),
        credibility=credibility,
    )


def kept(claim):
    claim.refresh_from_db()
    return claim.independent_origins, claim.supporting_reports


@pytest.fixture
def nis():
    return ActorFactory(name="National Intelligence Service", kind=ActorKind.INTELLIGENCE_SERVICE)


@pytest.fixture
def briefing(nis):
    return SourceFactory(
        title="NIS briefing", publisher=nis, kind=SourceKind.INTELLIGENCE_BRIEFING, reliability="B"
    )


def test_reports_repeating_one_briefing_are_one_origin(nis, briefing):
    claim = ClaimFactory()
    wire, paper, other_paper = SourceFactory(), SourceFactory(), SourceFactory()
    cite(wire, briefing)
    cite(paper, wire)  # a chain of depth two
    cite(other_paper, briefing)
    for source in (briefing, wire, paper, other_paper):
        state(claim, nis, source, credibility=2)

    supporting = selectors.corroboration(claim).supporting
    assert (supporting.independent_origins, supporting.reports) == (1, 4)
    assert supporting.single_origin
    only = supporting.origins[0]
    assert [source.title for source in only.sources] == ["NIS briefing"]
    assert (only.name, only.grade) == ("National Intelligence Service", "B2")
    assert {report.pk for report in only.repeats} == {wire.pk, paper.pk, other_paper.pk}
    assert kept(claim) == (1, 4)


def test_origins_that_never_meet_are_independent():
    claim = ClaimFactory()
    kyiv, washington = SourceFactory(kind=SourceKind.OFFICIAL_STATEMENT), SourceFactory()
    paper = SourceFactory()
    cite(paper, kyiv)
    state(claim, ActorFactory(), kyiv, Stance.SUPPORTS)
    state(claim, ActorFactory(), washington, Stance.SUPPORTS)
    state(claim, ActorFactory(), paper, Stance.ASSERTS)
    supporting = selectors.corroboration(claim).supporting
    assert (supporting.independent_origins, supporting.reports) == (2, 3)
    assert not supporting.single_origin
    assert kept(claim) == (2, 3)


def test_contesting_and_declining_are_counted_apart_from_support():
    claim = ClaimFactory()
    state(claim, ActorFactory(), SourceFactory(), Stance.ASSERTS)
    state(claim, ActorFactory(), SourceFactory(), Stance.DENIES)
    state(claim, ActorFactory(), SourceFactory(), Stance.DISPUTES)
    state(claim, ActorFactory(), SourceFactory(), Stance.CANNOT_CONFIRM)
    state(claim, ActorFactory(), SourceFactory(), Stance.COMMENTS)  # takes no side
    found = selectors.corroboration(claim)
    assert [side.independent_origins for side in found.sides] == [1, 2, 1]
    assert kept(claim) == (1, 1)


def test_an_actors_own_words_in_its_own_statement_are_an_origin_whatever_it_cites():
    ministry = ActorFactory(kind=ActorKind.GOVERNMENT_BODY)
    statement = SourceFactory(publisher=ministry, kind=SourceKind.OFFICIAL_STATEMENT)
    wire = SourceFactory()
    cite(statement, wire)  # the ministry's statement refers to a wire
    claim = ClaimFactory()
    state(claim, ministry, statement)
    state(claim, ActorFactory(), wire)
    assert selectors.corroboration(claim).supporting.independent_origins == 2
    # A newspaper relying on the ministry's statement relies on the wire behind it too: it ties
    # the two, since nobody can tell which its words came from. Counting stays conservative.
    paper = SourceFactory()
    cite(paper, statement)
    state(claim, ministry, paper)
    assert kept(claim) == (1, 3)


def test_a_report_relying_on_several_sources_ties_them_into_one():
    claim = ClaimFactory()
    kyiv, moscow, wire = SourceFactory(), SourceFactory(), SourceFactory()
    cite(wire, kyiv, moscow)
    state(claim, ActorFactory(), kyiv)
    state(claim, ActorFactory(), moscow)
    assert kept(claim) == (2, 2)
    state(claim, ActorFactory(), wire)  # whose words came from which, nobody can tell
    supporting = selectors.corroboration(claim).supporting
    assert supporting.independent_origins == 1
    assert supporting.origins[0].entangled and not supporting.single_origin
    assert kept(claim) == (1, 3)


def test_a_new_citation_recounts_the_claims_recorded_up_the_chain(nis, briefing):
    claim = ClaimFactory()
    wire, paper = SourceFactory(), SourceFactory()
    state(claim, nis, briefing)
    state(claim, ActorFactory(), paper)
    cite(wire, briefing)
    assert kept(claim) == (2, 2)
    cite(paper, wire)  # the paper turns out to repeat the briefing
    assert kept(claim) == (1, 2)
    source_services.remove_citation(paper.citations.get(), editor=None)
    assert kept(claim) == (2, 2)


def test_statement_edits_and_deletions_recount(editor):
    claim = ClaimFactory()
    first = state(claim, ActorFactory(), SourceFactory())
    second = state(claim, ActorFactory(), SourceFactory())
    assert kept(claim) == (2, 2)
    second.stance = Stance.DENIES
    services.statement_update(second, editor=editor)
    assert kept(claim) == (1, 1)
    services.statement_delete(first, editor=editor)
    assert kept(claim) == (0, 0)


def test_circular_reporting_raises_one_flag_naming_the_chain():
    claim = ClaimFactory()
    a = SourceFactory(title="Paper A")
    b = SourceFactory(title="Paper B")
    c = SourceFactory(title="Paper C")
    state(claim, ActorFactory(), a)
    cite(a, b)
    cite(b, c)
    assert not ReviewFlag.objects.filter(reason=FlagReason.CIRCULAR_CITATION).exists()
    cite(c, a)  # back to where it started
    flags = ReviewFlag.objects.filter(reason=FlagReason.CIRCULAR_CITATION)
    assert [(flag.claim_id, flag.detail) for flag in flags] == [
        (claim.pk, "Circular reporting: Paper A → Paper B → Paper C → Paper A")
    ]
    cite(c, SourceFactory())  # another citation in the ring: the same flag stays the only one
    assert ReviewFlag.objects.filter(reason=FlagReason.CIRCULAR_CITATION).count() == 1


def test_the_count_as_it_stood_on_a_past_day():
    claim = ClaimFactory()
    briefing, wire = SourceFactory(), SourceFactory()
    with recording_at(datetime(2024, 10, 21, tzinfo=UTC)):
        state(claim, ActorFactory(), briefing)
        state(claim, ActorFactory(), wire)
    with recording_at(datetime(2024, 10, 25, tzinfo=UTC)):
        cite(wire, briefing)
    then = Moment(as_of=datetime(2024, 10, 23, tzinfo=UTC))
    assert selectors.corroboration(claim, then).supporting.independent_origins == 2
    assert selectors.corroboration(claim).supporting.independent_origins == 1
    claims = selectors.count_claims_as_of([claim], then)
    assert claims[0].independent_origins == 2


def test_growth_follows_the_story_clock():
    claim = ClaimFactory()
    state(claim, ActorFactory(), SourceFactory(), day=28)
    state(claim, ActorFactory(), SourceFactory(), day=21)
    state(claim, ActorFactory(), SourceFactory(), day=23)
    growth = selectors.corroboration(claim).growth
    assert [(step.when.day, step.independent_origins) for step in growth] == [
        (21, 1),
        (23, 2),
        (28, 3),
    ]


def test_corroboration_reads_in_constant_queries(django_assert_num_queries):
    claim = ClaimFactory()
    for _ in range(3):
        origin = SourceFactory()
        for _ in range(4):
            report = SourceFactory()
            cite(report, origin)
            state(claim, ActorFactory(), report)
    statements = selectors.claim_statements(claim)
    with django_assert_num_queries(2):  # chains, then the origin documents
        found = selectors.corroboration(claim, statements=list(statements))
    assert (found.supporting.independent_origins, found.supporting.reports) == (3, 12)


def test_the_claim_page_names_ten_repeats_and_counts_the_rest(client, editor, nis, briefing):
    claim = ClaimFactory()
    state(claim, nis, briefing)
    for number in range(14):
        report = SourceFactory(title=f"Repeat {number:02d}")
        cite(report, briefing)
        state(claim, nis, report)
    client.force_login(editor)
    page = client.get(f"/claims/{claim.public_id}/").content.decode()
    section = page[page.index('id="corroboration"') : page.index('id="timeline-heading"')]
    repeats = section[section.index('class="repeats"') :]
    assert repeats.count(">Repeat ") == 10
    assert "and 4 more" in repeats
    assert "15 reports, 1 origin: National Intelligence Service" in page
