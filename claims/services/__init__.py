"""Every write of the claims app. Views, API, admin, tasks and commands call these."""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils.text import slugify

from actors.models import Actor
from common import clock, roles
from sources.models import Source

from .. import selectors
from ..errors import NotAllowed, VerdictConflict
from ..estimates import Estimate
from ..events import (
    claim_payload,
    estimate_payload,
    flag_opened_payload,
    flag_resolved_payload,
    record_event,
    stance_changed_payload,
    statement_recorded_payload,
    verdict_changed_payload,
)
from ..models import (
    Claim,
    Credibility,
    EventKind,
    FlagReason,
    FlagStatus,
    ProjectionOutcome,
    ReviewFlag,
    Stance,
    Statement,
    Topic,
    Verdict,
    VerdictChange,
)
from ..quantities import Quantity
from ..selectors.corroboration import corroboration_counts

CORROBORATION_FIELDS = frozenset({"independent_origins", "supporting_reports"})

# A statement that goes against the current verdict reopens the question for an editor.
CONTRADICTING_STANCES: dict[str, set[str]] = {
    Verdict.CONFIRMED: {Stance.DENIES, Stance.DISPUTES},
    Verdict.DENIED: {Stance.ASSERTS, Stance.SUPPORTS},
}


@transaction.atomic
def change_verdict(
    claim: Claim,
    *,
    to: str,
    editor: User,
    rationale: str,
    evidence: Iterable[Source] = (),
    expected_version: int,
    note: str = "",
    decided_at: datetime | None = None,
    recorded_at: datetime | None = None,
) -> VerdictChange:
    """Record a verdict decision and apply it to the claim.

    `decided_at` and `recorded_at` default to now; importers of past history pass them. `note`
    is the editors' own: kept with the change, shown to editors, never published.

    Raises NotAllowed for users who may not decide, ValidationError for a bad verdict or blank
    rationale, and VerdictConflict when `expected_version` is not the claim's current version;
    in every case nothing is written.
    """
    if not roles.can_decide_verdicts(editor):
        raise NotAllowed("Only editors and admins may change a verdict.")
    errors: dict[str, str] = {}
    if to not in Verdict.values:
        errors["to"] = f"'{to}' is not a verdict; choose one of: {', '.join(Verdict.values)}."
    rationale = (rationale or "").strip()
    if not rationale:
        errors["rationale"] = "Give the rationale for this verdict."
    if errors:
        raise ValidationError(errors)

    # Lock the row: concurrent deciders queue here and the later one sees the new version.
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if current.version != expected_version:
        raise _conflict(current, expected_version)
    if current.verdict == to:
        raise ValidationError({"to": f"The claim is already '{to}'."})

    change = VerdictChange(
        claim=current,
        from_verdict=current.verdict,
        to_verdict=to,
        editor=editor,
        rationale=rationale,
        note=(note or "").strip(),
        version=current.version + 1,
        decided_at=decided_at or clock.now(),
        recorded_at=recorded_at or clock.now(),
    )
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError as exc:
        # Backends without row locks (SQLite) still cannot write two changes for one version.
        current.refresh_from_db()
        raise _conflict(current, expected_version) from exc
    evidence = list(evidence)
    if evidence:
        change.evidence.set(evidence)

    # Saved, not updated, so that the claim's history has this version too, recorded with the
    # change: the claim as of any moment then carries the verdict in force.
    current.verdict, current.version = to, change.version
    current._history_date = change.recorded_at  # type: ignore[attr-defined]
    current._history_user = editor  # type: ignore[attr-defined]
    current.save(update_fields=["verdict", "version", "updated_at"])
    refresh_cached_verdict(current)
    claim.verdict, claim.version = to, change.version
    record_event(
        EventKind.VERDICT_CHANGED,
        claim=current,
        payload=verdict_changed_payload(
            claim=current.public_id,
            verdict_change=change.public_id,
            from_verdict=change.from_verdict,
            to_verdict=change.to_verdict,
            version=change.version,
            editor=editor.get_username(),
        ),
    )
    return change


def refresh_cached_verdict(claim: Claim) -> None:
    """Put the claim's fresh verdict state in the cache (claims.api.views.cached_verdict) once
    this change commits, so that the next poll, in any web process, sees it.

    Every write to a claim row calls this: the rows are kept in the cache by claim id, and only
    the writer knows when one changed. A write, not a delete: a poll that read the old row just
    before the commit stores it with `add`, which cannot replace the new state, so the cache
    holds the new state whichever comes first. With a delete, that poll put the old state back
    for a minute, and a client that changed a verdict got its old ETag from the next GET and 412
    from the POST after it (issue #20, item 10). Read afresh after the commit, so that of two
    changes in quick succession the later state is the one that stays, unless this process
    stalls between its read and its write for longer than the other change takes to commit
    (the timeout bounds that). None once the claim is deleted.
    """
    public_id = claim.public_id

    def refresh() -> None:
        state = selectors.verdict_state(public_id)
        cache.set(
            selectors.verdict_cache_key(public_id),
            selectors.CachedVerdict(state) if state is not None else None,
            selectors.VERDICT_CACHE_SECONDS,
        )

    transaction.on_commit(refresh)


def _conflict(current: Claim, expected_version: int) -> VerdictConflict:
    last = (
        VerdictChange.objects.filter(claim=current)
        .select_related("editor")
        .order_by("-version")
        .first()
    )
    return VerdictConflict(
        claim_public_id=current.public_id,
        expected_version=expected_version,
        current_version=current.version,
        current_verdict=current.verdict,
        decided_by=last.editor.get_username() if last else None,
    )


@transaction.atomic
def record_statement(
    *,
    claim: Claim,
    actor: Actor,
    source: Source,
    stance: str,
    recorded_by: User | None,
    quote: str = "",
    quote_language: str = "",
    translation: str = "",
    said_at: datetime | None = None,
    venue: str = "",
    credibility: int = Credibility.CANNOT_BE_JUDGED,
    recorded_at: datetime | None = None,
    estimate: Estimate | None = None,
) -> Statement:
    """Record an actor's position on a claim; open a review flag if it contradicts the verdict.

    `estimate` is the figure the actor gives, if any; its measure must be one of the claim's
    topic with the figure's unit. `recorded_by` is None only for system imports (the demo
    loader, data migrations).
    """
    if recorded_by is not None and not roles.can_record(recorded_by):
        raise NotAllowed("Only editors and admins may record statements.")
    statement = Statement(
        claim=claim,
        actor=actor,
        source=source,
        stance=stance,
        quote=quote.strip(),
        quote_language=quote_language,
        translation=translation.strip(),
        said_at=said_at,
        venue=venue.strip(),
        credibility=credibility,
        recorded_by=recorded_by,
        recorded_at=recorded_at or clock.now(),
    )
    statement.estimate = estimate
    statement.full_clean()
    position = actor_position(claim=claim, actor=actor)
    statement.save()
    record_event(
        EventKind.STATEMENT_RECORDED,
        claim=claim,
        source=source,
        payload=statement_recorded_payload(
            statement=statement.public_id,
            claim=claim.public_id,
            actor=actor.public_id,
            source=source.public_id,
            stance=stance,
            estimate=_estimate_payload(statement),
        ),
    )

    _flag_if_contradicting(statement)
    _announce_stance_change(statement, previous=position)
    refresh_corroboration({claim.pk})
    return statement


def actor_position(*, claim: Claim, actor: Actor) -> Statement | None:
    """The actor's position on the claim: its statement on it said last (the one recorded
    last among those said at the same time)."""
    return (
        Statement.objects.filter(claim=claim, actor=actor)
        .order_by(F("said_at").desc(nulls_last=True), "-recorded_at", "-id")
        .first()
    )


def _announce_stance_change(statement: Statement, *, previous: Statement | None) -> None:
    """When a write moved the actor's position on the claim (denies → cannot confirm →
    asserts): a stance.changed event, and a review flag where the topic asks for one. A
    statement entered late, said before the actor's latest, moves nothing."""
    now = actor_position(claim=statement.claim, actor=statement.actor)
    if previous is None or now is None or previous.stance == now.stance:
        return
    record_event(
        EventKind.STANCE_CHANGED,
        claim=statement.claim,
        source=now.source,
        payload=stance_changed_payload(
            statement=now.public_id,
            claim=statement.claim.public_id,
            actor=statement.actor.public_id,
            from_stance=previous.stance,
            to_stance=now.stance,
        ),
    )
    if statement.claim.topic.flag_stance_changes:
        open_flag(
            statement.claim,
            reason=FlagReason.STANCE_CHANGED,
            statement=now,
            detail=(
                f"{statement.actor}: {previous.get_stance_display().lower()} → "
                f"{now.get_stance_display().lower()}."
            ),
        )


def _flag_if_contradicting(statement: Statement) -> None:
    claim = statement.claim
    if statement.stance in CONTRADICTING_STANCES.get(claim.verdict, set()):
        open_flag(
            claim,
            reason=FlagReason.NEW_CONTRADICTION,
            statement=statement,
            detail=(
                f"{statement.actor} {statement.get_stance_display().lower()} a claim the "
                f"newsroom has marked {claim.get_verdict_display().lower()}."
            ),
        )


def _statement_event(kind: str, statement: Statement) -> None:
    record_event(
        kind,
        claim=statement.claim,
        source=statement.source,
        payload=statement_recorded_payload(
            statement=statement.public_id,
            claim=statement.claim.public_id,
            actor=statement.actor.public_id,
            source=statement.source.public_id,
            stance=statement.stance,
            estimate=_estimate_payload(statement),
        ),
    )


def _estimate_payload(statement: Statement) -> dict[str, Any] | None:
    measure = statement.estimate_measure
    return estimate_payload(statement.estimate, measure=measure.public_id if measure else None)


@transaction.atomic
def statement_update(statement: Statement, *, editor: User) -> Statement:
    """Save a statement edited (and validated) by the admin's form: logged as
    statement.changed, and a stance now against the verdict opens a review flag, as
    record_statement does for a new one."""
    if not roles.can_record(editor):
        raise NotAllowed("Only editors and admins may change statements.")
    statement.quote = statement.quote.strip()
    statement.translation = statement.translation.strip()
    statement.venue = statement.venue.strip()
    statement.full_clean()
    before = Statement.objects.select_related("source").get(pk=statement.pk)
    position = actor_position(claim=before.claim, actor=before.actor)
    statement.save()
    _statement_event(EventKind.STATEMENT_CHANGED, statement)
    _flag_if_contradicting(statement)
    if (before.claim_id, before.actor_id) == (statement.claim_id, statement.actor_id):
        _announce_stance_change(statement, previous=position)
    refresh_corroboration({before.claim_id, statement.claim_id})
    return statement


@transaction.atomic
def statement_delete(statement: Statement, *, editor: User) -> None:
    """Delete a statement, logged as statement.deleted on its claim (the admin's delete)."""
    if not roles.can_record(editor):
        raise NotAllowed("Only editors and admins may delete statements.")
    _statement_event(EventKind.STATEMENT_DELETED, statement)
    claim_id = statement.claim_id
    statement.delete()
    refresh_corroboration({claim_id})


def open_flag(
    claim: Claim,
    *,
    reason: str,
    source: Source | None = None,
    statement: Statement | None = None,
    detail: str = "",
    opened_at: datetime | None = None,
) -> tuple[ReviewFlag, bool]:
    """Open a review flag unless the same one is already open; returns (flag, created).

    A due projection is flagged once per statement, open or not (see
    claims.services.estimates.flag_due_projections)."""
    same = (
        ReviewFlag.objects.filter(reason=reason, statement=statement)
        if reason == FlagReason.PROJECTION_DUE
        else ReviewFlag.objects.filter(
            claim=claim, reason=reason, source=source, status=FlagStatus.OPEN
        )
    )
    existing = same.first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            flag = ReviewFlag.objects.create(
                claim=claim,
                reason=reason,
                source=source,
                statement=statement,
                detail=detail,
                opened_at=opened_at or clock.now(),
            )
            record_event(
                EventKind.FLAG_OPENED,
                claim=claim,
                source=source,
                payload=flag_opened_payload(
                    flag=flag.public_id,
                    claim=claim.public_id,
                    reason=reason,
                    source=source.public_id if source else None,
                ),
            )
    except IntegrityError:
        # Another worker opened the same flag between our read and our write.
        return same.get(), False
    return flag, True


@transaction.atomic
def resolve_flag(flag: ReviewFlag, *, editor: User, note: str = "") -> ReviewFlag:
    """Close an open review flag, recording who resolved it, when and why."""
    if not roles.can_resolve_flags(editor):
        raise NotAllowed("Only editors and admins may resolve review flags.")
    current = ReviewFlag.objects.select_for_update().get(pk=flag.pk)
    if current.status == FlagStatus.RESOLVED:
        raise ValidationError(
            {"status": f"This flag was already resolved on {current.resolved_at:%Y-%m-%d %H:%M}."}
        )
    if (
        current.reason == FlagReason.PROJECTION_DUE
        and current.statement_id is not None  # a projection since deleted needs no outcome
        and not ProjectionOutcome.objects.filter(statement=current.statement).exists()
    ):
        # The outcome is what the flag asks for; it goes into the actor's track record.
        raise ValidationError(
            {
                "outcome": "Record what became of the projection (borne out, not borne out or "
                "cannot tell) to resolve this flag."
            }
        )
    current.status = FlagStatus.RESOLVED
    current.resolved_at = clock.now()
    current.resolved_by = editor
    current.resolution_note = note.strip()
    current.save(update_fields=["status", "resolved_at", "resolved_by", "resolution_note"])
    record_event(
        EventKind.FLAG_RESOLVED,
        claim=current.claim,
        source=current.source,
        payload=flag_resolved_payload(
            flag=current.public_id, claim=current.claim.public_id, editor=editor.get_username()
        ),
    )
    return current


def flag_stale_claims(*, now: datetime | None = None) -> int:
    """Open a `stale` flag on every claim with statements still unverified after the stale period.

    Measured from when the claim entered ClaimTrack. Never opens a second stale flag while one is
    open. Returns how many flags were opened.
    """
    now = now or clock.now()
    cutoff = now - timedelta(days=settings.CLAIMTRACK_STALE_DAYS)
    open_stale = ReviewFlag.objects.filter(
        claim=OuterRef("pk"), reason=FlagReason.STALE, status=FlagStatus.OPEN
    )
    candidates = (
        Claim.objects.filter(verdict=Verdict.UNVERIFIED, recorded_at__lte=cutoff)
        .filter(Exists(Statement.objects.filter(claim=OuterRef("pk"))))
        .exclude(Exists(open_stale))
    )
    opened = 0
    for claim in candidates.iterator():
        _, created = open_flag(
            claim,
            reason=FlagReason.STALE,
            detail=f"Unverified for more than {settings.CLAIMTRACK_STALE_DAYS} days.",
            opened_at=now,
        )
        opened += created
    return opened


def topic_for_title(title: str) -> Topic:
    """The topic of that title (case-insensitive), created with a free slug when new."""
    title = title.strip()
    if not title:
        raise ValidationError({"topic": "Choose a topic or give the title of a new one."})
    existing = Topic.objects.filter(title__iexact=title).first()
    if existing:
        return existing
    base = slugify(title)[:90] or "topic"
    slug, n = base, 1
    while Topic.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    topic = Topic(slug=slug, title=title)
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def claim_create(
    *,
    topic: Topic,
    text: str,
    original_text: str = "",
    original_language: str = "",
    claimant: Actor | None = None,
    first_asserted_on: date | None = None,
    quantity: Quantity | None = None,
) -> Claim:
    """A new claim, unverified at version 1; every constraint is checked with field messages."""
    if quantity is not None:
        quantity = replace(quantity, unit=quantity.unit.strip())
    claim = Claim(
        topic=topic,
        text=text.strip(),
        original_text=original_text.strip()[:1000],
        original_language=original_language,
        claimant=claimant,
        first_asserted_on=first_asserted_on,
    )
    claim.quantity = quantity
    claim.full_clean()
    claim.save()
    return claim


@transaction.atomic
def claim_update(claim: Claim, *, editor: User | None = None, fields: Iterable[str] = ()) -> Claim:
    """Save a claim edited and validated by the admin's form (wording, claimant, dates,
    quantity), logged as claim.changed. The verdict and version change only through
    change_verdict."""
    # The corroboration counts are kept by refresh_corroboration: a form read before a new
    # statement landed must not write its old counts back.
    claim.save(
        update_fields=[
            f.name
            for f in Claim._meta.concrete_fields
            if not f.primary_key and f.name not in CORROBORATION_FIELDS
        ]
    )
    refresh_cached_verdict(claim)
    record_event(
        EventKind.CLAIM_CHANGED,
        claim=claim,
        payload=claim_payload(
            claim=claim.public_id,
            editor=editor.get_username() if editor else "",
            fields=sorted(fields),
        ),
    )
    return claim


@transaction.atomic
def claim_delete(claim: Claim, *, editor: User | None = None) -> None:
    """Delete a claim with its statements, relations and flags (the admin's delete). A claim
    with a verdict history cannot be deleted: its VerdictChange rows protect it.

    Logged as claim.deleted without a link to the claim: the claim's events go with it, this
    one stays so that mirrors drop the claim too.
    """
    refresh_cached_verdict(claim)
    public_id = claim.public_id
    claim.delete()
    record_event(
        EventKind.CLAIM_DELETED,
        payload=claim_payload(
            claim=public_id, editor=editor.get_username() if editor else "", fields=[]
        ),
    )


# --- Corroboration -----------------------------------------------------------------------------


def refresh_corroboration(claim_ids: Iterable[int]) -> int:
    """Bring the claims' kept corroboration counts (independent supporting origins, supporting
    reports) up to date after their statements or the citations behind them changed; returns
    how many changed. The counts change no version and no ETag of their own: the claim detail
    carries a digest of its body, which holds them."""
    ids = set(claim_ids)
    if not ids:
        return 0
    counts = corroboration_counts(ids)
    kept = Claim.objects.filter(pk__in=ids).values_list(
        "pk", "independent_origins", "supporting_reports"
    )
    changed = 0
    for pk, origins, reports in kept:
        if counts[pk] != (origins, reports):
            Claim.objects.filter(pk=pk).update(
                independent_origins=counts[pk][0], supporting_reports=counts[pk][1]
            )
            changed += 1
    return changed


def claims_recorded_in(source_ids: Iterable[int]) -> set[int]:
    """The claims with a statement recorded in one of these sources."""
    return set(
        Statement.objects.filter(source_id__in=set(source_ids))
        .values_list("claim_id", flat=True)
        .distinct()
    )


def flag_circular_citations(
    cycles: list[tuple[int, ...]], cycle_sources: dict[int, frozenset[int]]
) -> int:
    """Open a `circular_citation` flag, naming the ring, on each claim with a statement recorded
    in a source whose chain passes through it; returns the number of flags opened."""
    titles = dict(
        Source.objects.filter(pk__in={pk for cycle in cycles for pk in cycle}).values_list(
            "pk", "title"
        )
    )
    opened = 0
    for index, cycle in enumerate(cycles):
        sources = {pk for pk, rings in cycle_sources.items() if index in rings}
        chain = " → ".join(titles.get(pk, "?") for pk in cycle)
        first = Source.objects.get(pk=cycle[0])
        for claim in Claim.objects.filter(pk__in=claims_recorded_in(sources)):
            _, created = open_flag(
                claim,
                reason=FlagReason.CIRCULAR_CITATION,
                source=first,
                detail=f"Circular reporting: {chain}",
            )
            opened += created
    return opened


# Figures: measures and projections (they use open_flag and resolve_flag above).
from . import estimates as estimates  # noqa: E402
from .flags import raise_flag as raise_flag  # noqa: E402
