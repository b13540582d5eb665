"""Re-check throughput (issue #10, item 3): checks per minute for one worker process.

    .venv/bin/python bench/recheck.py --admin-url postgres://postgres@127.0.0.1:5432/postgres

Creates a scratch database (refuses an existing one), migrates it, adds --sources sources whose
URLs point at bench/slow_server.py (answers after --delay seconds), times
`manage.py recheck_sources --all` in one process and drops the scratch database again.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from run import PYTHON, ROOT, free_port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin-url", required=True, help="A database to run CREATE DATABASE in.")
    parser.add_argument("--scratch", default="claimtrack_recheck_scratch")
    parser.add_argument("--sources", type=int, default=300)
    parser.add_argument("--delay", type=float, default=0.1)
    args = parser.parse_args()

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
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": scratch_url,
        "DEBUG": "1",
        "CLAIMTRACK_FETCH_ALLOW": f"127.0.0.1:{port}",
        "CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE": "1000000",
        "LOG_LEVEL": "WARNING",
    }
    manage = lambda *a: subprocess.run(  # noqa: E731
        [PYTHON, "manage.py", *a], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    try:
        manage("migrate", "--noinput")
        manage(
            "shell",
            "-c",
            "from sources.models import Source; Source.objects.bulk_create(Source(title=f'bench "
            f"{{i}}', url=f'http://127.0.0.1:{port}/{{i}}', kind='news_article') "
            f"for i in range({args.sources}))",
        )
        started = time.monotonic()
        out = manage("recheck_sources", "--all")
        elapsed = time.monotonic() - started
        with psycopg.connect(scratch_url) as conn:
            (snapshots,) = conn.execute("SELECT count(*) FROM sources_snapshot").fetchone()
        print(out.stdout.strip().splitlines()[-1])
        print(
            f"{args.sources} sources, {snapshots} snapshots, server delay {args.delay * 1000:.0f} "
            f"ms: {elapsed:.1f} s in one process (incl. ~Django start-up) = "
            f"{snapshots / elapsed * 60:,.0f} checks/minute"
        )
    finally:
        server.terminate()
        server.wait()
        admin.execute(f'DROP DATABASE IF EXISTS "{args.scratch}"')
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
