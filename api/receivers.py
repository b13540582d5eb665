"""API tokens stop working as soon as their user changes (connected in ApiConfig.ready)."""

from typing import Any

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ApiToken
from .tokens import forget_cached_tokens


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="api.forget_user_tokens")
def forget_user_tokens(sender: Any, *, instance: Any, update_fields: Any, **kwargs: Any) -> None:
    """A deactivated user's tokens stop working at once.

    The one cache invalidation outside a service: users are written by django.contrib.auth (its
    admin, createsuperuser, changepassword), which calls no service of ours. Claims and tokens
    are dropped from the cache by their services. Logins (last_login) change nothing.
    """
    if kwargs.get("created"):  # no token acts as a new user yet
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    forget_cached_tokens(ApiToken.objects.filter(user=instance).only("key_hash"))
