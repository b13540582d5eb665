"""How deep the synthetic citation chains are: for the seed's tests and the benchmark notes."""

from collections.abc import Collection, Mapping


def chain_depths(cites: Mapping[int, Collection[int]]) -> dict[int, int]:
    """The depth of every source met in `cites` (source id → ids it cites): the length of its
    longest chain of citations to a source citing nothing (0 for such a source).

    A ring of circular reporting has no longest chain: the citation that closes it (met again
    while walking from the lowest ids) is left out. Iterative, so a million sources fit.
    """
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    for start in sorted(cites):
        if start in depth:
            continue
        work: list[tuple[int, list[int]]] = [(start, sorted(cites.get(start, ())))]
        on_path.add(start)
        deepest = {start: 0}
        while work:
            node, pending = work[-1]
            if pending:
                cited = pending.pop()
                if cited in depth:
                    deepest[node] = max(deepest[node], depth[cited] + 1)
                elif cited not in on_path:
                    on_path.add(cited)
                    deepest[cited] = 0
                    work.append((cited, sorted(cites.get(cited, ()))))
                continue
            work.pop()
            on_path.discard(node)
            depth[node] = deepest.pop(node)
            if work:
                parent = work[-1][0]
                deepest[parent] = max(deepest[parent], depth[node] + 1)
    return depth
