"""What changed between two moments, in the newsroom's words: the answer to "what do we know
now that we did not know on the 23rd?" for a topic, a claim or an actor.

Both moments are on the knowledge clock: the story as recorded by `since` is compared with the
story as recorded by `until` (claims.selectors.as_of), so an entry made late shows up when it
was entered, and a correction shows what it corrected.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import F, Q, QuerySet, Value, Window
from django.db.models.functions import Lag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.models import Actor
from common.history import CHANGED, history_of
from common.moments import Moment
from sources.models import Health, Snapshot, Source

from ..models import Claim, Stance, Statement, Topic, Verdict, VerdictChange
from .as_of import claims_as_of, statements_as_of


class ChangeKind(models.TextChoices):
    CLAIM_ADDED = "claim_added", gettext_lazy("Claim added")
    STATEMENT_ADDED = "statement_added", gettext_lazy("Statement added")
    STATEMENT_CHANGED = "statement_changed", gettext_lazy("Statement corrected")
    STATEMENT_REMOVED = "statement_removed", gettext_lazy("Statement removed")
    STANCE_CHANGED = "stance_changed", gettext_lazy("Stance changed")
    VERDICT_CHANGED = "verdict_changed", gettext_lazy("Verdict changed")
    ESTIMATE_MOVED = "estimate_moved", gettext_lazy("Estimate moved")
    FIGURE_CHANGED = "figure_changed", gettext_lazy("Figure corrected")
    SOURCE_ADDED = "source_added", gettext_lazy("Source added")
    SOURCE_CHANGED = "source_changed", gettext_lazy("Source changed")
    SOURCE_GONE = "source_gone", gettext_lazy("Source gone")


ORDER = {kind: number for number, kind in enumerate(ChangeKind.values)}
# What a correction of a statement is about; who said it stays the statement's identity.
STATEMENT_FIELDS = ("stance", "quote", "said_at", "source_id", "claim_id", "credibility", "venue")


@dataclass(frozen=True)
class Change:
    """One thing the newsroom learned between the two moments."""

    kind: str  # a ChangeKind
    recorded_at: datetime  # when it was entered (the knowledge clock)
    claim: Claim | None = None
    actor: Actor | None = None
    source: Source | None = None
    statement: Statement | None = None
    before: str = ""  # what it was: a stance, a verdict, a figure, a health (display words)
    after: str = ""  # what it became
    detail: str = ""  # a statement's quote, a verdict's rationale

    @property
    def summary(self) -> str:
        """The change as one sentence for the pages and the API."""
        claim = f"“{self.claim.text}”" if self.claim else ""
        actor = self.actor.name if self.actor else ""
        source = self.source.title if self.source else ""
        sentences = {
            ChangeKind.CLAIM_ADDED: _("New claim: %(claim)s"),
            ChangeKind.STATEMENT_ADDED: _("%(actor)s %(after)s %(claim)s"),
            ChangeKind.STATEMENT_CHANGED: _("Statement of %(actor)s on %(claim)s corrected"),
            ChangeKind.STATEMENT_REMOVED: _("Statement of %(actor)s on %(claim)s removed"),
            ChangeKind.STANCE_CHANGED: _("%(actor)s: %(before)s → %(after)s on %(claim)s"),
            ChangeKind.VERDICT_CHANGED: _("Verdict on %(claim)s: %(before)s → %(after)s"),
            ChangeKind.ESTIMATE_MOVED: _("Estimate of %(claim)s: %(before)s → %(after)s"),
            ChangeKind.FIGURE_CHANGED: _(
                "Figure of %(actor)s on %(claim)s: %(before)s → %(after)s"
            ),
            ChangeKind.SOURCE_ADDED: _("New source: %(source)s"),
            ChangeKind.SOURCE_CHANGED: _("Source changed since it was read: %(source)s"),
            ChangeKind.SOURCE_GONE: _("Source gone: %(source)s"),
        }
        return sentences[ChangeKind(self.kind)] % {
            "claim": claim,
            "actor": actor,
            "source": source,
            "before": self.before,
            "after": self.after.lower() if self.kind == ChangeKind.STATEMENT_ADDED else self.after,
        }


def changes_between(
    since: datetime,
    until: datetime,
    *,
    topic: Topic | None = None,
    claim: Claim | None = None,
    actor: Actor | None = None,
) -> list[Change]:
    """What was entered, corrected or removed after `since` and by `until`, for one topic,
    claim or actor, oldest first; in a fixed number of queries, and in time that grows with
    what changed in the window rather than with the size of the story."""
    if sum(scope is not None for scope in (topic, claim, actor)) != 1:
        raise TypeError("changes_between answers for one topic, claim or actor.")
    then, now = Moment(as_of=since), Moment(as_of=until)
    window = Q(history_date__gt=since, history_date__lte=until)
    changes: list[Change] = []

    # What is in scope: every claim that ever belonged to the topic (or the claim), or every
    # statement the actor ever made; a row counts when a version of it in scope changed.
    # The ids go to the database as subqueries, not lists: a topic has thousands of claims.
    if actor is None:
        if topic is not None:
            in_scope = history_of(Claim).filter(topic_id=topic.pk).order_by().values("id")
        else:
            assert claim is not None
            in_scope = history_of(Claim).filter(id=claim.pk).values("id")
        in_scope_now = Q(claim_id__in=in_scope)
        statements_ever = history_of(Statement).filter(in_scope_now)
        touched_claims = set(
            history_of(Claim).filter(window, id__in=in_scope).values_list("id", flat=True)
        )
        claims_then = {c.pk: c for c in claims_as_of(then, id__in=touched_claims)}
        claims_touched = {c.pk: c for c in claims_as_of(now, id__in=touched_claims)}
        changes += _claims(claims_then, claims_touched)
    else:
        in_scope_now = Q(actor_id=actor.pk)
        statements_ever = history_of(Statement).filter(in_scope_now)
        in_scope = statements_ever.order_by().values("claim_id")
    # The statements with a version in the window, and who said them on what: those in scope
    # (new, corrected or deleted there), and those an edit moved out of it, found among the
    # edits alone: a statement is created in scope or not at all, and deleted where it was.
    in_window = history_of(Statement).filter(window)
    window_versions = list(
        in_window.filter(in_scope_now).values_list("id", "actor_id", "claim_id")
    ) + list(
        in_window.filter(history_type=CHANGED, id__in=statements_ever.values("id"))
        .exclude(in_scope_now)
        .values_list("id", "actor_id", "claim_id")
    )
    touched = {pk for pk, _, _ in window_versions}
    # One read at each moment serves both the statements that changed and the positions of
    # their actors on their claims (an actor's latest statement there), for stance changes.
    around = Q(
        actor_id__in={actor_id for _, actor_id, _ in window_versions},
        claim_id__in={claim_id for _, _, claim_id in window_versions},
    ) | Q(id__in=touched)
    around_then = statements_as_of(then, around) if touched else []
    around_now = statements_as_of(now, around) if touched else []
    at_then = [s for s in around_then if s.pk in touched]
    at_now = [s for s in around_now if s.pk in touched]
    # A statement moved to a claim out of scope has left it: removed, as if deleted.
    near = {s.claim_id for s in (*at_then, *at_now)}
    claim_ids = _in_scope(near, in_scope)
    statements_then = {s.pk: s for s in at_then if s.claim_id in claim_ids}
    statements_now = {s.pk: s for s in at_now if s.claim_id in claim_ids}
    both = (*statements_then.values(), *statements_now.values())
    pairs = {(s.actor_id, s.claim_id) for s in both}
    positions_then = _positions(around_then, pairs)
    positions_now = _positions(around_now, pairs)

    verdicts = VerdictChange.objects.filter(
        claim_id__in=in_scope, recorded_at__gt=since, recorded_at__lte=until
    ).order_by("recorded_at", "id")
    referenced = {s.claim_id for s in both} | {change.claim_id for change in verdicts}
    claims_now = {c.pk: c for c in claims_as_of(now, id__in=referenced)}
    changes += _statements(statements_then, statements_now, claims_now, since, until)
    changes += _stance_changes(positions_then, positions_now, claims_now)
    changes += _verdicts(verdicts, claims_now)
    sources_ever = statements_ever.values("source_id")
    added = {s.source_id: s.source for s in statements_now.values()}
    changes += _sources(added, sources_ever, since, until)
    changes.sort(key=lambda change: (change.recorded_at, ORDER[change.kind]))
    return changes


def _in_scope(claim_ids: set[int], in_scope: QuerySet[Any]) -> set[int]:
    """Which of these claims are in scope (`in_scope`: a subquery of claim ids)."""
    if not claim_ids:
        return set()
    return set(
        history_of(Claim)
        .filter(id__in=claim_ids)
        .filter(id__in=in_scope)
        .values_list("id", flat=True)
    )


def _positions(
    statements: Iterable[Statement], pairs: set[tuple[int, int]]
) -> dict[tuple[int, int], Statement]:
    return {key: s for key, s in positions(statements).items() if key in pairs}


def _claims(then: dict[int, Claim], now: dict[int, Claim]) -> list[Change]:
    changes = []
    for pk, claim in now.items():
        quantity = str(claim.quantity) if claim.quantity else ""
        if pk not in then:
            changes.append(
                Change(ChangeKind.CLAIM_ADDED, claim.recorded_at, claim=claim, after=quantity)
            )
        elif claim.quantity != then[pk].quantity:
            before = str(then[pk].quantity) if then[pk].quantity else "—"
            changes.append(
                Change(
                    ChangeKind.ESTIMATE_MOVED,
                    _version_recorded_at(claim),
                    claim=claim,
                    before=before,
                    after=quantity or "—",
                )
            )
    return changes


def _statements(
    then: dict[int, Statement],
    now: dict[int, Statement],
    claims: dict[int, Claim],
    since: datetime,
    until: datetime,
) -> list[Change]:
    stance = dict(Stance.choices)
    changes = []
    for pk, statement in now.items():
        claim = claims.get(statement.claim_id)
        if pk not in then:
            changes.append(
                Change(
                    ChangeKind.STATEMENT_ADDED,
                    statement.recorded_at,
                    claim=claim,
                    actor=statement.actor,
                    source=statement.source,
                    statement=statement,
                    after=str(stance[statement.stance]),
                    detail=statement.quote,
                )
            )
            continue
        if statement.estimate != then[pk].estimate:
            changes.append(
                Change(
                    ChangeKind.FIGURE_CHANGED,
                    _version_recorded_at(statement),
                    claim=claim,
                    actor=statement.actor,
                    source=statement.source,
                    statement=statement,
                    before=str(then[pk].estimate or "—"),
                    after=str(statement.estimate or "—"),
                    detail=statement.quote,
                )
            )
        if any(getattr(statement, f) != getattr(then[pk], f) for f in STATEMENT_FIELDS):
            changes.append(
                Change(
                    ChangeKind.STATEMENT_CHANGED,
                    _version_recorded_at(statement),
                    claim=claim,
                    actor=statement.actor,
                    source=statement.source,
                    statement=statement,
                    before=str(stance[then[pk].stance]),
                    after=str(stance[statement.stance]),
                    detail=statement.quote,
                )
            )
    removed = [statement for pk, statement in then.items() if pk not in now]
    when_removed = _first_version_after(removed, since, until)
    for statement in removed:
        changes.append(
            Change(
                ChangeKind.STATEMENT_REMOVED,
                when_removed.get(statement.pk, until),
                claim=claims.get(statement.claim_id),
                actor=statement.actor,
                source=statement.source,
                before=str(stance[statement.stance]),
                detail=statement.quote,
            )
        )
    return changes


def _stance_changes(
    before: dict[tuple[int, int], Statement],
    after: dict[tuple[int, int], Statement],
    claims: dict[int, Claim],
) -> list[Change]:
    """An actor's position on a claim is its latest statement on it; a different position then
    and now is a stance change (denies → cannot confirm → asserts)."""
    stance = dict(Stance.choices)
    changes = []
    for key, latest in after.items():
        earlier = before.get(key)
        if earlier is None or earlier.stance == latest.stance:
            continue
        changes.append(
            Change(
                ChangeKind.STANCE_CHANGED,
                _version_recorded_at(latest),
                claim=claims.get(latest.claim_id),
                actor=latest.actor,
                source=latest.source,
                statement=latest,
                before=str(stance[earlier.stance]),
                after=str(stance[latest.stance]),
                detail=latest.quote,
            )
        )
    return changes


def positions(statements: Iterable[Statement]) -> dict[tuple[int, int], Statement]:
    """Each actor's latest statement on each claim, by (actor id, claim id): its position."""
    latest: dict[tuple[int, int], Statement] = {}
    for statement in sorted(statements, key=lambda s: (s.said_at or s.recorded_at, s.pk)):
        latest[(statement.actor_id, statement.claim_id)] = statement
    return latest


def _verdicts(verdicts: Iterable[VerdictChange], claims: dict[int, Claim]) -> list[Change]:
    verdict = dict(Verdict.choices)
    return [
        Change(
            ChangeKind.VERDICT_CHANGED,
            change.recorded_at,
            claim=claims.get(change.claim_id),
            before=str(verdict[change.from_verdict]),
            after=str(verdict[change.to_verdict]),
            detail=change.rationale,
        )
        for change in verdicts
    ]


def _sources(
    added: dict[int, Source], in_scope: QuerySet[Any], since: datetime, until: datetime
) -> list[Change]:
    """Sources entered in the window (of the statements that changed), and re-checks recorded
    in it that found a source of the scope changed or gone."""
    changes = [
        Change(ChangeKind.SOURCE_ADDED, source.recorded_at, source=source)
        for source in added.values()
        if since < source.recorded_at <= until
    ]
    # A re-check is news when the health it found differs from the check before it.
    rechecked = Snapshot.objects.filter(
        source_id__in=in_scope, recorded_at__gt=since, recorded_at__lte=until
    ).values("source_id")
    snapshots = (
        Snapshot.objects.filter(source_id__in=rechecked, recorded_at__lte=until)
        .annotate(
            previous_health=Window(
                Lag("health", default=Value(Health.OK)),
                partition_by=[F("source_id")],
                order_by=[F("fetched_at").asc(), F("id").asc()],
            )
        )
        .filter(~Q(health=F("previous_health")))
        .values_list("source_id", "health", "previous_health", "recorded_at")
    )
    found = [row for row in snapshots if row[3] > since and row[1] in (Health.CHANGED, Health.GONE)]
    sources = Source.objects.in_bulk({source_id for source_id, *_ in found})
    health = dict(Health.choices)
    for source_id, now, before, recorded_at in found:
        kind = ChangeKind.SOURCE_GONE if now == Health.GONE else ChangeKind.SOURCE_CHANGED
        changes.append(
            Change(
                kind,
                recorded_at,
                source=sources[source_id],
                before=str(health[before]),
                after=str(health[now]),
            )
        )
    return changes


def _version_recorded_at(row: Any) -> datetime:
    recorded: datetime = getattr(row, "version_recorded_at", None) or row.recorded_at
    return recorded


def _first_version_after(
    statements: list[Statement], since: datetime, until: datetime
) -> dict[int, datetime]:
    """When each of these statements left the scope: its first version after `since` (its
    deletion, or the edit that moved it to another claim)."""
    if not statements:
        return {}
    records = (
        history_of(Statement)
        .filter(id__in=[s.pk for s in statements], history_date__gt=since)
        .filter(history_date__lte=until)
        .order_by("history_date", "history_id")
        .values_list("id", "history_date")
    )
    first: dict[int, datetime] = {}
    for pk, when in records:
        first.setdefault(pk, when)
    return first
