from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Claims")

    def ready(self) -> None:
        from common.roles import ensure_roles

        from . import receivers  # noqa: F401  (connects the receivers)

        # Roles span every app's permissions, which the auth app creates in each app's own
        # post_migrate: ensure_roles waits for the last of them.
        post_migrate.connect(ensure_roles, dispatch_uid="claims.ensure_roles")
