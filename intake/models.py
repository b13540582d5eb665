"""Suggestions produced from an article's text, waiting for an editor's decision.

Imported into claims.models, so the model belongs to the claims app and its migrations.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, ActorKind
from claims.estimates import Estimate, EstimateKind
from claims.models import QuantityQualifier, Stance, Statement
from claims.precision import DatePrecision
from claims.units import Unit
from common.constraints import choices_check, optional_choices_check
from common.models import PublicIdModel, RecordedModel
from sources.models import Citation, Source

from .nlp.confidence import is_uncertain


class SuggestionKind(models.TextChoices):
    QUOTE = "quote", _("Quote")
    STATEMENT = "statement", _("Statement")
    QUANTITY = "quantity", _("Quantity")
    ACTOR = "actor", _("Actor")
    CITATION = "citation", _("Citation")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class IntakeSuggestion(PublicIdModel, RecordedModel):
    """A quote, statement, quantity, actor or citation found in a source's text.

    `start`/`end` are character offsets into `source.text` as it was when the suggestion was
    made. Nothing is recorded from a suggestion until an editor accepts it; accepting a quote,
    statement or quantity records a Statement (kept in `statement`), accepting an actor links or
    creates the Actor (kept in `actor`), accepting a citation records that the source cites
    another (kept in `citation`; `name` is the cited party as written, `actor` the known actor it
    resolved to, `text` the phrase that says so).
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="intake_suggestions")
    kind = models.CharField(_("kind"), max_length=16, choices=SuggestionKind.choices)
    text = models.TextField(_("text"))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    speaker = models.CharField(
        _("speaker"), max_length=200, blank=True, help_text=_("The name as the text writes it.")
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        help_text=_("The known actor the speaker or name matched, or the one an editor chose."),
    )
    # How sure the analysis was of the speaker (intake/nlp/confidence.py); below its threshold
    # the speaker is not proposed. Null for rows stored before it was graded.
    speaker_confidence = models.FloatField(_("confidence in the speaker"), null=True, blank=True)
    stance_hint = models.CharField(
        _("stance hint"), max_length=16, choices=Stance.choices, blank=True
    )
    said_on = models.DateField(_("said on"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    value_max = models.DecimalField(
        _("upper bound"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    qualifier = models.CharField(
        _("qualifier"), max_length=16, choices=QuantityQualifier.choices, blank=True
    )
    # What a quantity would be as a statement's estimate (intake/nlp/figures.py): the unit from
    # the list, observed or projected (blank: the editor decides), the moment it refers to.
    estimate_unit = models.CharField(
        _("unit of the estimate"), max_length=50, choices=Unit.choices, blank=True
    )
    estimate_kind = models.CharField(
        _("observed or projected"), max_length=12, choices=EstimateKind.choices, blank=True
    )
    refers_to = models.DateField(
        _("refers to"),
        null=True,
        blank=True,
        help_text=_("The last day of the period the figure describes."),
    )
    refers_to_precision = models.CharField(
        _("precision of the moment"), max_length=5, choices=DatePrecision.choices, blank=True
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    is_known = models.BooleanField(_("known actor"), default=False)
    actor_kind = models.CharField(
        _("kind of actor"),
        max_length=32,
        choices=ActorKind.choices,
        blank=True,
        help_text=_("What the text says the cited party is (an agency, a ministry, …)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    statement = models.ForeignKey(
        Statement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("statement recorded"),
    )
    citation = models.ForeignKey(
        Citation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("citation recorded"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("intake suggestion")
        verbose_name_plural = _("intake suggestions")
        ordering = ["source", "start", "end", "id"]
        constraints = [
            choices_check("kind", SuggestionKind),
            choices_check("status", ReviewStatus),
            optional_choices_check("stance_hint", Stance, _("Unknown stance.")),
            optional_choices_check("actor_kind", ActorKind, _("Unknown kind of actor.")),
            optional_choices_check(
                "qualifier", QuantityQualifier, _("Unknown quantity qualifier.")
            ),
            optional_choices_check("estimate_unit", Unit, _("Unknown unit.")),
            optional_choices_check(
                "estimate_kind", EstimateKind, _("An estimate is an observation or a projection.")
            ),
            models.CheckConstraint(
                condition=Q(refers_to__isnull=True, refers_to_precision="")
                | Q(refers_to__isnull=False, refers_to_precision__in=DatePrecision.values),
                name="%(app_label)s_%(class)s_moment_complete",
                violation_error_message=_("The moment a figure refers to needs its precision."),
            ),
            models.CheckConstraint(
                condition=~Q(estimate_kind=EstimateKind.PROJECTION) | Q(refers_to__isnull=False),
                name="%(app_label)s_%(class)s_projection_has_moment",
                violation_error_message=_(
                    'A projection needs the moment it refers to ("by December").'
                ),
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="%(app_label)s_%(class)s_span_not_empty",
                violation_error_message=_("A suggestion covers at least one character."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.PENDING, reviewed_at__isnull=True)
                | (~Q(status=ReviewStatus.PENDING) & Q(reviewed_at__isnull=False)),
                name="%(app_label)s_%(class)s_review_consistent",
                violation_error_message=_(
                    "A reviewed suggestion has a review time; a pending one not."
                ),
            ),
        ]
        indexes = [models.Index(fields=["source", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_pending(self) -> bool:
        return self.status == ReviewStatus.PENDING

    @property
    def estimate(self) -> Estimate | None:
        """A quantity as the estimate it proposes, for the pages ("about 10,000 soldiers by
        December 2024"); None without a unit from the list. Its kind may still be the editor's
        to decide, and accepting is where the figure is checked."""
        if self.kind != SuggestionKind.QUANTITY or not self.estimate_unit or self.value is None:
            return None
        ranged = self.value_max is not None
        return Estimate(
            unit=self.estimate_unit,
            qualifier=self.qualifier if self.qualifier != "projected" else "",
            value=None if ranged else self.value,
            low=self.value if ranged else None,
            high=self.value_max,
            kind=self.estimate_kind,
            refers_to=self.refers_to,
            refers_to_precision=self.refers_to_precision or DatePrecision.DAY,
        )

    @property
    def speaker_unchecked(self) -> bool:
        """A quote or statement whose speaker the analysis is not sure of: the editor checks
        it instead of being handed it (intake/nlp/confidence.py)."""
        return (
            self.kind in (SuggestionKind.QUOTE, SuggestionKind.STATEMENT)
            and self.speaker_confidence is not None
            and is_uncertain(self.speaker_confidence)
        )

    @property
    def records_statement(self) -> bool:
        """Accepting it records a Statement (quotes, statements and quantities do)."""
        return self.kind not in (SuggestionKind.ACTOR, SuggestionKind.CITATION)
