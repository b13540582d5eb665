"""API tokens stop working as soon as they or their user change (connected in ApiConfig.ready)."""

from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from common.cache import forget

from .tokens import ApiToken, token_cache_key


@receiver(post_save, sender=ApiToken, dispatch_uid="api.forget_changed_token")
@receiver(post_delete, sender=ApiToken, dispatch_uid="api.forget_deleted_token")
def forget_changed_token(sender: Any, *, instance: ApiToken, **kwargs: Any) -> None:
    """A revoked, edited or deleted token stops working at once, not when its cache entry ends."""
    if not kwargs.get("created"):  # a new token was never cached
        forget([token_cache_key(instance.key_hash)])


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="api.forget_user_tokens")
def forget_user_tokens(sender: Any, *, instance: Any, update_fields: Any, **kwargs: Any) -> None:
    """A deactivated user's tokens stop working at once. Logins (last_login) change nothing."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    tokens = ApiToken.objects.filter(user=instance).values_list("key_hash", flat=True)
    forget(token_cache_key(key_hash) for key_hash in tokens)
