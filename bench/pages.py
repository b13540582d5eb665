"""The story pages' first screen (issue #18, bounded pages): for each page, the time to render
its HTML and to answer the API requests its scripts send on load, and the bytes of both.

    .venv/bin/python bench/pages.py --database-url postgres://…/claimtrack_bench \\
        --big-topic 10000 --repeat 5

In-process through Django's test client (no gunicorn, no network, no browser): the figures are
the server's side of a first render. The API requests are the ones static/js/dashboards.js and
estimates.js send when the page loads (the first timeline slice, the matrix's first screen, the
topic's figures); the browser sends them in parallel, the table adds them up.

Writes to the database it is given (a scratch one): a user `bench-pages` (analyst), and with
`--big-topic N`, once, a topic `bench-big-topic` to which it moves the first N claims by id
(their history records too, so that `as_of` views see them there); the first claim is the one
with 500 statements.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import bench_env

BIG_TOPIC = "bench-big-topic"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--big-topic", type=int, default=0, metavar="N")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--as-of", help="Also each page as of this day (YYYY-MM-DD).")
    parser.add_argument("--only", help="Only the pages whose name contains this text.")
    args = parser.parse_args()
    args.workers, args.conn_max_age, args.redis_url = 1, 60, ""
    os.environ.update(bench_env(args))

    import django

    django.setup()
    from django.conf import settings

    # Production's static files need `collectstatic` (a hashed manifest); the pages only need
    # their URLs here.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from actors.models import Actor
    from claims.models import Claim, Statement, Topic

    if args.big_topic:
        big_topic(args.big_topic)
    user, _ = get_user_model().objects.get_or_create(username="bench-pages")
    user.groups.add(Group.objects.get(name="analyst"))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    heavy = Claim.objects.order_by("id").first()
    assert heavy is not None
    largest_seeded = (
        Topic.objects.exclude(slug=BIG_TOPIC).annotate(n=Count("claims")).order_by("-n").first()
    )
    busiest_actor = Statement.objects.values("actor").annotate(n=Count("id")).order_by("-n").first()
    assert busiest_actor is not None, "the database holds no statements: seed it first"
    actor = Actor.objects.get(pk=busiest_actor["actor"])
    pages = {
        "overview": "/",
        "claims list": "/claims/",
        f"claim with {heavy.statements.count()} statements": f"/claims/{heavy.public_id}/",
        f"actor with {busiest_actor['n']:,} statements": f"/actors/{actor.public_id}/",
    }
    if largest_seeded is not None:
        pages[f"topic of {largest_seeded.n:,} claims"] = f"/topics/{largest_seeded.slug}/"
    big = Topic.objects.filter(slug=BIG_TOPIC).annotate(n=Count("claims")).first()
    if big is not None:
        pages[f"topic of {big.n:,} claims"] = f"/topics/{big.slug}/"
    if args.as_of:
        for name, path in list(pages.items()):
            if name != "claims list":  # the list has no as-of view
                pages[f"{name}, as of {args.as_of}"] = f"{path}?as_of={args.as_of}"

    def timed(path: str) -> tuple[float, int, int, str]:
        client.get(path)  # warm-up: compiled templates, URL resolvers, the database's cache
        runs = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                runs.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
        return (
            statistics.median(runs),
            len(response.content),
            len(queries),
            response.content.decode(),
        )

    print(f"Pages, median of {args.repeat} in-process requests after a warm-up:")
    print()
    print(
        "| page | HTML ms | HTML KB | API requests on load | API ms | API KB | total ms "
        "| total KB | queries |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
    for name, path in pages.items():
        if args.only and args.only not in name:
            continue
        page_time, page_bytes, page_queries, html = timed(path)
        api_time, api_bytes, api_queries = 0.0, 0, 0
        asked = []
        for api_path in first_screen_requests(html):
            took, size, count, _ = timed(api_path)
            api_time, api_bytes, api_queries = (
                api_time + took,
                api_bytes + size,
                api_queries + count,
            )
            what = api_path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
            asked.append(f"{what} {took * 1000:.0f} ms / {size / 1000:.0f} KB")
        print(
            f"| {name} | {page_time * 1000:.0f} | {page_bytes / 1000:.0f} | "
            f"{', '.join(asked) or '—'} | {api_time * 1000:.0f} | {api_bytes / 1000:.0f} | "
            f"{(page_time + api_time) * 1000:.0f} | {(page_bytes + api_bytes) / 1000:.0f} | "
            f"{page_queries} + {api_queries} |"
        )


def first_screen_requests(html: str) -> list[str]:
    """The API requests the page's scripts send on load, as they build them."""
    asked = []
    for element in re.finditer(r"<[^>]+id=\"(timeline|stance-matrix|estimates)\"[^>]*>", html):
        tag = element.group(0)
        url = re.search(r'data-url="([^"]+)"', tag)
        if not url:
            continue
        path = url.group(1).replace("&amp;", "&")
        joiner = "&" if "?" in path else "?"
        if element.group(1) == "timeline":
            path += f"{joiner}page_size=50"
        elif element.group(1) == "stance-matrix":
            claims = re.search(r'data-claims="(\d+)"', tag)
            actors = re.search(r'data-actors="(\d+)"', tag)
            path += (
                f"{joiner}claims={claims and claims.group(1)}&actors={actors and actors.group(1)}"
            )
        asked.append(path)
    return asked


def big_topic(size: int) -> None:
    """Once: a topic of `size` claims, the first by id, moved with their history records."""
    from django.db import transaction

    from claims.models import Claim, Topic

    if Topic.objects.filter(slug=BIG_TOPIC).exists():
        return
    started = time.perf_counter()
    with transaction.atomic():
        topic = Topic.objects.create(
            slug=BIG_TOPIC,
            title=f"Bench: a topic of {size:,} claims",
            description="bench/pages.py moved the first claims of the seeded data here.",
        )
        ids = list(Claim.objects.order_by("id").values_list("id", flat=True)[:size])
        Claim.objects.filter(id__in=ids).update(topic=topic)
        Claim.history.model.objects.filter(id__in=ids).update(topic_id=topic.pk)
        # The topic's first version predates its claims', so `as_of` views find it.
        first = Claim.objects.filter(id__in=ids).order_by("recorded_at").first()
        assert first is not None
        Topic.objects.filter(pk=topic.pk).update(recorded_at=first.recorded_at)
        Topic.history.model.objects.filter(id=topic.pk).update(history_date=first.recorded_at)
    print(f"Moved {len(ids):,} claims into '{BIG_TOPIC}' in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
