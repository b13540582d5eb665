"""Who makes statements: people, governments, agencies, media, and the names they go by."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.constraints import choices_check
from common.history import tracked
from common.models import PublicIdModel, RecordedModel


class ActorKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")
    GOVERNMENT_BODY = "government_body", _("Government body")
    STATE = "state", _("State")
    INTELLIGENCE_SERVICE = "intelligence_service", _("Intelligence service")
    MEDIA_OUTLET = "media_outlet", _("Media outlet")
    NEWS_AGENCY = "news_agency", _("News agency")


class Actor(PublicIdModel, RecordedModel):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=ActorKind.choices)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. KR.")
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    wikidata_qid = models.CharField(_("Wikidata QID"), max_length=20, blank=True)

    history = tracked()

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            choices_check("kind", ActorKind),
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=r"^[A-Z]{2}$"),
                name="actors_actor_country_iso",
                violation_error_message=_("Country must be a two-letter ISO 3166 code, e.g. KR."),
            ),
            models.CheckConstraint(
                condition=Q(wikidata_qid="") | Q(wikidata_qid__regex=r"^Q[1-9][0-9]*$"),
                name="actors_actor_wikidata_qid",
                violation_error_message=_("A Wikidata QID looks like Q42."),
            ),
            models.UniqueConstraint(
                fields=["name", "kind", "country"], name="actors_actor_unique_name"
            ),
        ]
        indexes = [models.Index(fields=["kind", "country"])]

    def __str__(self) -> str:
        return self.name


class Alias(RecordedModel):
    """Another spelling or language of an actor's name, used for search and for name matching."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "name"], name="actors_alias_unique_name"),
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class Affiliation(RecordedModel):
    """An actor's role in an organisation over a period (Robert Wood, deputy US ambassador)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("role"), max_length=200)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["actor", "-start_date"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="actors_affiliation_dates_ordered",
                violation_error_message=_("An affiliation cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(actor=F("organisation")),
                name="actors_affiliation_not_self",
                violation_error_message=_("An actor cannot be affiliated with itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor}: {self.role}, {self.organisation}"
