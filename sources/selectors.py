"""Reads of the sources app worth a name: which sources are due, what the last check read."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from actors.models import Actor
from common.history import by_pk_as_of, rows_as_of
from common.moments import NOW, Moment

from .chains import CitationChain, chain_levels
from .models import Citation, Health, Reliance, Snapshot, Source
from .origins import Tracing, trace

# Snapshots that read the page (a 2xx answer with no error): they hold the text and its hash.
_READ = Q(status_code__gte=200, status_code__lt=300, error="")


def due_sources(*, now: datetime) -> QuerySet[Source]:
    """Sources with a URL whose check is due and not already queued by another scheduler.

    A source never scheduled (bulk-imported, or older than the re-check job) is due too.
    """
    return Source.objects.exclude(url="").filter(
        Q(check_leased_until__isnull=True) | Q(check_leased_until__lte=now),
        Q(next_check_at__isnull=True) | Q(next_check_at__lte=now),
    )


def why_skip_check(source: Source | None, *, due_at: datetime) -> str:
    """Why the check of `source` for `due_at` must fetch and write nothing, or "" to go ahead.

    A redelivered task finds its due check answered; a check queued before a "re-check now"
    finds the source rescheduled.
    """
    if source is None:
        return "the source no longer exists"
    if not source.url:
        return "the source has no URL"
    if Snapshot.objects.filter(source=source, due_at=due_at).exists():
        return "this due check is already recorded"
    if source.next_check_at != due_at:
        return "the source was rescheduled since this check was queued"
    return ""


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


def source_health_board() -> QuerySet[Source]:
    """Sources with a URL for the health page, the most recently troubled first.

    Each carries `last_change_diff`: the diff of its latest snapshot that saw a change.
    """
    last_change = Snapshot.objects.filter(source=OuterRef("pk"), changed=True).order_by(
        "-fetched_at", "-id"
    )
    return (
        Source.objects.exclude(url="")
        .select_related("publisher")
        .defer("text")
        .annotate(last_change_diff=Subquery(last_change.values("diff")[:1]))
        .order_by(F("health_changed_at").desc(nulls_last=True), "title")
    )


def recently_changed_health(*, limit: int = 8) -> QuerySet[Source]:
    """Sources whose health changed most recently, for the overview."""
    return (
        Source.objects.filter(health_changed_at__isnull=False)
        .defer("text")
        .order_by("-health_changed_at")[:limit]
    )


def cited_chain(
    sources: list[Source], moment: Moment = NOW, *, max_depth: int = 5
) -> dict[int, list[Source]]:
    """For each source, the sources it relies on, following citations back towards the origin;
    the citations, sources and publishers recorded by `moment.as_of`, each as it read then,
    when it is given.

    One query per level of citation (three for a past moment), whatever the number of sources.
    """
    chains: dict[int, list[Source]] = {source.pk: [] for source in sources}
    frontier = {source.pk: {source.pk} for source in sources}  # root -> ids at this level
    seen = {root: {root} for root in chains}
    for _ in range(max_depth):
        level_ids = set().union(*frontier.values()) if frontier else set()
        if not level_ids:
            break
        cited_by_citing = _cited_by_citing(level_ids, moment.as_of)
        next_frontier: dict[int, set[int]] = {}
        for root, ids in frontier.items():
            for citing_id in ids:
                for cited in cited_by_citing.get(citing_id, []):
                    if cited.pk not in seen[root]:
                        seen[root].add(cited.pk)
                        chains[root].append(cited)
                        next_frontier.setdefault(root, set()).add(cited.pk)
        frontier = next_frontier
    return chains


def _cited_by_citing(citing_ids: set[int], as_of: datetime | None) -> dict[int, list[Source]]:
    """The sources each of these sources cites, with their publishers (as they read at
    `as_of`, or now)."""
    cited_by_citing: dict[int, list[Source]] = {}
    if as_of is None:
        for citation in (
            Citation.objects.filter(citing_id__in=citing_ids)
            .select_related("cited__publisher")
            .defer("cited__text")
        ):
            cited_by_citing.setdefault(citation.citing_id, []).append(citation.cited)
        return cited_by_citing
    citations = rows_as_of(Citation, as_of, citing_id__in=citing_ids)
    cited = by_pk_as_of(Source, as_of, {citation.cited_id for citation in citations})
    publishers = by_pk_as_of(Actor, as_of, {s.publisher_id for s in cited.values()} - {None})
    for source in cited.values():
        Source.publisher.field.set_cached_value(source, publishers.get(source.publisher_id))
    for citation in citations:
        if citation.cited_id in cited:  # a source deleted by then is no link in the chain
            cited_by_citing.setdefault(citation.citing_id, []).append(cited[citation.cited_id])
    return cited_by_citing


def health_then(source_ids: Iterable[int], moment: Moment) -> dict[int, str]:
    """Each source's health as the re-checks known at `moment` left it (recorded by `as_of`,
    fetched by `said_by`): the latest such snapshot's, or unchecked before the first; in one
    query. A source's own history leaves its health out: the snapshots are that history."""
    checks = Snapshot.objects.filter(source=OuterRef("pk"))
    if moment.as_of is not None:
        checks = checks.filter(recorded_at__lte=moment.as_of)
    if moment.said_by is not None:
        checks = checks.filter(fetched_at__lte=moment.said_by)
    latest = checks.order_by("-fetched_at", "-id").values("health")[:1]
    rows = Source.objects.filter(pk__in=set(source_ids)).annotate(then=Subquery(latest))
    return {pk: then or Health.UNCHECKED for pk, then in rows.values_list("pk", "then")}


# --- Origins -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chains:
    """Where the chains of some sources lead: each one's origins, and every source it relies on
    near or far (itself included)."""

    origins: dict[int, frozenset[int]]
    reach: dict[int, frozenset[int]]


def chains_of(source_ids: Iterable[int], moment: Moment = NOW) -> Chains:
    """The chains of these sources (sources.origins): for the present in one query of what is
    kept up to date on write (Reliance); for a past moment traced from the citations recorded
    by then, one query per level of citation."""
    ids = set(source_ids)
    if moment.as_of is None:
        origins: dict[int, set[int]] = {}
        reach: dict[int, set[int]] = {}
        for source_id, relies_on_id, is_origin in Reliance.objects.filter(
            source_id__in=ids
        ).values_list("source_id", "relies_on_id", "is_origin"):
            reach.setdefault(source_id, set()).add(relies_on_id)
            if is_origin:
                origins.setdefault(source_id, set()).add(relies_on_id)
        return Chains(
            origins={pk: frozenset(origins.get(pk, {pk})) for pk in ids},
            reach={pk: frozenset(reach.get(pk, set()) | {pk}) for pk in ids},
        )
    tracing = trace_from(ids, moment.as_of)
    return Chains(
        origins={pk: tracing.origins.get(pk, frozenset({pk})) for pk in ids},
        reach={pk: tracing.reach.get(pk, frozenset()) | {pk} for pk in ids},
    )


def origins_of(source_ids: Iterable[int], moment: Moment = NOW) -> dict[int, frozenset[int]]:
    """The origins of each source (see chains_of)."""
    return chains_of(source_ids, moment).origins


def trace_from(source_ids: Iterable[int], as_of: datetime | None = None) -> Tracing:
    """Trace the chains of these sources, through the citations as they are (or read at
    `as_of`)."""
    ids = set(source_ids)
    return trace(citations_reachable(ids, as_of), sorted(ids))


def citations_reachable(
    source_ids: Iterable[int], as_of: datetime | None = None
) -> dict[int, set[int]]:
    """What each source reachable from these cites (source id → cited ids), following the
    chains to their ends: one query per level of citation."""
    cites: dict[int, set[int]] = {}
    frontier = set(source_ids)
    seen = set(frontier)
    while frontier:
        if as_of is None:
            pairs: list[tuple[int, int]] = list(
                Citation.objects.filter(citing_id__in=frontier).values_list("citing_id", "cited_id")
            )
        else:
            pairs = [
                (citation.citing_id, citation.cited_id)
                for citation in rows_as_of(Citation, as_of, citing_id__in=frontier)
            ]
        frontier = set()
        for citing_id, cited_id in pairs:
            cites.setdefault(citing_id, set()).add(cited_id)
            if cited_id not in seen:
                seen.add(cited_id)
                frontier.add(cited_id)
    return cites


def sources_relying_on(source_ids: Iterable[int]) -> set[int]:
    """These sources and every source whose chain passes through one of them (the ones whose
    origins a change of their citations may change): one query per level."""
    found = set(source_ids)
    frontier = set(found)
    while frontier:
        citing = set(
            Citation.objects.filter(cited_id__in=frontier).values_list("citing_id", flat=True)
        )
        frontier = citing - found
        found |= frontier
    return found


def repeated_by(source: Source) -> QuerySet[Source]:
    """The sources whose chain ends in this one (the reports that repeat an origin)."""
    return (
        Source.objects.filter(reliances__relies_on=source, reliances__is_origin=True)
        .exclude(pk=source.pk)
        .select_related("publisher")
        .defer("text")
        .order_by("published_at", "id")
    )


# --- Browsing sources (the API's list, the sources directory and the source page) -------------


def _latest_check(field: str) -> Subquery:
    checks = Snapshot.objects.filter(source=OuterRef("pk")).order_by("-fetched_at", "-id")
    return Subquery(checks.values(field)[:1])


def source_list() -> QuerySet[Source]:
    """Sources for the API: with publisher, citations both ways, and what their latest check
    met (`last_check_error`, `last_check_status`), which says why it failed."""
    return (
        Source.objects.select_related("publisher")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("cited").order_by("id")),
            Prefetch("cited_by", queryset=Citation.objects.select_related("citing").order_by("id")),
        )
        .defer("text", "citations__cited__text", "cited_by__citing__text")
        .annotate(
            last_check_error=_latest_check("error"),
            last_check_status=_latest_check("status_code"),
        )
    )


def source_directory() -> QuerySet[Source]:
    """Every source for the sources directory, with publisher, what its latest check met
    (`last_check_error`, `last_check_status`) and `last_change_diff`, the diff of its latest
    snapshot that saw a change. Filtered and sorted by sources.filters.SourceDirectoryFilter."""
    last_change = Snapshot.objects.filter(source=OuterRef("pk"), changed=True).order_by(
        "-fetched_at", "-id"
    )
    return (
        Source.objects.select_related("publisher")
        .defer("text")
        .annotate(
            last_change_diff=Subquery(last_change.values("diff")[:1]),
            last_check_error=_latest_check("error"),
            last_check_status=_latest_check("status_code"),
        )
    )


def publisher_names() -> list[str]:
    """The names of the actors that published a source, for the directory's type-ahead."""
    return list(
        Actor.objects.filter(Exists(Source.objects.filter(publisher=OuterRef("pk"))))
        .order_by("name")
        .values_list("name", flat=True)
    )


def source_languages() -> list[str]:
    """The languages sources are in, for the directory's type-ahead."""
    return list(
        Source.objects.exclude(language="")
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class Origin:
    """Where a source's chain ends: an origin document, or a ring of sources citing each other
    (named by its first source) that cites nothing outside itself."""

    source: Source
    circular: bool


def origins_of_sources(sources: Sequence[Source]) -> dict[int, list[Origin]]:
    """The origins of each of these sources (a source citing nothing is its own), in the order
    they were recorded; in two queries, whatever the number of sources."""
    if not sources:
        return {}
    origins = chains_of(source.pk for source in sources).origins
    # An origin proper cites nothing; one that cites others is the first source of a ring.
    found = {
        source.pk: source
        for source in Source.objects.filter(pk__in=set().union(*origins.values()))
        .annotate(cites_others=Exists(Citation.objects.filter(citing=OuterRef("pk"))))
        .only("public_id", "title", "url", "health")
    }
    return {
        source_id: [
            Origin(found[pk], circular=bool(getattr(found[pk], "cites_others", False)))
            for pk in sorted(ids)
            if pk in found  # unless deleted meanwhile
        ]
        for source_id, ids in origins.items()
    }


def citation_chain(source: Source) -> CitationChain:
    """The chain of `source` up to its origins, level by level (sources.chains), for the source
    page: in two queries (the sources it relies on, as kept in Reliance, then every citation
    among them with its sources and their publishers), whatever the chain's depth."""
    members = chains_of([source.pk]).reach[source.pk]
    citations = list(
        Citation.objects.filter(citing_id__in=members)
        .select_related("citing__publisher", "cited__publisher")
        .defer("citing__text", "cited__text")
        .order_by("cited__published_at", "cited_id")
    )
    return chain_levels(source, citations)


def citing_sources(source: Source) -> QuerySet[Citation]:
    """The citations of this source by others, with the citing sources and their publishers."""
    return (
        Citation.objects.filter(cited=source)
        .select_related("citing__publisher")
        .defer("citing__text")
        .order_by("citing__published_at", "citing_id")
    )


def source_snapshots(source: Source) -> QuerySet[Snapshot]:
    """What the re-checks of this source saw, newest first, without the fetched text."""
    return Snapshot.objects.filter(source=source).defer("text").order_by("-fetched_at", "-id")


def last_failed_check(source: Source) -> Snapshot | None:
    """The latest snapshot of a check that could not read the source (gone, unreachable or
    refused by the fetch guard)."""
    return (
        Snapshot.objects.filter(
            source=source, health__in=[Health.GONE, Health.UNREACHABLE, Health.BLOCKED]
        )
        .defer("text", "diff")
        .order_by("-fetched_at", "-id")
        .first()
    )
