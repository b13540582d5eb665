"""cProfile of the verdict GET, 200 and 304, in-process through Django's test client.

.venv/bin/python bench/profile_verdict.py --database-url postgres://…/claimtrack_bench
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import bench_env, create_token, fixtures, manage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--lines", type=int, default=30, help="Rows of the profile to print.")
    parser.add_argument("--sort", default="cumulative", help="pstats order, e.g. tottime.")
    args = parser.parse_args()
    args.workers, args.conn_max_age, args.redis_url = 1, 60, "redis://127.0.0.1:6379/5"
    env = bench_env(args)
    os.environ.update(env)
    path = f"/api/v1/claims/{fixtures(args.database_url)['verdict_claim']}/verdict/"
    token_name = f"bench-profile-{int(time.time())}"
    token = create_token(env, token_name)

    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    try:
        for _ in range(20):
            client.get(path)
        etag = client.get(path)["ETag"]
        for label, headers in (("200", {}), ("304", {"If-None-Match": etag})):
            profile = cProfile.Profile()
            started = time.perf_counter()
            profile.enable()
            for _ in range(args.requests):
                response = client.get(path, headers=headers)
            profile.disable()
            per_request = (time.perf_counter() - started) / args.requests * 1000
            print(f"{label}: HTTP {response.status_code}, {per_request:.2f} ms/request (profiled)")
            pstats.Stats(profile).sort_stats(args.sort).print_stats(args.lines)
    finally:
        manage(env, "api_token", "revoke", token_name)


if __name__ == "__main__":
    main()
