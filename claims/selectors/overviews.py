"""The overview page: the topics with the latest claims, the verdict counts and the latest
verdict changes, now or as they stood at a past moment.

A past overview reads the history a page at a time, as the present one reads the live rows
(issue #18: on 100,000 claims, reading every claim known then took 21 s): the latest claims
known then are walked from the newest backwards until ten topics are found, only those topics'
claims are read, and the verdicts in force then are counted by the database.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber

from common.history import by_pk_as_of, history_of, records_as_of
from common.moments import Moment

from ..models import Claim, FlagStatus, ReviewFlag, Topic, Verdict, VerdictChange
from .as_of import asserted_by, claim_list_as_of, claims_as_of, finish_claims, verdict_changes_as_of
from .dashboards import LATEST_CHANGES, latest_verdict_changes, verdict_counts

# The overview is a front page, not an index: it shows this many topics (those with the latest
# claims), this many claims of each, and links to the full lists (issue #18: with 3,000 claims
# it was 141,000 px tall).
OVERVIEW_TOPICS = 10
OVERVIEW_CLAIMS_PER_TOPIC = 5
# The latest claims read to find the topics with the latest claims: enough for ten topics.
_RECENT_CLAIMS_SCANNED = 500


@dataclass(frozen=True)
class TopicSummary:
    topic: Topic
    claims: list[Claim]  # the latest few, latest first
    claim_count: int  # all of them

    @property
    def more(self) -> int:
        return self.claim_count - len(self.claims)


@dataclass(frozen=True)
class Overview:
    topics: list[TopicSummary]  # the topics with the latest claims, latest first
    topic_count: int  # all topics known
    verdict_counts: dict[str, int]  # every verdict, zero when none
    latest_changes: list[VerdictChange]

    @property
    def claim_count(self) -> int:
        return sum(self.verdict_counts.values())


def _latest_first(claim: Claim) -> tuple[bool, int, int]:
    """Sort key: the latest asserted first, undated claims last."""
    day = claim.first_asserted_on
    return (day is None, -day.toordinal() if day else 0, -claim.pk)


def _latest_topics_now(limit: int) -> list[Topic]:
    """The topics of the latest asserted claims, read from the newest claims backwards (an
    index scan of first_asserted_on), then, when fewer were found, the others by title."""
    recent = (
        Claim.objects.filter(first_asserted_on__isnull=False)
        .order_by("-first_asserted_on", "-id")
        .values_list("topic_id", flat=True)[:_RECENT_CLAIMS_SCANNED]
    )
    ids = list(dict.fromkeys(recent))[:limit]
    topics = Topic.objects.in_bulk(ids)
    found = [topics[pk] for pk in ids if pk in topics]
    if len(found) < limit:
        found += Topic.objects.exclude(pk__in=ids).order_by("title")[: limit - len(found)]
    return found


def _overview_now(topics_shown: int, claims_shown: int) -> Overview:
    topics = _latest_topics_now(topics_shown)
    ids = [topic.pk for topic in topics]
    open_flags = (
        ReviewFlag.objects.filter(claim=OuterRef("pk"), status=FlagStatus.OPEN)
        .values("claim")
        .annotate(n=Count("id"))
        .values("n")
    )
    # The latest few claims of each topic shown, in one query (a window per topic).
    latest = (
        Claim.objects.filter(topic_id__in=ids)
        .select_related("claimant")
        .annotate(
            open_flag_count=Coalesce(Subquery(open_flags), 0),
            rank=Window(
                RowNumber(),
                partition_by=[F("topic_id")],
                order_by=[F("first_asserted_on").desc(nulls_last=True), F("id").desc()],
            ),
        )
        .filter(rank__lte=claims_shown)
    )
    claims_of: dict[int, list[Claim]] = {}
    for claim in latest:
        claims_of.setdefault(claim.topic_id, []).append(claim)
    counts = dict(
        Claim.objects.filter(topic_id__in=ids).values_list("topic_id").annotate(n=Count("id"))
    )
    return Overview(
        topics=[
            TopicSummary(
                topic,
                sorted(claims_of.get(topic.pk, []), key=_latest_first),
                counts.get(topic.pk, 0),
            )
            for topic in topics
        ],
        topic_count=Topic.objects.count(),
        verdict_counts=verdict_counts(),
        latest_changes=list(latest_verdict_changes()),
    )


def overview(
    moment: Moment,
    *,
    topics_shown: int = OVERVIEW_TOPICS,
    claims_shown: int = OVERVIEW_CLAIMS_PER_TOPIC,
) -> Overview:
    """The overview as it stood at `moment`: the topics with the latest claims (asserted by
    then), each with its latest few claims holding the verdict in force then and how many it
    has in all; the verdict counts of all claims known then; the latest verdict changes."""
    if moment.is_now:
        return _overview_now(topics_shown, claims_shown)
    return _overview_then(moment, topics_shown, claims_shown)


def _topics_then(moment: Moment) -> QuerySet[Any]:
    """The topics known at `moment.as_of` (history records), or the live ones."""
    if moment.as_of is None:
        return Topic.objects.all()
    return records_as_of(Topic, moment.as_of)


def _latest_topic_ids_then(moment: Moment, topics: QuerySet[Any], limit: int) -> list[int]:
    """The topics (known then) of the latest claims known then, latest first: the claims read
    newest first a batch at a time, until `limit` topics are found or the claims run out. In
    _latest_first's order (the dated, latest first, then the undated), so the same as sorting
    them all.

    At a past moment the batch is of history records recorded by then, in the order of their
    index (claims_hclaim_latest, read backwards), and a second query keeps those in force then:
    asked for both at once, PostgreSQL misjudges how few records are in force and sorts them
    all. The record's id breaks ties between the versions of one claim, so that no batch
    boundary falls between them differently from one query to the next."""
    candidates: QuerySet[Any]
    if moment.as_of is None:
        candidates, key = Claim.objects.all(), "pk"
    else:
        candidates = history_of(Claim).filter(history_date__lte=moment.as_of)
        key = "history_id"
    if moment.said_by is not None:
        candidates = candidates.filter(asserted_by(moment))
    newest_first = [
        candidates.filter(first_asserted_on__isnull=False).order_by(
            "-first_asserted_on", "-id", f"-{key}"
        ),
        candidates.filter(first_asserted_on__isnull=True).order_by("-id", f"-{key}"),
    ]
    found: list[int] = []
    seen: set[int] = set()
    for ordered in newest_first:
        start = 0
        while len(found) < limit:
            read = list(
                ordered.values_list(key, "topic_id")[start : start + _RECENT_CLAIMS_SCANNED]
            )
            batch = read
            if moment.as_of is not None and read:
                in_force = set(
                    records_as_of(
                        Claim, moment.as_of, history_id__in=[k for k, _ in read]
                    ).values_list("history_id", flat=True)
                )
                batch = [(k, topic) for k, topic in read if k in in_force]
            new = [pk for pk in dict.fromkeys(topic for _, topic in batch) if pk not in seen]
            seen.update(new)
            known = set(topics.filter(id__in=new).values_list("id", flat=True)) if new else set()
            found += [pk for pk in new if pk in known]
            if len(read) < _RECENT_CLAIMS_SCANNED:
                break
            start += _RECENT_CLAIMS_SCANNED
    return found[:limit]


def _verdict_counts_of(claims: QuerySet[Any], moment: Moment) -> Counter[str]:
    """How many of `claims` (history records or live rows known then) held each verdict at
    `moment`, counted by the database: the verdict of the latest change known and decided by
    then, else the one the claim's first change started from, else the claim's own (as
    verdicts_in_force decides)."""
    known = VerdictChange.objects.filter(claim_id=OuterRef("id"))
    if moment.as_of is not None:
        known = known.filter(recorded_at__lte=moment.as_of)
    if moment.said_by is not None:
        known = known.filter(decided_at__lte=moment.said_by)
    latest = known.order_by("-version").values("to_verdict")[:1]
    first = (
        VerdictChange.objects.filter(claim_id=OuterRef("id"))
        .order_by("version")
        .values("from_verdict")[:1]
    )
    rows = (
        claims.annotate(then=Coalesce(Subquery(latest), Subquery(first), F("verdict")))
        .values_list("then")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Counter(dict(rows))


def _claims_changed_since(moment: Moment, limit: int) -> set[int] | None:
    """The claims whose state at `moment` may differ from their live row: recorded (edited,
    deleted) after `as_of`, with a verdict change recorded after `as_of` or decided after
    `said_by`, or asserted after `said_by`. None when there are more than `limit`."""
    changed: list[QuerySet[Any]] = []
    if moment.as_of is not None:
        changed.append(
            history_of(Claim).filter(history_date__gt=moment.as_of).values_list("id", flat=True)
        )
        changed.append(
            VerdictChange.objects.filter(recorded_at__gt=moment.as_of).values_list(
                "claim_id", flat=True
            )
        )
    if moment.said_by is not None:
        changed.append(
            VerdictChange.objects.filter(decided_at__gt=moment.said_by).values_list(
                "claim_id", flat=True
            )
        )
        changed.append(Claim.objects.exclude(asserted_by(moment)).values_list("id", flat=True))
    ids: set[int] = set()
    for rows in changed:
        ids.update(rows.order_by()[: limit + 1])
        if len(ids) > limit:
            return None
    return ids


# Up to this many claims changed since a past moment, its verdict counts are today's corrected
# for them; past that, counted from the history whole.
_CHANGED_SINCE_CORRECTED = 5_000


def _verdict_counts_then(claims: QuerySet[Any], moment: Moment) -> dict[str, int]:
    """How many of the claims known at `moment` held each verdict then.

    Counting a million claims as they stood then takes seconds (issue #18), so when few claims
    changed since, the counts are today's, less the changed claims as they are now, plus the
    changed claims as they were then. That holds because a claim that did not change since reads
    then as it reads now: its live row is its latest history record (every write goes through a
    service that saves the row, and simple-history records the save) and its verdict is that of
    its latest change (change_verdict applies the change to the row)."""
    changed = _claims_changed_since(moment, _CHANGED_SINCE_CORRECTED)
    if changed is None:
        counts = _verdict_counts_of(claims, moment)
    else:
        live = Claim.objects.exclude(id__in=changed).values_list("verdict").annotate(n=Count("id"))
        counts = Counter(dict(live.order_by())) + _verdict_counts_of(
            claims.filter(id__in=changed), moment
        )
    return {verdict: counts.get(verdict, 0) for verdict in Verdict.values}


def _overview_then(moment: Moment, topics_shown: int, claims_shown: int) -> Overview:
    """The overview at a past moment, in a number of queries that does not grow with the data
    (one more per 500 latest claims whose topics repeat)."""
    claims = claim_list_as_of(moment)  # the claims known (and asserted) then
    topics = _topics_then(moment)
    ids = _latest_topic_ids_then(moment, topics, topics_shown)
    if len(ids) < topics_shown:  # then the topics with no claim known then, by title
        with_claims = claims.filter(topic_id=OuterRef("id"))
        rest = (
            topics.exclude(id__in=ids)
            .filter(~Exists(with_claims))
            .order_by("title")
            .values_list("id", flat=True)[: topics_shown - len(ids)]
        )
        ids += list(rest)
    shown = by_pk_as_of(Topic, moment.as_of, ids) if moment.as_of else Topic.objects.in_bulk(ids)
    latest = claims.filter(topic_id__in=ids).annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("topic_id")],
            order_by=[F("first_asserted_on").desc(nulls_last=True), F("id").desc()],
        )
    )
    claims_of: dict[int, list[Claim]] = {}
    for claim in finish_claims(latest.filter(rank__lte=claims_shown), moment):
        claims_of.setdefault(claim.topic_id, []).append(claim)
    counts = dict(
        claims.filter(topic_id__in=ids).values_list("topic_id").annotate(n=Count("id")).order_by()
    )
    changes = list(
        verdict_changes_as_of(moment)
        .select_related("claim", "editor")
        .order_by("-decided_at", "-id")[:LATEST_CHANGES]
    )
    then = {c.pk: c for c in claims_as_of(moment, id__in={c.claim_id for c in changes})}
    for change in changes:
        if change.claim_id in then:  # the claim's words then
            VerdictChange.claim.field.set_cached_value(change, then[change.claim_id])
    return Overview(
        topics=[
            TopicSummary(
                shown[pk], sorted(claims_of.get(pk, []), key=_latest_first), counts.get(pk, 0)
            )
            for pk in ids
        ],
        topic_count=topics.count(),
        verdict_counts=_verdict_counts_then(claims, moment),
        latest_changes=changes,
    )
