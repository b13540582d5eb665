"""gunicorn settings, read from the environment (GUNICORN_WORKERS, PORT)."""

import gc
import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Sync workers: the app is I/O-light per request; scale with processes, not threads.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 20
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker: object) -> None:
    # The worker's own objects (modules, classes, URL patterns, some 175,000) live as long as it
    # does. Moved out of the cyclic garbage collector's sight, its full collections take ~9 ms
    # instead of ~85 ms, which was the p99 of a long timeline (docs/benchmarks.md).
    gc.freeze()
