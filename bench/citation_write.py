"""What one citation costs on write: rows touched and time, in-process, rolled back.

    .venv/bin/python bench/citation_write.py --database-url postgres://…/claimtrack_bench

Origins are kept up to date on write (sources.models.Reliance, Claim.independent_origins and
supporting_reports); this measures that write where it is dearest, at the agency wire the most
sources rely on (issue #16, item 7), through sources.services.cite_source as an editor would:

- a new report cites the busiest wire (the report's own chain is written);
- the busiest wire is found to cite one more origin, an intelligence briefing of another topic
  (every source relying on the wire is retraced, and every claim recorded in one recounted);
- the source most sources rely on (an origin, or a claim's first report that many repeat) is
  found to cite that briefing: the largest retrace the data holds.

Each runs in a transaction that is rolled back, so the database is left as it was; run it
`--repeat` times for the spread. Prints the rows each write touched, its SQL queries and time.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import bench_env


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    args.workers, args.conn_max_age, args.redis_url = 1, 60, ""
    os.environ.update(bench_env(args))

    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from claims.models import Claim
    from claims.services import claims_recorded_in
    from sources.models import Reliance, Source, SourceKind
    from sources.selectors import sources_relying_on
    from sources.services import cite_source

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.relies_on_id, count(*) FROM sources_reliance r "
            "JOIN sources_source s ON s.id = r.relies_on_id WHERE s.kind = %s "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
            [SourceKind.AGENCY_WIRE.value],
        )
        wire_id, relying = cursor.fetchone()
    wire = Source.objects.get(pk=wire_id)
    # A briefing of another topic that cites nothing: a new origin for the wire's chains.
    briefing = (
        Source.objects.filter(kind=SourceKind.INTELLIGENCE_BRIEFING, citations__isnull=True)
        .exclude(statements__claim__topic__in=wire.statements.values("claim__topic"))
        .order_by("id")
        .first()
    )
    article = (
        Source.objects.filter(kind=SourceKind.NEWS_ARTICLE, citations__isnull=True)
        .exclude(pk__in=Reliance.objects.values("source"))
        .order_by("-id")
        .first()
    )
    assert briefing is not None and article is not None
    affected = sources_relying_on({wire.pk})
    claims = claims_recorded_in(affected)
    print(
        f"busiest wire: source {wire.pk} ({wire.title[:60]}…), relied on by {relying} sources; "
        f"{len(affected)} sources pass through it, {len(claims)} claims recorded in them",
        flush=True,
    )

    def state(source_ids: set[int], claim_ids: set[int]) -> tuple[set[Any], dict[int, Any]]:
        links = set(
            Reliance.objects.filter(source_id__in=source_ids).values_list(
                "source_id", "relies_on_id", "is_origin", "circular"
            )
        )
        counts = {
            pk: (origins, reports)
            for pk, origins, reports in Claim.objects.filter(pk__in=claim_ids).values_list(
                "pk", "independent_origins", "supporting_reports"
            )
        }
        return links, counts

    def measure(label: str, citing: Source, cited: Source) -> None:
        source_ids = sources_relying_on({citing.pk})
        claim_ids = claims_recorded_in(source_ids)
        timings, queries = [], 0
        for _ in range(args.repeat):
            try:
                with transaction.atomic():
                    links_before, counts_before = state(source_ids, claim_ids)
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        cite_source(citing=citing, cited=cited, editor=None)
                        timings.append(time.perf_counter() - started)
                    queries = len(captured.captured_queries)
                    links_after, counts_after = state(source_ids, claim_ids)
                    raise Rollback
            except Rollback:
                pass
        added, removed = len(links_after - links_before), len(links_before - links_after)
        recounted = sum(counts_after[pk] != counts_before[pk] for pk in counts_before)
        print(
            f"{label}: {len(source_ids)} sources retraced ({added} Reliance rows added, "
            f"{removed} removed), {len(claim_ids)} claims recounted ({recounted} changed); "
            f"{queries} queries; {statistics.median(timings) * 1000:.0f} ms median, "
            f"{min(timings) * 1000:.0f}–{max(timings) * 1000:.0f} ms over {len(timings)} runs",
            flush=True,
        )

    measure("a new report cites the busiest wire", article, wire)
    measure("the busiest wire cites one more origin", wire, briefing)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relies_on_id, count(*) FROM sources_reliance GROUP BY 1 ORDER BY 2 DESC, 1 "
            "LIMIT 1"
        )
        busiest_id, relying = cursor.fetchone()
    busiest = Source.objects.get(pk=busiest_id)
    print(
        f"the source most relied on: {busiest.pk} ({busiest.kind}, {relying} sources)", flush=True
    )
    measure(f"the source most relied on ({busiest.kind}) cites an origin", busiest, briefing)


if __name__ == "__main__":
    main()
