"""Writes about figures: a topic's measures, and what became of projections once due.

A statement's own estimate is written with the statement (claims.services.record_statement and
statement_update); this module keeps the measures its figures are grouped in, brings a
projection back to the editors when its moment has passed, and records their outcome.
"""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import translation

from common import clock, roles

from ..errors import NotAllowed
from ..estimates import EstimateKind, ProjectionOutcomeKind
from ..events import projection_decided_payload, record_event
from ..models import (
    EventKind,
    FlagReason,
    FlagStatus,
    Measure,
    ProjectionOutcome,
    ReviewFlag,
    Statement,
    Topic,
)
from . import open_flag, resolve_flag


@transaction.atomic
def measure_create(
    *, topic: Topic, name: str, unit: str, editor: User | None, description: str = ""
) -> Measure:
    """A new measure of the topic. `editor` is None only for system imports (the demo)."""
    if editor is not None and not roles.can_record(editor):
        raise NotAllowed("Only editors and admins may add measures.")
    measure = Measure(topic=topic, name=name.strip(), unit=unit, description=description.strip())
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def measure_update(measure: Measure, *, editor: User) -> Measure:
    """Save a measure edited (and validated) by a form. Its unit stays while figures count it:
    a measure never mixes units."""
    if not roles.can_record(editor):
        raise NotAllowed("Only editors and admins may change measures.")
    Measure.objects.select_for_update().get(pk=measure.pk)  # no figure joins meanwhile
    measure.name = measure.name.strip()
    measure.description = measure.description.strip()
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def measure_delete(measure: Measure, *, editor: User) -> None:
    """Remove a measure no figure belongs to."""
    if not roles.can_record(editor):
        raise NotAllowed("Only editors and admins may remove measures.")
    if measure.estimates.exists():
        raise ValidationError(
            {"measure": "Figures belong to this measure; move them to another one first."}
        )
    measure.delete()


def projection_due_detail(statement: Statement) -> str:
    """The question a due projection puts to the editors, in the newsroom's language of record:
    "National Intelligence Service projected about 10,000 soldiers by December 2024: what
    happened?"."""
    estimate = statement.estimate
    assert estimate is not None
    with translation.override("en"):
        return f"{statement.actor.name} projected {estimate}: what happened?"


def due_projections(today: date) -> QuerySet[Statement]:
    """Projections whose moment has passed that have no outcome and have never been flagged."""
    flagged = ReviewFlag.objects.filter(statement=OuterRef("pk"), reason=FlagReason.PROJECTION_DUE)
    return (
        Statement.objects.filter(
            estimate_kind=EstimateKind.PROJECTION, estimate_refers_to__lt=today
        )
        .exclude(Exists(flagged))
        .exclude(Exists(ProjectionOutcome.objects.filter(statement=OuterRef("pk"))))
        .select_related("actor", "claim", "source")
    )


def flag_due_projections(*, today: date | None = None) -> int:
    """Open one `projection_due` flag for each projection whose moment has passed. A
    projection is flagged once, ever: recording its outcome resolves the flag. Returns how
    many flags were opened."""
    today = today or clock.now().date()
    opened = 0
    for statement in due_projections(today).iterator():
        try:
            with transaction.atomic():
                _, created = open_flag(
                    statement.claim,
                    reason=FlagReason.PROJECTION_DUE,
                    source=statement.source,
                    statement=statement,
                    detail=projection_due_detail(statement),
                )
        except IntegrityError:
            created = False  # another sweep flagged it first
        opened += created
    return opened


@transaction.atomic
def record_projection_outcome(
    statement: Statement, *, outcome: str, rationale: str, editor: User
) -> ProjectionOutcome:
    """Record what became of a projection once its moment passed, and resolve its review flag.

    Once only: an outcome is part of the actor's track record, like a verdict in the history.
    """
    if not roles.can_resolve_flags(editor):
        raise NotAllowed("Only editors and admins may record what became of a projection.")
    current = (
        Statement.objects.select_for_update().select_related("actor", "claim").get(pk=statement.pk)
    )
    estimate = current.estimate
    if estimate is None or not estimate.is_projection:
        raise ValidationError({"statement": "This statement carries no projection."})
    assert estimate.refers_to is not None
    if estimate.refers_to >= clock.now().date():
        raise ValidationError(
            {
                "outcome": f"This projection refers to {estimate.moment()}; its outcome can be "
                f"recorded once that has passed."
            }
        )
    if ProjectionOutcome.objects.filter(statement=current).exists():
        raise ValidationError({"outcome": "The outcome of this projection is already recorded."})
    if outcome not in ProjectionOutcomeKind.values:
        raise ValidationError(
            {"outcome": f"Choose one of: {', '.join(ProjectionOutcomeKind.values)}."}
        )
    decided = ProjectionOutcome(
        statement=current,
        outcome=outcome,
        rationale=rationale.strip(),
        decided_by=editor,
        decided_at=clock.now(),
    )
    decided.full_clean(exclude=["statement"])
    decided.save()
    record_event(
        EventKind.PROJECTION_DECIDED,
        claim=current.claim,
        payload=projection_decided_payload(
            statement=current.public_id,
            claim=current.claim.public_id,
            actor=current.actor.public_id,
            outcome=outcome,
            editor=editor.get_username(),
        ),
    )
    for flag in ReviewFlag.objects.filter(
        statement=current, reason=FlagReason.PROJECTION_DUE, status=FlagStatus.OPEN
    ):
        resolve_flag(flag, editor=editor, note=decided.rationale)
    return decided
