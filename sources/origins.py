"""Where citation chains end: the origins of sources, on a graph of citations held in memory.

A source's origins are the sources its chain of citations ends in: those that cite nothing
further (the intelligence service's briefing behind an agency wire behind a newspaper). A source
citing nothing is its own origin. Chains may branch (a wire citing five sources has up to five
origins), join and return to themselves: sources citing each other in a ring (circular
reporting) are one strongly connected component, and a ring that cites nothing outside itself is
one origin, named by its first source (lowest id), since none of its members is earlier than the
others in the chain.

Pure functions over `cites` (source id → ids it cites), so the same code answers for the
present (sources.services keeps SourceOrigin up to date) and for a past moment (the citations
as they read then).
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Tracing:
    """The origins of each source traced, and the rings of citation met on the way."""

    origins: dict[int, frozenset[int]] = field(default_factory=dict)
    # Every source each one relies on, near or far (itself left out unless it is in a ring).
    reach: dict[int, frozenset[int]] = field(default_factory=dict)
    # Each ring as a chain that returns to its start: (a, b, c, a).
    cycles: list[tuple[int, ...]] = field(default_factory=list)
    # The sources whose chain passes through a ring, with the rings (indexes into `cycles`).
    through_cycles: dict[int, frozenset[int]] = field(default_factory=dict)
    # Origins that are rings rather than one source.
    circular_origins: frozenset[int] = frozenset()


def trace(cites: Mapping[int, Collection[int]], starts: Iterable[int]) -> Tracing:
    """The origins of every source reachable from `starts` along `cites` (which must hold the
    citations of every source reachable from them)."""
    components = _strongly_connected(cites, starts)
    component_of = {member: index for index, members in enumerate(components) for member in members}
    components_members = [frozenset(members) for members in components]
    # Tarjan's algorithm yields each component after every component it reaches, so one pass
    # in that order sees the successors' origins already traced.
    origins_of_component: list[frozenset[int]] = []
    reach_of_component: list[frozenset[int]] = []
    rings_of_component: list[frozenset[int]] = []
    cycles: list[tuple[int, ...]] = []
    circular: set[int] = set()
    for index, members in enumerate(components):
        successors = {
            component_of[cited]
            for member in members
            for cited in cites.get(member, ())
            if component_of[cited] != index
        }
        reach = set(members) if len(members) > 1 else set()
        for successor in successors:
            reach |= components_members[successor] | reach_of_component[successor]
        reach_of_component.append(frozenset(reach))
        rings: set[int] = set()
        if len(members) > 1:
            rings.add(len(cycles))
            cycles.append(_ring(members, cites))
        for successor in successors:
            rings |= rings_of_component[successor]
        if successors:
            origins = frozenset().union(*(origins_of_component[s] for s in successors))
        else:
            origins = frozenset({min(members)})
            if len(members) > 1:
                circular.add(min(members))
        origins_of_component.append(origins)
        rings_of_component.append(frozenset(rings))
    return Tracing(
        origins={source: origins_of_component[index] for source, index in component_of.items()},
        reach={
            source: reach_of_component[index] - ({source} if len(components[index]) == 1 else set())
            for source, index in component_of.items()
        },
        cycles=cycles,
        through_cycles={
            source: rings_of_component[index]
            for source, index in component_of.items()
            if rings_of_component[index]
        },
        circular_origins=frozenset(circular),
    )


def links(source_id: int, tracing: Tracing) -> set[tuple[int, bool, bool]]:
    """What a source relies on, as kept (sources.models.Reliance): (source id, whether it is an
    origin, whether that origin is a ring). Empty for a source citing nothing."""
    origins = tracing.origins.get(source_id, frozenset({source_id}))
    reach = set(tracing.reach.get(source_id, frozenset())) | (origins - {source_id})
    if source_id in tracing.circular_origins:
        reach.add(source_id)  # the first source of a ring that cites nothing outside it
    return {
        (relies_on, relies_on in origins, relies_on in tracing.circular_origins)
        for relies_on in reach
    }


def _strongly_connected(
    cites: Mapping[int, Collection[int]], starts: Iterable[int]
) -> list[list[int]]:
    """Tarjan's strongly connected components of the graph reachable from `starts`, each
    component after those it reaches; iterative, so chains of any depth fit."""
    index_of: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for start in starts:
        if start in index_of:
            continue
        work: list[tuple[int, list[int]]] = [(start, sorted(cites.get(start, ())))]
        index_of[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, pending = work[-1]
            if pending:
                cited = pending.pop()
                if cited not in index_of:
                    index_of[cited] = low[cited] = counter
                    counter += 1
                    stack.append(cited)
                    on_stack.add(cited)
                    work.append((cited, sorted(cites.get(cited, ()))))
                elif cited in on_stack:
                    low[node] = min(low[node], index_of[cited])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index_of[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def _ring(members: list[int], cites: Mapping[int, Collection[int]]) -> tuple[int, ...]:
    """A chain through the ring from its first source back to it: the shortest one, so the
    review flag names the loop an editor can follow."""
    inside = set(members)
    start = members[0]
    came_from: dict[int, int] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for cited in sorted(cites.get(node, ())):
                if cited == start:
                    chain = [start]
                    step = node
                    while step != start:
                        chain.append(step)
                        step = came_from[step]
                    return (start, *reversed(chain[1:]), start)
                if cited in inside and cited not in came_from:
                    came_from[cited] = node
                    following.append(cited)
        frontier = following
    return (start, start)  # unreachable for a true component; keeps the type total
