"""API tokens: one per client system (a partner site, a newsroom tool), never per person.

A token's secret is shown once, when it is created, and stored only as a SHA-256 hash. A short
random prefix, part of the token itself, is kept in clear so a request's token is found with one
indexed lookup and so admins can tell tokens apart without seeing a secret. A token acts on
behalf of its owner: the owner's role decides what the token may change, the token's scope
whether it may change anything at all.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.constraints import choices_check
from common.models import PublicIdModel

TOKEN_MARK = "ct"


class TokenScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class ApiToken(PublicIdModel):
    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_("The client system, e.g. partner-site.")
    )
    scope = models.CharField(
        _("scope"), max_length=5, choices=TokenScope.choices, default=TokenScope.READ
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("acts as"),
        help_text=_("Role checks use this user: writes need an editor."),
    )
    prefix = models.CharField(_("prefix"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        ordering = ["name"]
        constraints = [
            choices_check("scope", TokenScope),
            models.CheckConstraint(
                condition=Q(key_hash__regex=r"^[0-9a-f]{64}$"),
                name="%(app_label)s_%(class)s_key_hash_sha256",
                violation_error_message=_("The key hash must be a SHA-256 hex digest."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.scope})"

    @property
    def display_key(self) -> str:
        return f"{TOKEN_MARK}_{self.prefix}_…"

    def is_active_at(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE
