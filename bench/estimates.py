"""Issue #17's speed goal, in-process: a topic with 10,000 estimates, its …/estimates/ answer.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_api_bench DEBUG=on \\
        .venv/bin/python bench/estimates.py --estimates 10000 --requests 200

Adds (once; found again by its slug) a topic with `--claims` claims whose statements carry
`--estimates` figures over three measures and forty actors, written with bulk_create and given
their first versions (common.history) as the synthetic seed does, then times GET
/api/v1/topics/<id>/estimates/ through Django's test client (no gunicorn, no network: the time of
one request in one process): JSON now, CSV now, JSON `as_of` a settled moment, and JSON with
`measure` and `kind` filters. Prints p50/p99 and the queries per request as a Markdown table.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SLUG = "bench-estimates-10k"


def build(n_estimates: int, n_claims: int) -> None:
    from django.contrib.auth.models import User
    from django.db import transaction

    from actors.models import Actor, ActorKind
    from claims.models import Claim, Measure, Statement, Topic
    from common.history import record_first_versions
    from sources.models import Source, SourceKind

    rng = random.Random(17)
    start = datetime(2024, 1, 1, 12, tzinfo=UTC)
    with transaction.atomic():
        topic = Topic.objects.create(slug=SLUG, title="Bench: figures of one long story")
        measures = [
            Measure.objects.create(topic=topic, name=name, unit=unit, recorded_at=start)
            for name, unit in (
                ("Troops deployed", "soldiers"),
                ("Casualties", "casualties"),
                ("Drones launched", "drones"),
            )
        ]
        actors = Actor.objects.bulk_create(
            Actor(name=f"Bench speaker {k:02d}", kind=ActorKind.PERSON, recorded_at=start)
            for k in range(40)
        )
        sources = Source.objects.bulk_create(
            Source(
                title=f"Bench report {k}",
                url=f"https://example.org/bench/{k}",
                kind=SourceKind.NEWS_ARTICLE,
                recorded_at=start,
            )
            for k in range(500)
        )
        claims = Claim.objects.bulk_create(
            Claim(topic=topic, text=f"Bench claim {k} about the figures", recorded_at=start)
            for k in range(n_claims)
        )
        editor = User.objects.filter(is_superuser=True).first()
        rows = []
        for k in range(n_estimates):
            measure = measures[k % 3]
            said = start + timedelta(hours=k * 3 + rng.randrange(3))
            projection = rng.random() < 0.2
            value = Decimal(rng.randrange(100, 20000))
            refers = (
                (said + timedelta(days=rng.randrange(30, 200))).date()
                if projection
                else said.date()
            )
            rows.append(
                Statement(
                    claim=claims[k % n_claims],
                    actor=actors[rng.randrange(len(actors))],
                    source=sources[rng.randrange(len(sources))],
                    stance="asserts",
                    quote=f"About {value} {measure.unit}, the speaker said.",
                    said_at=said,
                    recorded_at=said + timedelta(hours=2),
                    recorded_by=editor,
                    estimate_measure=measure,
                    estimate_value=value,
                    estimate_unit=measure.unit,
                    estimate_qualifier=rng.choice(["exact", "approximate", "at_least", "up_to"]),
                    estimate_kind="projection" if projection else "observation",
                    estimate_refers_to=refers,
                    estimate_refers_to_precision="day" if not projection else "month",
                )
            )
            if projection:  # stored as the period's last day, as Estimate does
                r = refers
                nxt = date(r.year + (r.month == 12), r.month % 12 + 1, 1)
                rows[-1].estimate_refers_to = nxt - timedelta(days=1)
        Statement.objects.bulk_create(rows, batch_size=2000)
        record_first_versions(Topic, Actor, Source, Claim, Statement)


class QueryCounter:
    """Counts the queries of a request: the test client's request_started signal empties the
    connection's query log, which CaptureQueriesContext reads."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--estimates", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")

    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from api.tokens import issue_token
    from claims.api import estimates as estimates_api
    from claims.models import Measure, Topic
    from common.roles import ANALYST

    call_command("migrate", verbosity=0)
    if not Topic.objects.filter(slug=SLUG).exists():
        build(args.estimates, args.claims)
    topic = Topic.objects.get(slug=SLUG)
    user, _ = User.objects.get_or_create(username="bench-estimates")
    user.groups.add(Group.objects.get_or_create(name=ANALYST)[0])
    token = issue_token(name=f"bench-estimates-{int(time.time())}", scope="read", user=user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_HOST="127.0.0.1")
    measure = Measure.objects.filter(topic=topic).order_by("name")[0]
    base = f"/api/v1/topics/{topic.public_id}/estimates/"
    scenarios = {
        "JSON, now": base,
        "CSV, now": base + "?format=csv",
        "JSON, as_of 2026-01-01": base + "?as_of=2026-01-01",
        "JSON, measure + kind=observation": base + f"?measure={measure.public_id}&kind=observation",
    }
    print(f"topic {topic.public_id}: {topic.claims.count()} claims")
    print("| scenario | answer | rows | queries | p50 ms | p99 ms | bytes |")
    print("|---|---|---|---|---|---|---|")
    for name, path in scenarios.items():
        first = client.get(path)
        assert first.status_code == 200, (path, first.status_code, first.content[:300])
        # "worked out": the first request after a write anywhere (a new cache generation
        # stands in for the write); "kept": the answer from the cache, as every request until
        # the next write gets it.
        for answer in ("worked out", "kept"):
            times, queries_per_request = [], 0
            for _ in range(args.requests):
                if answer == "worked out":
                    estimates_api.CACHE_GENERATION = uuid.uuid4().hex
                # Counted by a wrapper: the test client's request_started signal empties the
                # connection's query log, which CaptureQueriesContext reads.
                counter = QueryCounter()
                with connection.execute_wrapper(counter):
                    began = time.perf_counter()
                    response = client.get(path)
                    times.append((time.perf_counter() - began) * 1000)
                queries_per_request = counter.count
            rows = (
                response.content.count(b"\n") - 1
                if "csv" in path
                else len(response.json()["estimates"])
            )
            p99 = statistics.quantiles(times, n=100)[98]
            print(
                f"| {name} | {answer} | {rows} | {queries_per_request} "
                f"| {statistics.median(times):.0f} | {p99:.0f} | {len(response.content):,} |"
            )
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
