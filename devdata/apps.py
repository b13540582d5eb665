from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevdataConfig(AppConfig):
    """Demo and synthetic data: `load_demo` and `seed_synthetic`. No models of its own."""

    name = "devdata"
    verbose_name = _("Development data")
