"""Re-check sources in the foreground: what the worker does, for a shell without Celery."""

import time
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sources import recheck, services
from sources.models import Source
from sources.politeness import HostBusy
from sources.selectors import due_sources

# Wait for a busy host's next minute; a longer pause (a server's Retry-After) is left to beat.
MAX_WAIT_FOR_HOST_SECONDS = 61
PROGRESS_BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Re-check sources now, in this process: fetch each URL through the guard, record a "
        "snapshot, update health and open review flags. Checks due sources unless told otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--due", action="store_true", help="Sources whose check is due (the default)."
        )
        which.add_argument(
            "--all", action="store_true", help="Every source with a URL, due or not."
        )
        which.add_argument("--source", type=int, metavar="ID", help="One source, by its id.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the sources that would be checked; fetch and write nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = timezone.now()
        if options["source"] is not None:
            source = Source.objects.filter(pk=options["source"]).first()
            if source is None:
                raise CommandError(f"There is no source with id {options['source']}.")
            if not source.url:
                raise CommandError(f"Source {source.pk} (“{source}”) has no URL to re-check.")
            sources = [source]
        elif options["all"]:
            sources = list(Source.objects.exclude(url="").order_by("pk"))
        else:
            sources = list(due_sources(now=started).order_by("next_check_at", "pk"))

        if options["dry_run"]:
            for source in sources:
                self.stdout.write(f"would check {source.pk} {source.url} (“{source}”)")
            noun = "source" if len(sources) == 1 else "sources"
            self.stdout.write(self.style.SUCCESS(f"{len(sources)} {noun} would be checked."))
            return

        tally: Counter[str] = Counter()
        for done, source in enumerate(sources, start=1):
            check: services.DueCheck | None
            if options["all"] or options["source"] is not None:
                check = services.lease_check_now(source)
            else:
                # Keep the due time as the check's key, as beat does; skip what others leased.
                leased = services.lease_due_sources(now=started, source_ids=[source.pk])
                check = leased[0] if leased else None
            outcome = self._check(check) if check else "skipped"
            tally[outcome] += 1
            self._progress(done, len(sources), f"source {source.pk}: {outcome}")
        if sources and self.stdout.isatty():
            self.stdout.write("")  # end the line the bar was redrawn on
        self.stdout.write(self.style.SUCCESS(_summary(tally)))

    def _check(self, check: services.DueCheck) -> str:
        while True:
            try:
                outcome = recheck.check_source(check.source_id, due_at=check.due_at)
            except HostBusy as busy:
                if busy.retry_in > MAX_WAIT_FOR_HOST_SECONDS:
                    services.release_lease(check)
                    return "deferred"
                time.sleep(busy.retry_in)  # the host's next minute
                continue
            return outcome.snapshot.health if outcome.snapshot is not None else "skipped"

    def _progress(self, done: int, total: int, label: str) -> None:
        filled = PROGRESS_BAR_WIDTH * done // total
        line = f"[{'#' * filled}{'.' * (PROGRESS_BAR_WIDTH - filled)}] {done}/{total} {label}"
        if self.stdout.isatty():
            self.stdout.write(f"\r{line:<79}", ending="")
            self.stdout.flush()
        else:
            self.stdout.write(line)


HEALTH_ORDER = ["ok", "changed", "gone", "unreachable", "blocked"]
NOT_CHECKED = ["skipped", "deferred"]


def _summary(tally: Counter[str]) -> str:
    checked = sum(count for outcome, count in tally.items() if outcome not in NOT_CHECKED)
    parts = [f"{tally[health]} {health}" for health in HEALTH_ORDER]
    parts += [f"{tally[outcome]} {outcome}" for outcome in NOT_CHECKED if tally[outcome]]
    noun = "source" if checked == 1 else "sources"
    return f"Checked {checked} {noun}: {', '.join(parts)}."
