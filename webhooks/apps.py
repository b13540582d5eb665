from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed webhook deliveries of the changes log to API clients."""

    name = "webhooks"
    verbose_name = _("Webhooks")
