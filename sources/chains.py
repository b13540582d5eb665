"""One source's chain of citations laid out level by level for its page: what it cites, what
those cite, and so on down to the origins, each source shown once, at the level it is first met.

Pure: sources.selectors.citation_chain reads the citations, sources.origins says where the
chain ends and which sources cite each other in a ring.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .models import Citation, Source
from .origins import Tracing, trace


@dataclass(frozen=True)
class ChainLink:
    """One source met following a source's citations."""

    source: Source
    cited_by: tuple[Source, ...]  # the sources one level nearer that cite it
    note: str  # the citation's note, when the page's own source cites it
    origin: bool  # a chain ends here
    circular: bool  # ... in a ring of sources citing each other, named by this one
    in_ring: bool
    cites_back: tuple[Source, ...] = ()  # sources nearer in its ring that it cites: a ring closes
    also_cites: tuple[Source, ...] = ()  # sources shown nearer that it cites too (no ring)


@dataclass(frozen=True)
class CitationChain:
    levels: list[list[ChainLink]]  # [what the source cites, what those cite, …]
    origins: list[Source]  # the source itself first when it is its own origin
    circular_origins: frozenset[int]
    rings: list[list[Source]]  # each as a chain that returns to its start
    in_ring: bool  # the source itself is in a ring

    @property
    def is_origin(self) -> bool:
        """The source cites nothing: it is an origin itself."""
        return not self.levels


def chain_levels(source: Source, citations: Iterable[Citation]) -> CitationChain:
    """The chain of `source`, from the citations of every source it relies on near or far
    (with their citing and cited sources loaded), in the order given."""
    cites: dict[int, list[int]] = {}
    sources = {source.pk: source}
    notes: dict[int, str] = {}
    for citation in citations:
        cites.setdefault(citation.citing_id, []).append(citation.cited_id)
        sources.setdefault(citation.citing_id, citation.citing)
        sources.setdefault(citation.cited_id, citation.cited)
        if citation.citing_id == source.pk:
            notes[citation.cited_id] = citation.note
    tracing = trace(cites, [source.pk])
    origins = tracing.origins.get(source.pk, frozenset({source.pk}))
    # Only a source in a ring relies on itself (sources.origins).
    ringed = {pk for pk, reach in tracing.reach.items() if pk in reach}

    levels: list[list[ChainLink]] = []
    seen = {source.pk}
    frontier = [source.pk]
    while frontier:
        cited_by: dict[int, list[int]] = {}
        met: dict[int, list[int]] = {}
        for citing_id in frontier:
            for cited_id in cites.get(citing_id, []):
                if cited_id in seen:
                    met.setdefault(citing_id, []).append(cited_id)
                else:
                    cited_by.setdefault(cited_id, []).append(citing_id)
        if levels:  # the level above learns what it cites that is shown nearer already
            levels[-1] = [_citing_met(link, met, sources, tracing) for link in levels[-1]]
        frontier = list(cited_by)
        seen.update(frontier)
        if frontier:
            first = not levels
            levels.append(
                [
                    ChainLink(
                        source=sources[pk],
                        cited_by=tuple(sources[c] for c in cited_by[pk]),
                        note=notes.get(pk, "") if first else "",
                        origin=pk in origins,
                        circular=pk in tracing.circular_origins,
                        in_ring=pk in ringed,
                    )
                    for pk in frontier
                ]
            )
    return CitationChain(
        levels=levels,
        origins=[sources[pk] for pk in sorted(origins, key=lambda pk: (pk != source.pk, pk))],
        circular_origins=tracing.circular_origins,
        rings=[[sources[pk] for pk in ring] for ring in tracing.cycles],
        in_ring=source.pk in ringed,
    )


def _citing_met(
    link: ChainLink, met: dict[int, list[int]], sources: dict[int, Source], tracing: Tracing
) -> ChainLink:
    """`link`, with the sources shown nearer that it cites: back round its ring when the one
    cited relies on it in turn, else also cited (two reports citing each other's source)."""
    pk = link.source.pk
    cited = met.get(pk, [])
    if not cited:
        return link
    back = [c for c in cited if pk in tracing.reach.get(c, frozenset())]
    return replace(
        link,
        cites_back=tuple(sources[c] for c in back),
        also_cites=tuple(sources[c] for c in cited if c not in back),
    )
