"""Claims, the positions actors take on them, and the newsroom's verdicts."""

from typing import Any, NoReturn

import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length, Lower, Trim
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from common import clock
from common.constraints import choices_check, optional_choices_check
from common.history import tracked
from common.models import ChangedAtField, PublicIdModel, RecordedModel
from sources.models import Source

from .estimates import (
    ESTIMATE_INCOMPLETE,
    NO_ESTIMATE_FIELDS,
    Estimate,
    EstimateKind,
    EstimateQualifier,
    ProjectionOutcomeKind,
)
from .precision import DatePrecision
from .quantities import NO_QUANTITY_FIELDS, QUANTITY_INCOMPLETE, Quantity, QuantityQualifier
from .units import Unit


class Verdict(models.TextChoices):
    UNVERIFIED = "unverified", _("Unverified")
    DISPUTED = "disputed", _("Disputed")
    PARTLY_CONFIRMED = "partly_confirmed", _("Partly confirmed")
    CONFIRMED = "confirmed", _("Confirmed")
    DENIED = "denied", _("Denied")
    RETRACTED = "retracted", _("Retracted")


class Stance(models.TextChoices):
    ASSERTS = "asserts", _("Asserts")
    SUPPORTS = "supports", _("Supports")
    COMMENTS = "comments", _("Comments")
    CANNOT_CONFIRM = "cannot_confirm", _("Cannot confirm")
    DISPUTES = "disputes", _("Disputes")
    DENIES = "denies", _("Denies")
    RETRACTS = "retracts", _("Retracts")


class Credibility(models.IntegerChoices):
    """Credibility of the information on the Admiralty (NATO) scale."""

    CONFIRMED = 1, _("1 – confirmed by other sources")
    PROBABLY_TRUE = 2, _("2 – probably true")
    POSSIBLY_TRUE = 3, _("3 – possibly true")
    DOUBTFUL = 4, _("4 – doubtful")
    IMPROBABLE = 5, _("5 – improbable")
    CANNOT_BE_JUDGED = 6, _("6 – truth cannot be judged")


class RelationKind(models.TextChoices):
    REFINES = "refines", _("refines")
    SUPERSEDES = "supersedes", _("supersedes")
    CONTRADICTS = "contradicts", _("contradicts")
    DUPLICATES = "duplicates", _("duplicates")


class FlagReason(models.TextChoices):
    SOURCE_CHANGED = "source_changed", _("Source changed")
    SOURCE_GONE = "source_gone", _("Source gone")
    QUOTE_MISSING = "quote_missing", _("Quote missing")
    STALE = "stale", _("Stale")
    NEW_CONTRADICTION = "new_contradiction", _("New contradiction")
    STANCE_CHANGED = "stance_changed", _("Stance changed")
    CIRCULAR_CITATION = "circular_citation", _("Circular citation")
    PROJECTION_DUE = "projection_due", _("Projection due")
    RAISED_BY_EDITOR = "raised_by_editor", _("Raised by an editor")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class Topic(PublicIdModel, RecordedModel):
    """A story thread ("DPRK troops in Russia")."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    flag_stance_changes = models.BooleanField(
        _("flag stance changes"),
        default=False,
        help_text=_(
            "Open a review flag when an actor changes its position on one of the topic's "
            "claims (denies → cannot confirm → asserts)."
        ),
    )

    history = tracked()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Measure(PublicIdModel, RecordedModel):
    """What a topic's figures count ("DPRK troops in Russia", in soldiers), so that a chart
    compares like with like: every estimate of a measure has the measure's unit."""

    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="measures", verbose_name=_("topic")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, choices=Unit.choices)
    description = models.TextField(_("description"), blank=True)
    updated_at = ChangedAtField(_("updated at"))

    class Meta:
        ordering = ["topic", "name"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            choices_check("unit", Unit),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("name")), 0),
                name="claims_measure_name_not_blank",
                violation_error_message=_("A measure needs a name."),
            ),
            models.UniqueConstraint(
                Lower("name"),
                "topic",
                name="claims_measure_unique_name_per_topic",
                violation_error_message=_("The topic already has a measure of that name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_unit_display()})"

    def clean(self) -> None:
        """A measure never mixes units: its unit stays while figures count another."""
        super().clean()
        if self.pk is None:
            return
        counting_other = self.estimates.exclude(estimate_unit=self.unit).count()
        if counting_other:
            raise ValidationError(
                {
                    "unit": _(
                        "%(count)s figures of this measure count another unit; move them to "
                        "another measure before changing the unit."
                    )
                    % {"count": counting_other}
                }
            )


class Claim(PublicIdModel, RecordedModel):
    """One checkable proposition, stated neutrally."""

    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="claims", verbose_name=_("topic")
    )
    text = models.CharField(_("claim"), max_length=500)
    original_text = models.CharField(_("original wording"), max_length=1000, blank=True)
    original_language = models.CharField(_("original language"), max_length=8, blank=True)
    claimant = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_made",
        verbose_name=_("claimant"),
    )
    first_asserted_on = models.DateField(_("first asserted"), null=True, blank=True)
    first_asserted_precision = models.CharField(
        _("precision of the first-asserted date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    quantity_value = models.DecimalField(
        _("quantity"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    quantity_max = models.DecimalField(
        _("quantity upper bound"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    quantity_unit = models.CharField(_("unit"), max_length=50, blank=True)
    quantity_qualifier = models.CharField(
        _("qualifier"), max_length=16, choices=QuantityQualifier.choices, blank=True
    )
    # Read and written as one Quantity through Claim.quantity.
    quantity_is_projection = models.BooleanField(_("projection"), default=False)
    verdict = models.CharField(
        _("verdict"), max_length=20, choices=Verdict.choices, default=Verdict.UNVERIFIED
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Bumped on every verdict change.")
    )
    updated_at = ChangedAtField(_("updated at"))
    # Kept up to date on write by claims.services.refresh_corroboration (see
    # claims/selectors/corroboration.py), for the claims list's filter and the topic matrix.
    independent_origins = models.PositiveIntegerField(
        _("independent origins"),
        default=0,
        editable=False,
        help_text=_("Independent origins of the statements that support the claim."),
    )
    supporting_reports = models.PositiveIntegerField(
        _("supporting reports"),
        default=0,
        editable=False,
        help_text=_("Sources recording a statement that supports the claim."),
    )

    # The counts are derived from statements and citations, whose history is kept.
    history = tracked(
        excluded_fields=["independent_origins", "supporting_reports"],
        # The past overview walks the claims known then from the latest asserted backwards.
        indexes=[
            models.Index(
                fields=["first_asserted_on", "id", "history_id"], name="claims_hclaim_latest"
            )
        ],
    )

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["first_asserted_on", "id"]
        permissions = [("decide_verdict", "Can change the verdict of a claim")]
        constraints = [
            choices_check("verdict", Verdict),
            choices_check("first_asserted_precision", DatePrecision),
            models.CheckConstraint(
                condition=Q(quantity_qualifier="")
                | Q(quantity_qualifier__in=QuantityQualifier.values),
                name="claims_claim_quantity_qualifier_valid",
                violation_error_message=_("Unknown quantity qualifier."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(quantity_value__isnull=True, quantity_max__isnull=True, quantity_unit="")
                    & Q(quantity_qualifier="", quantity_is_projection=False)
                )
                | (
                    Q(quantity_value__isnull=False)
                    & ~Q(quantity_unit="")
                    & ~Q(quantity_qualifier="")
                ),
                name="claims_claim_quantity_complete",
                violation_error_message=QUANTITY_INCOMPLETE,
            ),
            models.CheckConstraint(
                condition=Q(quantity_max__isnull=True) | Q(quantity_max__gte=F("quantity_value")),
                name="claims_claim_quantity_bounds_ordered",
                violation_error_message=_("The upper bound must not be below the value."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="claims_claim_version_positive",
                violation_error_message=_("Version starts at 1."),
            ),
        ]
        indexes = [
            models.Index(fields=["topic", "verdict"]),
            models.Index(fields=["verdict", "first_asserted_on"]),
            models.Index(fields=["first_asserted_on"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["independent_origins", "first_asserted_on"]),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def quantity(self) -> Quantity | None:
        if self.quantity_value is None:
            return None
        return Quantity(
            value=self.quantity_value,
            upper_bound=self.quantity_max,
            unit=self.quantity_unit,
            qualifier=self.quantity_qualifier,
            is_projection=self.quantity_is_projection,
        )

    @quantity.setter
    def quantity(self, quantity: Quantity | None) -> None:
        fields = NO_QUANTITY_FIELDS if quantity is None else quantity.as_fields()
        for name, value in fields.items():
            setattr(self, name, value)


class Statement(PublicIdModel, RecordedModel):
    """An actor's position on a claim, as recorded in a source."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="statements", verbose_name=_("claim")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="statements", verbose_name=_("actor")
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="statements", verbose_name=_("source")
    )
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices)
    quote = models.TextField(_("quote"), blank=True, help_text=_("In the source's language."))
    quote_language = models.CharField(_("quote language"), max_length=8, blank=True)
    translation = models.TextField(_("translation"), blank=True)
    said_at = models.DateTimeField(_("said at"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    credibility = models.PositiveSmallIntegerField(
        _("credibility"), choices=Credibility.choices, default=Credibility.CANNOT_BE_JUDGED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # The figure the actor gives, if any; read and written as one Estimate (claims/estimates.py)
    # through Statement.estimate.
    estimate_measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="estimates",
        verbose_name=_("measure"),
    )
    estimate_value = models.DecimalField(
        _("figure"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    estimate_low = models.DecimalField(
        _("low"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    estimate_high = models.DecimalField(
        _("high"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    estimate_unit = models.CharField(
        _("unit"), max_length=50, choices=Unit.choices, blank=True, default=""
    )
    estimate_qualifier = models.CharField(
        _("qualifier"), max_length=16, choices=EstimateQualifier.choices, blank=True, default=""
    )
    estimate_kind = models.CharField(
        _("observed or projected"),
        max_length=12,
        choices=EstimateKind.choices,
        blank=True,
        default="",
    )
    estimate_refers_to = models.DateField(
        _("refers to"),
        null=True,
        blank=True,
        help_text=_("The moment the figure describes, apart from when it was said."),
    )
    estimate_refers_to_precision = models.CharField(
        _("precision of the moment"),
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
        default="",
    )

    history = tracked()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["said_at", "id"]
        constraints = [
            choices_check("stance", Stance),
            models.CheckConstraint(
                condition=Q(credibility__gte=1, credibility__lte=6),
                name="claims_statement_credibility_valid",
                violation_error_message=_("Credibility is graded 1 to 6."),
            ),
            optional_choices_check("estimate_unit", Unit, _("Unknown unit.")),
            optional_choices_check(
                "estimate_qualifier", EstimateQualifier, _("Unknown qualifier.")
            ),
            optional_choices_check(
                "estimate_kind", EstimateKind, _("An estimate is an observation or a projection.")
            ),
            optional_choices_check(
                "estimate_refers_to_precision",
                DatePrecision,
                _("Unknown precision."),
                name="claims_statement_estimate_precision_valid",
            ),
            models.CheckConstraint(
                condition=(
                    Q(estimate_value__isnull=True, estimate_low__isnull=True)
                    & Q(estimate_high__isnull=True, estimate_unit="", estimate_qualifier="")
                    & Q(estimate_kind="", estimate_refers_to__isnull=True)
                    & Q(estimate_refers_to_precision="", estimate_measure__isnull=True)
                )
                | (
                    ~Q(estimate_unit="")
                    & ~Q(estimate_qualifier="")
                    & ~Q(estimate_kind="")
                    & (
                        Q(estimate_value__isnull=False)
                        | Q(estimate_low__isnull=False)
                        | Q(estimate_high__isnull=False)
                    )
                ),
                name="claims_statement_estimate_complete",
                violation_error_message=ESTIMATE_INCOMPLETE,
            ),
            models.CheckConstraint(
                condition=(
                    Q(estimate_low__isnull=True)
                    | Q(estimate_high__isnull=True)
                    | Q(estimate_low__lte=F("estimate_high"))
                )
                & (
                    Q(estimate_low__isnull=True)
                    | Q(estimate_value__isnull=True)
                    | Q(estimate_low__lte=F("estimate_value"))
                )
                & (
                    Q(estimate_high__isnull=True)
                    | Q(estimate_value__isnull=True)
                    | Q(estimate_value__lte=F("estimate_high"))
                ),
                name="claims_statement_estimate_bounds_ordered",
                violation_error_message=_(
                    "The bounds must be in order: low, then the figure, then high."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(estimate_kind=EstimateKind.PROJECTION)
                | Q(estimate_refers_to__isnull=False),
                name="claims_statement_projection_has_moment",
                violation_error_message=_(
                    'A projection needs the moment it refers to ("by December").'
                ),
            ),
            models.CheckConstraint(
                condition=Q(estimate_refers_to__isnull=True, estimate_refers_to_precision="")
                | Q(estimate_refers_to__isnull=False, estimate_refers_to_precision__gt=""),
                name="claims_statement_estimate_moment_complete",
                violation_error_message=_("The moment a figure refers to needs its precision."),
            ),
        ]
        indexes = [
            models.Index(fields=["claim", "said_at"]),
            models.Index(fields=["actor", "said_at"]),
            models.Index(fields=["said_at"]),
            models.Index(fields=["recorded_at"]),
            # The due-projection sweep reads only projections.
            models.Index(
                fields=["estimate_refers_to"],
                condition=Q(estimate_kind=EstimateKind.PROJECTION),
                name="claims_statement_projections",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_stance_display().lower()}: {self.claim}"

    @property
    def estimate(self) -> Estimate | None:
        if not self.estimate_unit:
            return None
        return Estimate(
            unit=self.estimate_unit,
            qualifier=self.estimate_qualifier,
            value=self.estimate_value,
            low=self.estimate_low,
            high=self.estimate_high,
            kind=self.estimate_kind,
            refers_to=self.estimate_refers_to,
            refers_to_precision=self.estimate_refers_to_precision or DatePrecision.DAY,
            measure_id=self.estimate_measure_id,
        )

    @estimate.setter
    def estimate(self, estimate: Estimate | None) -> None:
        fields = NO_ESTIMATE_FIELDS if estimate is None else estimate.as_fields()
        for name, value in fields.items():
            setattr(self, name, value)

    def clean(self) -> None:
        """A figure belongs to a measure of the claim's topic and counts what it counts: a
        measure never mixes units."""
        super().clean()
        measure = self.estimate_measure
        if measure is None or not self.estimate_unit:
            return
        errors: dict[str, str] = {}
        if self.claim_id is not None and measure.topic_id != self.claim.topic_id:
            errors["estimate_measure"] = str(
                _("“%(measure)s” is a measure of another topic.") % {"measure": measure.name}
            )
        if measure.unit != self.estimate_unit:
            errors["estimate_unit"] = str(
                _("“%(measure)s” counts %(unit)s; this figure counts %(other)s.")
                % {
                    "measure": measure.name,
                    "unit": measure.get_unit_display(),
                    "other": Unit(self.estimate_unit).label
                    if self.estimate_unit in Unit.values
                    else self.estimate_unit,
                }
            )
        if errors:
            raise ValidationError(errors)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows are never updated.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows are never deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows are never updated.")


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a row of an append-only history."""


@pgtrigger.register(
    pgtrigger.Protect(
        name="verdictchange_append_only", operation=pgtrigger.Update | pgtrigger.Delete
    )
)
class VerdictChange(PublicIdModel, RecordedModel):
    """One verdict decision. Append-only: PostgreSQL refuses UPDATE and DELETE of these rows."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="verdict_changes")
    from_verdict = models.CharField(_("from"), max_length=20, choices=Verdict.choices)
    to_verdict = models.CharField(_("to"), max_length=20, choices=Verdict.choices)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdict_changes"
    )
    rationale = models.TextField(_("rationale"))
    # For the newsroom only: shown to editors beside the decision, never in ClaimReview or to
    # API readers.
    note = models.TextField(
        _("editors' note"),
        blank=True,
        default="",
        help_text=_("Internal: shown to editors only, never published."),
    )
    evidence = models.ManyToManyField(
        Source, blank=True, related_name="evidence_for", verbose_name=_("evidence")
    )
    version = models.PositiveIntegerField(
        _("claim version"), help_text=_("The claim's version after this change.")
    )
    decided_at = models.DateTimeField(_("decided at"), default=clock.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("verdict change")
        verbose_name_plural = _("verdict changes")
        ordering = ["claim", "version"]
        get_latest_by = "version"
        constraints = [
            choices_check("from_verdict", Verdict),
            choices_check("to_verdict", Verdict),
            models.CheckConstraint(
                condition=~Q(from_verdict=F("to_verdict")),
                name="claims_verdictchange_changes_something",
                violation_error_message=_("A verdict change must change the verdict."),
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("rationale")), 0),
                name="claims_verdictchange_rationale_not_blank",
                violation_error_message=_("A verdict change needs a rationale."),
            ),
            # Two editors deciding from the same version can never both be written.
            models.UniqueConstraint(
                fields=["claim", "version"], name="claims_verdictchange_one_per_version"
            ),
        ]
        indexes = [models.Index(fields=["decided_at"]), models.Index(fields=["recorded_at"])]

    def __str__(self) -> str:
        return f"{self.claim}: {self.from_verdict} → {self.to_verdict}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Verdict changes are never updated; record a new change.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Verdict changes are never deleted.")


class ClaimRelation(RecordedModel):
    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_out")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("kind"), max_length=16, choices=RelationKind.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = tracked()

    class Meta:
        verbose_name = _("claim relation")
        verbose_name_plural = _("claim relations")
        constraints = [
            choices_check("kind", RelationKind),
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "kind"], name="claims_claimrelation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")),
                name="claims_claimrelation_not_self",
                violation_error_message=_("A claim cannot be related to itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_claim} {self.kind} {self.to_claim}"


class ReviewFlag(PublicIdModel, RecordedModel):
    """Why a claim needs an editor; open until an editor resolves it."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="review_flags")
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    detail = models.TextField(_("detail"), blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="review_flags"
    )
    statement = models.ForeignKey(
        Statement, on_delete=models.SET_NULL, null=True, blank=True, related_name="review_flags"
    )
    opened_at = models.DateTimeField(_("opened at"), default=clock.now)
    # Set when an editor raised the flag by hand (FlagReason.RAISED_BY_EDITOR); the workflow's
    # own flags have no one behind them.
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="raised_flags",
        verbose_name=_("raised by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolved_flags",
    )
    resolution_note = models.TextField(_("resolution note"), blank=True)

    class Meta:
        verbose_name = _("review flag")
        verbose_name_plural = _("review flags")
        ordering = ["opened_at", "id"]
        permissions = [("resolve_reviewflag", "Can resolve review flags")]
        constraints = [
            choices_check("reason", FlagReason),
            choices_check("status", FlagStatus),
            models.CheckConstraint(
                condition=Q(status=FlagStatus.OPEN, resolved_at__isnull=True)
                | Q(status=FlagStatus.RESOLVED, resolved_at__isnull=False),
                name="claims_reviewflag_resolution_consistent",
                violation_error_message=_(
                    "A resolved flag has a resolution time; an open one not."
                ),
            ),
            # One open flag per claim, reason and source: re-checks and the stale job run often.
            # Editors may raise as many as they have concerns.
            models.UniqueConstraint(
                fields=["claim", "reason"],
                condition=Q(status=FlagStatus.OPEN, source__isnull=True)
                & ~Q(reason__in=[FlagReason.PROJECTION_DUE, FlagReason.RAISED_BY_EDITOR]),
                name="claims_reviewflag_one_open_per_reason",
            ),
            # A projection comes back once: its flag is resolved by recording the outcome.
            models.UniqueConstraint(
                fields=["statement"],
                condition=Q(reason=FlagReason.PROJECTION_DUE),
                name="claims_reviewflag_one_per_projection",
            ),
            models.UniqueConstraint(
                fields=["claim", "reason", "source"],
                condition=Q(status=FlagStatus.OPEN, source__isnull=False)
                & ~Q(reason__in=[FlagReason.PROJECTION_DUE, FlagReason.RAISED_BY_EDITOR]),
                name="claims_reviewflag_one_open_per_source",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "opened_at"]),
            # The review queue's Resolved tab: last resolved first.
            models.Index(fields=["status", "-resolved_at"], name="claims_flag_resolved_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.claim}"


class ProjectionOutcome(PublicIdModel, RecordedModel):
    """What became of a projection once its moment passed, decided by an editor: one per
    projection, and together they make each actor's track record."""

    statement = models.OneToOneField(
        Statement,
        on_delete=models.CASCADE,
        related_name="projection_outcome",
        verbose_name=_("projection"),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=ProjectionOutcomeKind.choices)
    rationale = models.TextField(_("rationale"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="projection_outcomes",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=clock.now)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("projection outcome")
        verbose_name_plural = _("projection outcomes")
        constraints = [
            choices_check("outcome", ProjectionOutcomeKind),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("rationale")), 0),
                name="claims_projectionoutcome_rationale_not_blank",
                violation_error_message=_("An outcome needs a rationale."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.statement}"


class EventKind(models.TextChoices):
    VERDICT_CHANGED = "verdict.changed", _("Verdict changed")
    STATEMENT_RECORDED = "statement.recorded", _("Statement recorded")
    FLAG_OPENED = "flag.opened", _("Review flag opened")
    SOURCE_HEALTH_CHANGED = "source.health_changed", _("Source health changed")
    STATEMENT_CHANGED = "statement.changed", _("Statement changed")
    STATEMENT_DELETED = "statement.deleted", _("Statement deleted")
    FLAG_RESOLVED = "flag.resolved", _("Review flag resolved")
    CLAIM_CHANGED = "claim.changed", _("Claim changed")
    CLAIM_DELETED = "claim.deleted", _("Claim deleted")
    STANCE_CHANGED = "stance.changed", _("Stance changed")
    PROJECTION_DECIDED = "projection.decided", _("Projection outcome recorded")


class ChangeEvent(models.Model):
    """One entry of the changes log: what API clients follow and webhooks deliver.

    Written by the services in the same transaction as the change it reports, so a rolled-back
    change leaves no event and a committed one always has one. Ids grow in commit order (see
    claims.events.record_event), so a client that remembers the last id it saw misses nothing.
    """

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    payload = models.JSONField(_("payload"), default=dict)
    occurred_at = models.DateTimeField(_("occurred at"), default=clock.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("change event")
        verbose_name_plural = _("change events")
        ordering = ["id"]
        constraints = [choices_check("kind", EventKind)]
        indexes = [models.Index(fields=["kind", "id"])]

    def __str__(self) -> str:
        return f"#{self.id} {self.kind}"
