"""Corroboration counts origins, not copies: which independent origins stand behind a claim.

A statement's words come from its source, and from everything that source relies on near or
far (sources.origins) — unless the statement is the actor's own words first-hand, in a briefing,
statement, transcript or post the actor published itself: then they come from that source alone,
whatever it cites. Its origins are where that chain ends (the source itself when first-hand).

Two statements are not independent of each other when their chains meet: a newspaper citing the
agency wire that cites the NIS briefing repeats the NIS, as the wire does. The statements on one
side of a claim (supporting, contesting, declining to confirm) fall into groups joined by
chains that meet, and each group counts as one independent origin. Mostly a group is one origin
document; a report relying on several (a wire citing five sources) ties them into one, because
nobody can tell which of them its words came from. Chains only grow when a citation is added,
so linking two reports can join groups but never split them: a new citation never raises the
count (tests/claims/test_corroboration_property.py).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy

from actors.models import Actor
from common.history import by_pk_as_of
from common.moments import NOW, Moment
from sources.models import Source, SourceKind
from sources.selectors import Chains, chains_of

from ..models import Claim, Stance, Statement
from .as_of import attach_related, statements_as_of
from .dashboards import claim_statements_as_of


class Side(TextChoices):
    SUPPORTING = "supporting", gettext_lazy("Supporting")
    CONTESTING = "contesting", gettext_lazy("Contesting")
    DECLINING = "declining", gettext_lazy("Declining to confirm")


SIDE_OF_STANCE = {
    Stance.ASSERTS: Side.SUPPORTING,
    Stance.SUPPORTS: Side.SUPPORTING,
    Stance.DISPUTES: Side.CONTESTING,
    Stance.DENIES: Side.CONTESTING,
    Stance.RETRACTS: Side.CONTESTING,
    Stance.CANNOT_CONFIRM: Side.DECLINING,
}
SUPPORTING_STANCES = tuple(s for s, side in SIDE_OF_STANCE.items() if side == Side.SUPPORTING)

# Kinds of source in which an actor's own words are first-hand when the actor published it.
FIRST_HAND_KINDS = frozenset(
    {
        SourceKind.OFFICIAL_STATEMENT,
        SourceKind.TRANSCRIPT,
        SourceKind.INTELLIGENCE_BRIEFING,
        SourceKind.SOCIAL_POST,
    }
)


def statement_chain(
    *, actor_id: int, source: Source, chains: Chains
) -> tuple[frozenset[int], frozenset[int]]:
    """Where one statement's words come from: (every source in its chain, its origins); see the
    module's docstring."""
    if source.kind in FIRST_HAND_KINDS and source.publisher_id == actor_id:
        return frozenset({source.pk}), frozenset({source.pk})
    return (
        chains.reach.get(source.pk, frozenset({source.pk})),
        chains.origins.get(source.pk, frozenset({source.pk})),
    )


def independent_groups(chain_sets: Sequence[frozenset[int]]) -> list[list[int]]:
    """Indexes of `chain_sets` grouped so that chains that meet are in one group (union find
    over the sources in them); groups in the order of their first member."""
    parent: dict[int, int] = {}

    def root(origin: int) -> int:
        while parent.setdefault(origin, origin) != origin:
            parent[origin] = parent[parent[origin]]
            origin = parent[origin]
        return origin

    for chain in chain_sets:
        first, *rest = sorted(chain)
        for other in rest:
            parent[root(other)] = root(first)
    groups: dict[int, list[int]] = {}
    for index, chain in enumerate(chain_sets):
        groups.setdefault(root(min(chain)), []).append(index)
    return list(groups.values())


def group_counts(chain_sets: Iterable[frozenset[int]]) -> list[int]:
    """len(independent_groups(chain_sets[:n])) for each n from 1, in one pass: each chain adds a
    group and joins those it meets. Grouping every prefix anew took 0.35 s for the 250
    supporting statements of a 500-statement claim (bench/queries.py)."""
    parent: dict[int, int] = {}

    def root(source: int) -> int:
        while parent[source] != source:
            parent[source] = parent[parent[source]]
            source = parent[source]
        return source

    counts: list[int] = []
    count = 0
    for chain in chain_sets:
        met = {root(source) for source in chain if source in parent}
        count += 1 - len(met)
        top = min(met) if met else min(chain)
        parent.setdefault(top, top)
        for source in chain:
            if source not in parent:
                parent[source] = top
        for other in met:
            parent[other] = top
        counts.append(count)
    return counts


@dataclass
class IndependentOrigin:
    """One independent origin of a side of a claim: the origin document(s), the statements that
    lead to it and the reports that record them."""

    sources: list[Source]
    statements: list[Statement]
    reports: list[Source]
    # The statements' chains meet but do not all end in the same origins (a wire citing five
    # sources beside one of those five): they cannot be counted apart, nor called copies.
    entangled: bool = False

    @property
    def reliability(self) -> str:
        """The best source reliability (Admiralty A to F) among the origin documents."""
        return min(source.reliability for source in self.sources)

    @property
    def credibility(self) -> int:
        """The best information credibility (Admiralty 1 to 6) among the statements."""
        return min(statement.credibility for statement in self.statements)

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"

    @property
    def tied(self) -> bool:
        """Several origin documents tied into one by reports relying on more than one of them."""
        return len(self.sources) > 1

    @property
    def name(self) -> str:
        """Who the origin is, in a word: the publisher (or title) of its origin document; for
        origins tied together, of the reports that tie them."""
        named = self.reports if self.tied else self.sources
        return " + ".join(dict.fromkeys(_publisher_or_title(source) for source in named))

    @property
    def repeats(self) -> list[Source]:
        """The reports that repeat the origin (the origin documents left out)."""
        own = {source.pk for source in self.sources}
        return [report for report in self.reports if report.pk not in own]


def _publisher_or_title(source: Source) -> str:
    return source.publisher.name if source.publisher else source.title


@dataclass
class SideOfClaim:
    side: str
    label: Any  # a lazily translated label
    origins: list[IndependentOrigin] = field(default_factory=list)

    @property
    def independent_origins(self) -> int:
        return len(self.origins)

    @property
    def reports(self) -> int:
        return len({report.pk for origin in self.origins for report in origin.reports})

    @property
    def single_origin(self) -> bool:
        """Several reports, one origin document: amplification, not corroboration."""
        only = self.origins[0] if self.independent_origins == 1 else None
        return only is not None and self.reports > 1 and not (only.tied or only.entangled)


@dataclass(frozen=True)
class Growth:
    """The supporting count after a statement said at `when` (the story's clock)."""

    when: datetime | None
    independent_origins: int
    statement: Statement


@dataclass
class Corroboration:
    supporting: SideOfClaim
    contesting: SideOfClaim
    declining: SideOfClaim
    growth: list[Growth]

    @property
    def sides(self) -> list[SideOfClaim]:
        return [self.supporting, self.contesting, self.declining]


def corroboration(
    claim: Claim, moment: Moment = NOW, statements: list[Statement] | None = None
) -> Corroboration:
    """The claim's independent origins on each side, as known at `moment`: in four queries
    (statements, their origins, the origin documents and their publishers) whatever the number
    of statements; pass `statements` (with source and actor) when the caller has them."""
    if statements is None:
        statements = _statements_taking_sides(claim, moment)
    counted = [s for s in statements if s.stance in SIDE_OF_STANCE]
    chains = chains_of({s.source_id for s in counted}, moment)
    traced = [statement_chain(actor_id=s.actor_id, source=s.source, chains=chains) for s in counted]
    documents = _origin_documents(set().union(*(origins for _, origins in traced)), moment, counted)
    sides = {side: SideOfClaim(side, side.label) for side in Side}
    for side, entry in sides.items():
        members = [i for i, s in enumerate(counted) if SIDE_OF_STANCE[Stance(s.stance)] == side]
        for group in independent_groups([traced[i][0] for i in members]):
            group_statements = [counted[members[i]] for i in group]
            origin_sets = [traced[members[i]][1] for i in group]
            # The origins every statement of the group leads to, when they share one (the
            # NIS briefing behind both the briefing's own words and a wire citing five
            # sources); else all of them, tied together.
            origin_ids = sorted(
                frozenset.intersection(*origin_sets) or frozenset().union(*origin_sets)
            )
            entry.origins.append(
                IndependentOrigin(
                    sources=[documents[pk] for pk in origin_ids if pk in documents],
                    statements=group_statements,
                    reports=list({s.source_id: s.source for s in group_statements}.values()),
                    entangled=len(set(origin_sets)) > 1,
                )
            )
        entry.origins.sort(key=lambda origin: (-len(origin.reports), origin.name))
    supporting = [
        (s, traced[i][0])
        for i, s in enumerate(counted)
        if SIDE_OF_STANCE[Stance(s.stance)] == Side.SUPPORTING
    ]
    return Corroboration(
        supporting=sides[Side.SUPPORTING],
        contesting=sides[Side.CONTESTING],
        declining=sides[Side.DECLINING],
        growth=_growth(supporting),
    )


# What corroboration reads of a statement and of its source: what it counts by and shows.
_COLUMNS = (
    "id", "public_id", "claim_id", "actor_id", "source_id", "stance", "said_at", "credibility",
    "source__id", "source__public_id", "source__title", "source__url", "source__health",
    "source__kind", "source__reliability", "source__publisher_id", "source__publisher__id",
    "source__publisher__name",
)  # fmt: skip


def _statements_taking_sides(claim: Claim, moment: Moment) -> list[Statement]:
    """The claim's statements that take a side, with their sources and publishers, in time
    order; for the present only the columns corroboration reads, and not the claim again for
    each (the 500 statements of a claim: 2,500 model instances with every column before)."""
    if not moment.is_now:
        return claim_statements_as_of(claim, moment)
    statements = list(
        Statement.objects.filter(claim=claim, stance__in=list(SIDE_OF_STANCE))
        .select_related("source__publisher")
        .only(*_COLUMNS)
        .order_by("said_at", "id")
    )
    for statement in statements:
        Statement.claim.field.set_cached_value(statement, claim)
    return statements


def _origin_documents(
    origin_ids: set[int], moment: Moment, statements: Iterable[Statement]
) -> dict[int, Source]:
    """The origin documents with their publishers, as they read at `moment`; those the
    statements already hold are not read again."""
    known = {s.source_id: s.source for s in statements}
    missing = origin_ids - known.keys()
    documents = {pk: source for pk, source in known.items() if pk in origin_ids}
    if not missing:
        return documents
    if moment.as_of is None:
        documents.update(Source.objects.select_related("publisher").defer("text").in_bulk(missing))
    else:
        read = by_pk_as_of(Source, moment.as_of, missing)
        attach_related(set(read.values()), "publisher", Actor, moment)
        documents.update(read)
    return documents


def _growth(supporting: list[tuple[Statement, frozenset[int]]]) -> list[Growth]:
    """How the supporting count grew over the story: after each statement, in the order they
    were said (undated ones last), the entries where the count changed."""
    ordered = sorted(
        supporting,
        key=lambda pair: (pair[0].said_at is None, pair[0].said_at or datetime.min, pair[0].pk),
    )
    growth: list[Growth] = []
    counts = group_counts(chain for _statement, chain in ordered)
    for (statement, _chain), count in zip(ordered, counts, strict=True):
        if not growth or growth[-1].independent_origins != count:
            growth.append(Growth(statement.said_at, count, statement))
    return growth


def corroboration_counts(claim_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """(independent supporting origins, supporting reports) of each claim, as kept on the claim
    for the list's filter: two queries for any number of claims."""
    ids = set(claim_ids)
    rows = list(
        Statement.objects.filter(claim_id__in=ids, stance__in=SUPPORTING_STANCES).values_list(
            "claim_id", "actor_id", "source_id", "source__kind", "source__publisher_id"
        )
    )
    return count_supporting(ids, rows, chains_of({row[2] for row in rows}))


StatementRow = tuple[int, int, int, str, int | None]  # claim, actor, source, kind, publisher


def count_supporting(
    claim_ids: Iterable[int], rows: Iterable[StatementRow], chains: Chains
) -> dict[int, tuple[int, int]]:
    """corroboration_counts on statement rows already read (the migration and the synthetic
    seed count a million claims in batches)."""
    by_claim: dict[int, list[tuple[frozenset[int], int]]] = {pk: [] for pk in claim_ids}
    for claim_id, actor_id, source_id, kind, publisher_id in rows:
        source = Source(pk=source_id, kind=kind, publisher_id=publisher_id)
        chain, _ = statement_chain(actor_id=actor_id, source=source, chains=chains)
        by_claim[claim_id].append((chain, source_id))
    return {
        claim_id: (
            len(independent_groups([chain for chain, _ in entries])),
            len({source_id for _, source_id in entries}),
        )
        for claim_id, entries in by_claim.items()
    }


def count_claims_as_of(claims: list[Claim], moment: Moment) -> list[Claim]:
    """Set the corroboration counts of claims as they stood at a past `moment` (those kept on
    the claim are today's): the statements known then, through the chains known then."""
    if moment.is_now or not claims:
        return claims
    statements = statements_as_of(
        moment, claim_id__in=[claim.pk for claim in claims], stance__in=SUPPORTING_STANCES
    )
    rows = [
        (s.claim_id, s.actor_id, s.source_id, s.source.kind, s.source.publisher_id)
        for s in statements
    ]
    counts = count_supporting(
        {claim.pk for claim in claims}, rows, chains_of({row[2] for row in rows}, moment)
    )
    for claim in claims:
        claim.independent_origins, claim.supporting_reports = counts[claim.pk]
    return claims


@dataclass(frozen=True)
class SupportSummary:
    """A claim's supporting side in a word, for the topic's stance matrix."""

    independent_origins: int
    reports: int
    single_origin: bool


def support_summaries(
    said: Iterable[tuple[int, int, Source, str]], moment: Moment = NOW
) -> dict[int, SupportSummary]:
    """The supporting side of each claim, from (claim id, actor id, source, stance) of its
    statements (a topic's timeline has them loaded), through the chains known at `moment`: one
    query for the present."""
    supporting = [row for row in said if row[3] in SUPPORTING_STANCES]
    chains = chains_of({source.pk for _, _, source, _ in supporting}, moment)
    by_claim: dict[int, list[tuple[int, frozenset[int], frozenset[int]]]] = {}
    for claim_id, actor_id, source, _ in supporting:
        chain, origins = statement_chain(actor_id=actor_id, source=source, chains=chains)
        by_claim.setdefault(claim_id, []).append((source.pk, chain, origins))
    summaries = {}
    for claim_id, traced in by_claim.items():
        groups = independent_groups([chain for _, chain, _ in traced])
        reports = len({source_id for source_id, _, _ in traced})
        origin_sets = {origins for _, _, origins in traced}
        one_document = len(origin_sets) == 1 and len(next(iter(origin_sets))) == 1
        summaries[claim_id] = SupportSummary(
            len(groups), reports, len(groups) == 1 and reports > 1 and one_document
        )
    return summaries


def support_in_timeline(entries: Iterable[Any], moment: Moment = NOW) -> dict[int, SupportSummary]:
    """support_summaries of the claims in a timeline (selectors.timelines' entries)."""
    return support_summaries(
        (
            (e.claim.pk, e.actor.pk, e.source, e.stance)
            for e in entries
            if e.type == "statement" and e.claim and e.actor and e.source and e.stance
        ),
        moment,
    )
