"""Reads of the sources app worth a name: which sources are due, what the last check read."""

from datetime import datetime

from django.db.models import Q, QuerySet

from .models import Snapshot, Source

# Snapshots that read the page (a 2xx answer with no error): they hold the text and its hash.
_READ = Q(status_code__gte=200, status_code__lt=300, error="")


def due_sources(*, now: datetime) -> QuerySet[Source]:
    """Sources with a URL whose check is due and not already queued by another scheduler.

    A source never scheduled (bulk-imported, or older than the re-check job) is due too.
    """
    return Source.objects.exclude(url="").filter(
        Q(check_claimed_until__isnull=True) | Q(check_claimed_until__lte=now),
        Q(next_check_at__isnull=True) | Q(next_check_at__lte=now),
    )


def last_read_snapshot(source: Source, *, url: str | None = None) -> Snapshot | None:
    """The latest snapshot that read `url` (the source's URL): the baseline for `changed`.

    Snapshots of an earlier URL do not count, so correcting a source's URL is not a change.
    """
    url = source.url if url is None else url
    return (
        Snapshot.objects.filter(_READ, source=source, requested_url=url)
        .order_by("-fetched_at", "-id")
        .first()
    )


def conditional_get_validators(source: Source) -> tuple[str, str]:
    """(ETag, Last-Modified) of the latest 2xx or 304 answer for the source's current URL."""
    latest = (
        Snapshot.objects.filter(_READ | Q(status_code=304), source=source, requested_url=source.url)
        .order_by("-fetched_at", "-id")
        .values_list("etag", "last_modified")
        .first()
    )
    return latest or ("", "")


def read_new_text(snapshot: Snapshot) -> bool:
    """Whether this check read text not seen before: changed, or the first read of its URL.

    Quotes need checking only then; checking unchanged text again would reopen flags an editor
    has already resolved.
    """
    if snapshot.error or not (snapshot.status_code and 200 <= snapshot.status_code < 300):
        return False
    if snapshot.changed:
        return True
    return not (
        Snapshot.objects.filter(_READ, source_id=snapshot.source_id)
        .filter(requested_url=snapshot.requested_url)
        .exclude(pk=snapshot.pk)
        .filter(fetched_at__lte=snapshot.fetched_at)
        .exists()
    )
