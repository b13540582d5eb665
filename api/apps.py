from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """REST API plumbing shared by the apps, and the API tokens of client systems."""

    name = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from . import (
            receivers,  # noqa: F401  (connects the receivers)
            schema,  # noqa: F401  (registers the schema extensions)
        )
