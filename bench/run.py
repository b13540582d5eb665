"""Load-test the API against a seeded PostgreSQL database and print a Markdown table.

    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/claimtrack_bench

Starts gunicorn (production config, GUNICORN_WORKERS sync workers, DEBUG off) for the app and for
the bare baseline view (bench/baseline.py), drives each scenario with wrk from a second process
and reports requests/s, p50, p99 and the ratio to the baseline's throughput. Reads only: the one
write is the bench's API token, which is revoked at the end. See bench/README.md.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LUA = Path(__file__).resolve().parent / "report.lua"


@dataclass
class Scenario:
    name: str
    path: str
    if_none_match: str = ""
    authenticated: bool = True
    expect: int = 200


@dataclass
class Result:
    scenario: Scenario
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="claimtrack.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        # The client budget would otherwise answer 429 after 600 requests a minute.
        CLAIMTRACK_API_RATE_CLIENT="1000000/s",
        CONN_MAX_AGE=str(args.conn_max_age),
        GUNICORN_WORKERS=str(args.workers),
        LOG_LEVEL="WARNING",
    )
    # Production shares one cache (tokens, verdict bodies, throttle counts) through Redis;
    # without it each worker process has its own local-memory cache.
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


class Server:
    """gunicorn with claimtrack/gunicorn_conf.py, bound to 127.0.0.1 on a free port."""

    def __init__(self, app: str, env: dict[str, str], logdir: Path, label: str):
        self.port = free_port()
        env = dict(env, PORT=str(self.port))
        self.log = open(logdir / f"gunicorn-{label}.log", "w")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                app,
                "--config",
                "python:claimtrack.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                str(logdir / f"access-{label}.log"),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, probe: str, headers: dict[str, str], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(
                    f"gunicorn exited with {self.proc.returncode}; see {self.log.name}"
                )
            try:
                if httpx.get(self.base + probe, headers=headers, timeout=30).status_code < 500:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn not ready after {timeout}s; see {self.log.name}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the master stops its workers
            try:
                self.proc.wait(timeout=25)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def manage(env: dict[str, str], *argv: str) -> str:
    out = subprocess.run(
        [PYTHON, "manage.py", *argv], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"manage.py {' '.join(argv)} failed:\n{out.stdout}{out.stderr}")
    return out.stdout


def create_token(env: dict[str, str], name: str) -> str:
    out = manage(env, "api_token", "create", name, "--scope", "read")
    return out.strip().splitlines()[-1].strip()


def fixtures(database_url: str) -> dict[str, str]:
    """Ids to request, found with SQL so the bench fits whatever the database holds."""
    with psycopg.connect(database_url) as conn:

        def one(sql: str) -> tuple[Any, ...]:
            row = conn.execute(sql).fetchone()
            if row is None:
                raise SystemExit(f"The bench found no rows for: {sql}")
            return row

        # A claim with a verdict history (version > 3) for the verdict GET.
        (verdict_claim,) = one(
            "SELECT public_id FROM claims_claim WHERE version > 3 ORDER BY id LIMIT 1"
        )
        # The seed gives the first claim of the first topic (and one in 250,000) 500 statements.
        (timeline_claim, statements) = one(
            "SELECT c.public_id, s.n FROM (SELECT claim_id, count(*) AS n FROM claims_statement "
            "WHERE claim_id IN (SELECT id FROM claims_claim ORDER BY id LIMIT 1) "
            "GROUP BY claim_id) s JOIN claims_claim c ON c.id = s.claim_id"
        )
        if statements < 500:
            (timeline_claim, statements) = one(
                "SELECT c.public_id, s.n FROM (SELECT claim_id, count(*) AS n FROM "
                "claims_statement GROUP BY claim_id ORDER BY 2 DESC LIMIT 1) s "
                "JOIN claims_claim c ON c.id = s.claim_id"
            )
        # The biggest topic, with its most common verdict, for the filtered list.
        (list_topic, list_verdict) = one(
            "SELECT t.public_id, c.verdict FROM claims_claim c JOIN claims_topic t "
            "ON t.id = c.topic_id WHERE c.topic_id = (SELECT topic_id FROM claims_claim "
            "GROUP BY topic_id ORDER BY count(*) DESC LIMIT 1) GROUP BY 1, 2 "
            "ORDER BY count(*) DESC LIMIT 1"
        )
        # The topic with the most claims carrying a quantity: the longest estimate series.
        (quantity_topic, quantity_claims) = one(
            "SELECT t.public_id, q.n FROM (SELECT topic_id, count(*) AS n FROM claims_claim "
            "WHERE quantity_value IS NOT NULL GROUP BY topic_id ORDER BY 2 DESC LIMIT 1) q "
            "JOIN claims_topic t ON t.id = q.topic_id"
        )
        (last_event,) = one("SELECT max(id) FROM claims_changeevent")
        # Issue #16: the claim with the most chain links behind its statements among the 20
        # with the most supporting reports, and a typical claim in the middle of the data with
        # two supporting reports and one origin ("2 reports, 1 origin").
        (deep_claim, deep_reports, deep_origins, deep_statements, deep_links) = one(
            "SELECT c.public_id, c.supporting_reports, c.independent_origins, "
            "count(DISTINCT s.id), count(r.id) FROM claims_claim c "
            "JOIN claims_statement s ON s.claim_id = c.id "
            "LEFT JOIN sources_reliance r ON r.source_id = s.source_id "
            "WHERE c.id IN (SELECT id FROM claims_claim "
            "ORDER BY supporting_reports DESC, id LIMIT 20) "
            "GROUP BY c.id ORDER BY count(r.id) DESC LIMIT 1"
        )
        (typical_claim,) = one(
            "SELECT public_id FROM claims_claim WHERE supporting_reports = 2 "
            "AND independent_origins = 1 AND id > (SELECT max(id) / 2 FROM claims_claim) "
            "ORDER BY id LIMIT 1"
        )
        # As-of moments inside the 500-statement claim's story: the median statement's entry
        # (half of them known then), and for a topic compare the span of its middle third.
        (timeline_as_of,) = one(
            "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY s.recorded_at) FROM "
            "claims_statement s JOIN claims_claim c ON c.id = s.claim_id "
            f"WHERE c.public_id = '{timeline_claim}'"
        )
        (compare_from, compare_to) = one(
            "SELECT percentile_disc(0.33) WITHIN GROUP (ORDER BY s.recorded_at), "
            "percentile_disc(0.67) WITHIN GROUP (ORDER BY s.recorded_at) FROM claims_statement s "
            "JOIN claims_claim c ON c.id = s.claim_id JOIN claims_topic t ON t.id = c.topic_id "
            f"WHERE t.public_id = '{list_topic}'"
        )
    return {
        "verdict_claim": str(verdict_claim),
        "timeline_claim": str(timeline_claim),
        "timeline_statements": str(statements),
        "list_topic": str(list_topic),
        "list_verdict": list_verdict,
        "quantity_topic": str(quantity_topic),
        "quantity_claims": str(quantity_claims),
        # A full page of recent events, as a poller a little behind would ask for.
        "changes_since": str(max(0, last_event - 1000)),
        "deep_claim": str(deep_claim),
        "deep_claim_shape": (
            f"{deep_statements} statements, {deep_reports} supporting reports, "
            f"{deep_origins} origins, {deep_links} chain links"
        ),
        "typical_claim": str(typical_claim),
        "as_of": timeline_as_of.isoformat(),
        "compare_from": compare_from.isoformat(),
        "compare_to": compare_to.isoformat(),
        # The question an analyst asks most: what changed in the week before.
        "week_from": (compare_to - timedelta(days=7)).isoformat(),
    }


def walk_cursor(base: str, first: str, headers: dict[str, str], depth: int) -> tuple[str, int]:
    """Follow `next` from the first page; returns the URL of page `depth` (or the last page)."""
    url, pages = base + first, 1
    started = time.monotonic()
    with httpx.Client(headers=headers, timeout=60) as client:
        while pages < depth:
            response = client.get(url)
            response.raise_for_status()
            nxt = response.json().get("next")
            if not nxt:
                break
            url, pages = nxt, pages + 1
            if pages % 200 == 0:
                print(
                    f"  cursor walk: page {pages} ({time.monotonic() - started:.0f}s)", flush=True
                )
    path = re.sub(r"^https?://[^/]+", "", url)
    return path, pages


def run_wrk(
    base: str, scenario: Scenario, token: str, args: argparse.Namespace, logdir: Path
) -> Result:
    env = dict(os.environ, BENCH_TOKEN=token if scenario.authenticated else "")
    env["BENCH_IF_NONE_MATCH"] = scenario.if_none_match
    # Check the answer before measuring it: a fast 401 or 404 would make a fine-looking number.
    headers = {"Accept": "application/json"}
    if scenario.authenticated:
        headers["Authorization"] = f"Token {token}"
    if scenario.if_none_match:
        headers["If-None-Match"] = scenario.if_none_match
    for _ in range(3):  # also warms each worker's connection and caches
        status = httpx.get(base + scenario.path, headers=headers, timeout=60).status_code
        if status != scenario.expect:
            raise SystemExit(f"{scenario.name}: {scenario.path} answered {status}")
    cmd = [
        args.wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(LUA),
        base + scenario.path,
    ]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    (logdir / f"wrk-{re.sub(r'[^a-z0-9]+', '-', scenario.name.lower())}.txt").write_text(out)
    line = next(ln for ln in out.splitlines() if ln.startswith("BENCHJSON "))
    data = json.loads(line.removeprefix("BENCHJSON "))
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Result(
        scenario,
        rps=data["requests"] / (data["duration_us"] / 1e6),
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        requests=data["requests"],
        errors=errors,
    )


def table(results: list[Result], baseline_rps: float) -> str:
    lines = [
        "| scenario | requests/s | p50 ms | p99 ms | × baseline req/s | requests | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.scenario.name} | {r.rps:,.1f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
            f"{r.rps / baseline_rps:.2f} | {r.requests:,} | {r.errors} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per scenario.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers.")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads.")
    parser.add_argument("--connections", type=int, default=2, help="wrk connections.")
    parser.add_argument("--conn-max-age", type=int, default=60, help="As docker-compose.yml.")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/5",
        help="The shared cache, as in production; '' for each worker's local memory.",
    )
    parser.add_argument("--depth", type=int, default=1000, help="Cursor page for the deep page.")
    parser.add_argument(
        "--search",
        action="append",
        help="A q for a search scenario; repeat for several (default: aluminium, Nalorashen).",
    )
    parser.add_argument("--only", help="Run only scenarios whose name contains this text.")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk")
    parser.add_argument("--logdir", help="Keep gunicorn and wrk output here (default: temp).")
    args = parser.parse_args()
    args.search = args.search or ["aluminium", "Nalorashen"]

    logdir = Path(args.logdir or tempfile.mkdtemp(prefix="claimtrack-bench-"))
    logdir.mkdir(parents=True, exist_ok=True)
    env = bench_env(args)
    print(f"load average before: {os.getloadavg()}", flush=True)
    f = fixtures(args.database_url)
    print(f"fixtures: {json.dumps(f)}", flush=True)

    token_name = f"bench-{int(time.time())}"
    token = create_token(env, token_name)
    auth = {"Authorization": f"Token {token}", "Accept": "application/json"}
    app = baseline = None
    results: list[Result] = []
    baseline_results: list[Result] = []
    try:
        verdict_path = f"/api/v1/claims/{f['verdict_claim']}/verdict/"
        baseline_scenario = Scenario(
            "baseline: bare view, verdict from one SQL query",
            f"/baseline/claims/{f['verdict_claim']}/verdict/",
            authenticated=False,
        )
        baseline = Server("bench.baseline:application", env, logdir, "baseline")
        baseline.wait_ready(baseline_scenario.path, {})
        print("baseline (before) ...", flush=True)
        baseline_results.append(run_wrk(baseline.base, baseline_scenario, "", args, logdir))
        baseline.stop()

        app = Server("claimtrack.wsgi", env, logdir, "app")
        app.wait_ready(verdict_path, auth)
        etag = httpx.get(app.base + verdict_path, headers=auth).headers["ETag"]

        list_filter = f"?verdict={f['list_verdict']}"
        topic_filter = f"?topic={f['list_topic']}&verdict={f['list_verdict']}"
        deep_path, deep_pages = "", 0
        if not args.only or "cursor" in args.only or "list" in args.only:
            print(f"walking the cursor {args.depth} pages deep ...", flush=True)
            started = time.monotonic()
            deep_path, deep_pages = walk_cursor(
                app.base, "/api/v1/claims/" + list_filter, auth, args.depth
            )
            print(
                f"  reached page {deep_pages} in {time.monotonic() - started:.0f}s: {deep_path}",
                flush=True,
            )
        as_of = urlencode({"as_of": f["as_of"]})
        compare = urlencode({"from": f["compare_from"], "to": f["compare_to"]})
        week = urlencode({"from": f["week_from"], "to": f["compare_to"]})
        scenarios = [
            Scenario("claim verdict GET", verdict_path),
            Scenario("claim verdict GET, If-None-Match (304)", verdict_path, etag, expect=304),
            Scenario(
                f"claims list, topic+verdict={f['list_verdict']}, first page",
                "/api/v1/claims/" + topic_filter,
            ),
            Scenario(
                f"claims list, verdict={f['list_verdict']}, first page",
                "/api/v1/claims/" + list_filter,
            ),
            Scenario(
                f"claims list, verdict={f['list_verdict']}, cursor page {deep_pages}", deep_path
            ),
            *(Scenario(f"search q={term}", f"/api/v1/claims/?q={term}") for term in args.search),
            Scenario(
                f"claim timeline ({f['timeline_statements']} statements)",
                f"/api/v1/claims/{f['timeline_claim']}/timeline/",
            ),
            Scenario(
                f"topic quantities ({f['quantity_claims']} claims with a quantity)",
                f"/api/v1/topics/{f['quantity_topic']}/quantities/",
            ),
            Scenario(
                f"changes feed since={f['changes_since']}",
                f"/api/v1/changes/?since={f['changes_since']}",
            ),
            # Issue #15: the two clocks.
            Scenario("as of: claim GET", f"/api/v1/claims/{f['verdict_claim']}/?{as_of}"),
            Scenario("as of: claim verdict GET", f"{verdict_path}?{as_of}"),
            Scenario(
                f"as of: claim timeline ({f['timeline_statements']} statements)",
                f"/api/v1/claims/{f['timeline_claim']}/timeline/?{as_of}",
            ),
            Scenario(
                "compare: topic changes over a week",
                f"/api/v1/topics/{f['list_topic']}/changes/?{week}",
            ),
            Scenario(
                "compare: topic changes over a third of its story",
                f"/api/v1/topics/{f['list_topic']}/changes/?{compare}",
            ),
            # Issue #16: origins, not copies.
            Scenario(
                f"corroboration: claim detail ({f['deep_claim_shape']})",
                f"/api/v1/claims/{f['deep_claim']}/",
            ),
            Scenario(
                "corroboration: claim detail (typical: 2 supporting reports, 1 origin)",
                f"/api/v1/claims/{f['typical_claim']}/",
            ),
            Scenario(
                "corroboration: claims list, independent_origins__gte=2, first page",
                "/api/v1/claims/?independent_origins__gte=2",
            ),
            Scenario(
                "corroboration: claims list, topic + independent_origins__gte=2, first page",
                f"/api/v1/claims/?topic={f['list_topic']}&independent_origins__gte=2",
            ),
            Scenario(
                f"corroboration: claims list, verdict={f['list_verdict']} + "
                "independent_origins__gte=2, first page",
                f"/api/v1/claims/?verdict={f['list_verdict']}&independent_origins__gte=2",
            ),
        ]
        for scenario in scenarios:
            if not scenario.path or (args.only and args.only not in scenario.name):
                continue
            print(f"{scenario.name} ...", flush=True)
            results.append(run_wrk(app.base, scenario, token, args, logdir))
        app.stop()

        baseline = Server("bench.baseline:application", env, logdir, "baseline-after")
        baseline.wait_ready(baseline_scenario.path, {})
        print("baseline (after) ...", flush=True)
        baseline_results.append(run_wrk(baseline.base, baseline_scenario, "", args, logdir))
        baseline.stop()
    finally:
        for server in (app, baseline):
            if server is not None:
                server.stop()
        manage(env, "api_token", "revoke", token_name)

    baseline_rps = sum(r.rps for r in baseline_results) / len(baseline_results)
    for i, r in enumerate(baseline_results):
        r.scenario = Scenario(f"{r.scenario.name} ({['before', 'after'][i]})", "")
    print()
    print(
        f"{args.workers} gunicorn sync workers, wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s; ratio against the mean baseline, {baseline_rps:,.1f} req/s; "
        f"load average after: {tuple(round(x, 2) for x in os.getloadavg())}; logs in {logdir}"
    )
    print()
    print(table(baseline_results + results, baseline_rps))


if __name__ == "__main__":
    main()
