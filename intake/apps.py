from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """Article intake: suggested statements from news text, reviewed by editors."""

    name = "intake"
    verbose_name = _("Article intake")
