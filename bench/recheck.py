"""Re-check throughput (issue #10, item 3): checks per minute for one worker process.

    .venv/bin/python bench/recheck.py --admin-url postgres://postgres@127.0.0.1:5432/postgres

Creates a scratch database (refuses an existing one), migrates it and adds --sources sources of
each kind pointing at bench/slow_server.py (answers after --delay seconds): "unchanged" pages
(ETag and Last-Modified, so a re-check gets 304) and "changed" pages (new text on every
request). A first round reads every page once (`manage.py recheck_sources --all` in one process,
the foreground measurement; or the threads worker with --skip-foreground), so each later check
has validators and a baseline to compare with. Then, for each worker set-up (the threads pool at
--threads, and prefork with one process) one real `celery worker` consumes the re-check queue on
Redis, and for each kind of page the sources are made due and queued at once through
`sources.services.enqueue_due_rechecks` (what beat runs every minute); the rate is the checks
recorded over the time from the first fetch to the last check recorded. Prints a Markdown table
and drops the scratch database again.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import PYTHON, ROOT, free_port

CELERY = Path(PYTHON).with_name("celery")
KINDS = ("unchanged", "changed")
# What a re-check of each kind of page must record; anything else means the bench is wrong.
EXPECTED: dict[str, tuple[str, int | None]] = {
    "unchanged": ("ok", 304),
    "changed": ("changed", 200),
}


@dataclass
class Round:
    setup: str
    kind: str
    checks: int
    seconds: float  # first fetch started → last check recorded
    wall_seconds: float  # queued → last check seen by the bench
    outcomes: dict[tuple[str, int | None], int]  # (health, status code or None)

    @property
    def per_minute(self) -> float:
        return self.checks / self.seconds * 60 if self.seconds > 0 else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin-url", required=True, help="A database to run CREATE DATABASE in.")
    parser.add_argument("--scratch", default="claimtrack_recheck_scratch")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/6", help="Celery broker.")
    parser.add_argument("--sources", type=int, default=300, help="Sources of each kind.")
    parser.add_argument("--delay", type=float, default=0.1, help="Server delay in seconds.")
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("CLAIMTRACK_RECHECK_CONCURRENCY", "16")),
        help="Threads of the threads-pool worker (CLAIMTRACK_RECHECK_CONCURRENCY, 16).",
    )
    parser.add_argument(
        "--skip-foreground",
        action="store_true",
        help="Read every page first with the threads worker, not `recheck_sources --all`.",
    )
    parser.add_argument("--logdir", type=Path, help="Worker logs (default: a temp directory).")
    args = parser.parse_args()
    logdir = args.logdir or Path(tempfile.mkdtemp(prefix="claimtrack-recheck-bench-"))
    logdir.mkdir(parents=True, exist_ok=True)

    admin = psycopg.connect(args.admin_url, autocommit=True)
    exists = admin.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [args.scratch]
    ).fetchone()
    if exists:
        raise SystemExit(f"{args.scratch} exists; pick another --scratch (it is dropped after).")
    admin.execute(f'CREATE DATABASE "{args.scratch}"')
    scratch_url = args.admin_url.rsplit("/", 1)[0] + "/" + args.scratch
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, str(Path(__file__).with_name("slow_server.py")), str(port), str(args.delay)]
    )
    queue = f"bench-recheck-{uuid.uuid4().hex[:8]}"  # nothing else on the broker consumes it
    # As in production (docker-compose.yml): DEBUG off, JSON logs at INFO, CONN_MAX_AGE 60.
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "claimtrack.settings",
        "DATABASE_URL": scratch_url,
        "REDIS_URL": args.redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "off",
        "CLAIMTRACK_RECHECK_QUEUE": queue,
        "DEBUG": "off",
        "SECRET_KEY": "recheck-bench-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "off",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
        "CLAIMTRACK_FETCH_ALLOW": f"127.0.0.1:{port}",
        # Every source is on one host: lift the per-host budget and the lease batch.
        "CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE": "1000000",
        "CLAIMTRACK_RECHECK_BATCH_SIZE": "1000000",
    }
    results: list[Round] = []
    foreground = ""
    sys.path.insert(0, str(ROOT))
    try:
        manage(env, "migrate", "--noinput")
        os.environ.update(env)  # this process queues the checks, as beat would
        import django

        django.setup()
        create_sources(port, args.sources)

        if args.skip_foreground:
            with Worker(env, queue, "threads", args.threads, logdir) as worker:
                for kind in KINDS:
                    run_round(worker, "first read", kind, args.sources)
        else:
            # The foreground command, as before: one process, no broker, no Redis.
            fg_env = {k: v for k, v in env.items() if k != "REDIS_URL"}
            started = time.monotonic()
            out = manage(fg_env, "recheck_sources", "--all")
            elapsed = time.monotonic() - started
            checks = args.sources * len(KINDS)
            foreground = (
                f"Foreground `manage.py recheck_sources --all` (first read of all {checks} "
                f"pages, one process, incl. Django start-up): {elapsed:.1f} s = "
                f"{checks / elapsed * 60:,.0f} checks/minute ({out.strip().splitlines()[-1]})"
            )
            print(foreground, flush=True)

        for pool, concurrency in (("threads", args.threads), ("prefork", 1)):
            with Worker(env, queue, pool, concurrency, logdir) as worker:
                for kind in KINDS:
                    result = run_round(worker, f"{pool} × {concurrency}", kind, args.sources)
                    results.append(result)
                    print(
                        f"{result.setup}, {kind}: {result.per_minute:,.0f} checks/minute",
                        flush=True,
                    )
    finally:
        server.terminate()
        server.wait()
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()  # or DROP DATABASE would wait for this session
        from claimtrack.celery import forget_queue

        forget_queue(args.redis_url, queue)
        admin.execute(f'DROP DATABASE IF EXISTS "{args.scratch}"')
        admin.close()

    print()
    print(
        f"{args.sources} sources of each kind, server delay {args.delay * 1000:.0f} ms, "
        f"one worker process; load average {os.getloadavg()[0]:.2f}; logs in {logdir}"
    )
    if foreground:
        print(foreground)
    print()
    print(table(results))


def manage(env: dict[str, str], *argv: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *argv], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(argv)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def create_sources(port: int, count: int) -> None:
    from sources.models import Source

    not_yet = datetime.now(UTC) + timedelta(days=1)  # due only when a round makes them due
    Source.objects.bulk_create(
        Source(
            title=f"bench {kind} {i}",
            url=f"http://127.0.0.1:{port}/{kind}/{i}",
            kind="news_article",
            next_check_at=not_yet,
        )
        for kind in KINDS
        for i in range(count)
    )


class Worker:
    """One `celery worker` process on the re-check queue, stopped (warm) on exit."""

    def __init__(
        self, env: dict[str, str], queue: str, pool: str, concurrency: int, logdir: Path
    ) -> None:
        self.log = logdir / f"worker-{pool}-{concurrency}.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    str(CELERY),
                    "-A",
                    "claimtrack",
                    "worker",
                    f"--queues={queue}",
                    f"--pool={pool}",
                    f"--concurrency={concurrency}",
                    "-n",
                    f"{queue}-{pool}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel=INFO",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while " ready." not in self.output():
            self.check_alive()
            if time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"the worker did not start; see {self.log}")
            time.sleep(0.2)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise SystemExit(f"the worker exited with {self.process.returncode}; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # warm shutdown
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def __enter__(self) -> "Worker":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def run_round(worker: Worker, setup: str, kind: str, count: int) -> Round:
    """Make the `kind` sources due now, queue their checks and wait until all are recorded."""
    from django.db.models import Count, Max, Min

    from sources import services
    from sources.models import Snapshot, Source

    sources = Source.objects.filter(url__contains=f"/{kind}/")
    due_at = datetime.now(UTC)
    sources.update(next_check_at=due_at, check_leased_until=None)
    started = time.monotonic()
    queued = services.enqueue_due_rechecks()
    if queued != count:
        raise SystemExit(f"queued {queued} checks, expected {count}")
    recorded = Snapshot.objects.filter(due_at=due_at, source__in=sources)
    deadline = started + max(120.0, count * 1.0)
    while (done := recorded.count()) < count:
        worker.check_alive()
        if time.monotonic() > deadline:
            raise SystemExit(f"{setup}, {kind}: {done} of {count} checks after the time limit")
        time.sleep(0.05)
    wall = time.monotonic() - started
    first_fetch = recorded.aggregate(first=Min("fetched_at"))["first"]
    last_recorded = sources.aggregate(last=Max("last_checked_at"))["last"]
    outcomes = {
        (row["health"], row["status_code"]): row["n"]
        for row in recorded.values("health", "status_code").annotate(n=Count("id"))
    }
    if setup != "first read" and outcomes != {EXPECTED[kind]: count}:
        print(f"warning: {setup}, {kind}: outcomes {outcomes}", file=sys.stderr)
    return Round(setup, kind, count, (last_recorded - first_fetch).total_seconds(), wall, outcomes)


def table(results: list[Round]) -> str:
    lines = [
        "| worker process (pool × concurrency) | pages | checks/min | checks | "
        "first fetch → last record, s | queued → all seen, s | recorded (health, status) |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        outcomes = ", ".join(f"{h} {s}: {n}" for (h, s), n in sorted(r.outcomes.items()))
        lines.append(
            f"| {r.setup} | {r.kind} | {r.per_minute:,.0f} | {r.checks} | {r.seconds:.1f} | "
            f"{r.wall_seconds:.1f} | {outcomes} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
