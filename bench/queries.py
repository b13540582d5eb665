"""The SQL behind each bench scenario: query count, time in the database, the slowest query.

    .venv/bin/python bench/queries.py --database-url postgres://…/claimtrack_bench

Runs the requests in-process through Django's test client (no gunicorn, no load), so the numbers
say where one request's time goes; bench/run.py says how fast it goes under load.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import bench_env, create_token, fixtures, manage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--cursor-path", help="A deep cursor page's path, printed by run.py.")
    parser.add_argument("--only", help="Only the scenarios whose name contains this text.")
    parser.add_argument("--show-sql", action="store_true", help="Print the slowest query's SQL.")
    parser.add_argument("--sql-dir", help="Write each scenario's slowest query to DIR/<name>.sql.")
    parser.add_argument(
        "--redis-url", help="Cache in this Redis, as production does (default: local memory)."
    )
    args = parser.parse_args()
    args.workers, args.conn_max_age = 1, 60
    env = bench_env(args)
    os.environ.update(env)
    f = fixtures(args.database_url)
    token_name = f"bench-queries-{int(time.time())}"
    token = create_token(env, token_name)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    paths = {
        "verdict GET": f"/api/v1/claims/{f['verdict_claim']}/verdict/",
        "claims list topic+verdict": f"/api/v1/claims/?topic={f['list_topic']}"
        f"&verdict={f['list_verdict']}",
        "claims list verdict": f"/api/v1/claims/?verdict={f['list_verdict']}",
        "search aluminium": "/api/v1/claims/?q=aluminium",
        "search Nalorashen": "/api/v1/claims/?q=Nalorashen",
        "claim timeline": f"/api/v1/claims/{f['timeline_claim']}/timeline/",
        "topic quantities": f"/api/v1/topics/{f['quantity_topic']}/quantities/",
        "changes feed": f"/api/v1/changes/?since={f['changes_since']}",
        "claim detail, deep corroboration": f"/api/v1/claims/{f['deep_claim']}/",
        "claim detail, typical corroboration": f"/api/v1/claims/{f['typical_claim']}/",
        "claims list independent_origins>=2": "/api/v1/claims/?independent_origins__gte=2",
        "claims list topic+independent_origins>=2": f"/api/v1/claims/?topic={f['list_topic']}"
        "&independent_origins__gte=2",
        "claims list verdict+independent_origins>=2": f"/api/v1/claims/?verdict="
        f"{f['list_verdict']}&independent_origins__gte=2",
    }
    if args.cursor_path:
        paths["claims list deep cursor"] = args.cursor_path
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    try:
        for name, path in paths.items():
            if args.only and args.only not in name:
                continue
            client.get(path)  # the view's first request builds serializers, compiles regexes…
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                total = time.perf_counter() - started
            times = [float(q["time"]) for q in queries.captured_queries]
            if not times:  # answered from the cache
                print(f"{name}: HTTP {response.status_code}, 0 queries, {total * 1000:.1f} ms")
                continue
            slowest = max(range(len(times)), key=times.__getitem__)
            print(
                f"{name}: HTTP {response.status_code}, {len(times)} queries, "
                f"{sum(times) * 1000:.1f} ms in SQL of {total * 1000:.1f} ms, "
                f"slowest {times[slowest] * 1000:.1f} ms"
            )
            if args.sql_dir:
                out = Path(args.sql_dir) / (name.replace(" ", "-").replace("+", "-") + ".sql")
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(queries.captured_queries[slowest]["sql"] + ";\n")
            if args.show_sql:
                print("   ", queries.captured_queries[slowest]["sql"][:3000])
    finally:
        manage(env, "api_token", "revoke", token_name)


if __name__ == "__main__":
    main()
