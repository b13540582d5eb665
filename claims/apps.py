from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the receivers)
        from .roles import ensure_roles

        # After the auth app's own post_migrate handler has created the permissions.
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="claims.ensure_roles")
