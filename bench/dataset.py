"""The shape of a seeded database's citation chains and corroboration, for docs/benchmarks.md.

    .venv/bin/python bench/dataset.py --database-url postgres://…/claimtrack_bench

Prints the counts of sources, citations and Reliance rows, the depth of the chains
(devdata.synthetic.chain_depths), the rings of circular reporting (sources.origins.trace), and
how many claims have how many independent supporting origins. Reads only.
"""

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import bench_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    args.workers, args.conn_max_age, args.redis_url = 1, 60, ""
    os.environ.update(bench_env(args))

    import django

    django.setup()
    from django.db import connection

    from devdata.synthetic import chain_depths
    from sources.origins import trace

    def rows(sql: str) -> list[tuple[int, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    started = time.perf_counter()
    ((sources,),) = rows("SELECT count(*) FROM sources_source")
    cites: dict[int, set[int]] = {}
    for citing_id, cited_id in rows("SELECT citing_id, cited_id FROM sources_citation"):
        cites.setdefault(citing_id, set()).add(cited_id)
    citations = sum(map(len, cites.values()))
    ((reliance, origin_rows, circular_rows),) = rows(
        "SELECT count(*), count(*) FILTER (WHERE is_origin), count(*) FILTER (WHERE circular) "
        "FROM sources_reliance"
    )
    print(
        f"sources {sources:,}; citations {citations:,} by {len(cites):,} sources "
        f"({sum(len(c) > 1 for c in cites.values()):,} citing several); Reliance rows "
        f"{reliance:,} ({origin_rows:,} to an origin, {circular_rows:,} circular)"
    )
    tracing = trace(cites, sorted(cites))
    rings = Counter(len(cycle) - 1 for cycle in tracing.cycles)
    print(
        f"rings of circular reporting: {len(tracing.cycles)} "
        f"({', '.join(f'{n} of {size} sources each' for size, n in sorted(rings.items()))}); "
        f"{len(tracing.through_cycles):,} sources' chains pass through one"
    )
    depths = chain_depths(cites)
    citing = Counter(depths[pk] for pk in cites if pk not in tracing.through_cycles)
    print(
        "chain depth of the citing sources (those through a ring left out): "
        + ", ".join(f"{depth}: {n:,}" for depth, n in sorted(citing.items()))
    )
    reach = Counter(
        n for (n,) in rows("SELECT count(*) FROM sources_reliance GROUP BY relies_on_id")
    )
    busiest = max(reach)
    print(f"most sources relying on one source: {busiest:,}")
    by_origins = rows(
        "SELECT least(independent_origins, 5), count(*) FROM claims_claim GROUP BY 1 ORDER BY 1"
    )
    print(
        "claims by independent supporting origins (5 = 5 or more): "
        + ", ".join(f"{origins}: {n:,}" for origins, n in by_origins)
    )
    ((single, several, most_reports),) = rows(
        "SELECT count(*) FILTER (WHERE independent_origins = 1 AND supporting_reports > 1), "
        "count(*) FILTER (WHERE independent_origins > 1), max(supporting_reports) "
        "FROM claims_claim"
    )
    print(
        f"claims with several supporting reports and one origin: {single:,}; with several "
        f"independent origins: {several:,}; most supporting reports of a claim: {most_reports:,}"
    )
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
