"""Issuing, revoking and checking API tokens (the model and its rules: api/models.py).

API tokens: one per client system (a partner site, a newsroom tool), never per person.

A token's secret is shown once, when it is created, and stored only as a SHA-256 hash. A short
random prefix, part of the token itself, is kept in clear so a request's token is found with one
indexed lookup and so admins can tell tokens apart without seeing a secret. A token acts on
behalf of its owner: the owner's role decides what the token may change, the token's scope
whether it may change anything at all.
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Model
from django.utils import timezone

from . import token_memory
from .models import TOKEN_MARK, ApiToken, TokenScope

# Writing last_used_at on every request would turn each read into a write; a minute or two is
# precise enough to tell a live client from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)
# A polling client sends its token several times a second; looking it up in PostgreSQL each time
# costs more than answering a 304. Tokens are kept in the shared cache this long, and dropped
# from it as soon as a change to them or their user commits (forget_cached_tokens).
TOKEN_CACHE_SECONDS = 60

M = TypeVar("M", bound=Model)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # the only time the secret exists in clear


@transaction.atomic
def issue_token(
    *,
    name: str,
    scope: str,
    user: User,
    expires_at: datetime | None = None,
    created_by: User | None = None,
) -> IssuedToken:
    """Create a token and return it with its secret, which is not stored and never shown again."""
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = "Name the client system this token is for."
    elif ApiToken.objects.filter(name=name).exists():
        errors["name"] = f"A token named '{name}' exists already."
    if scope not in TokenScope.values:
        errors["scope"] = f"Scope is one of: {', '.join(TokenScope.values)}."
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = "The expiry must be in the future."
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    key = f"{TOKEN_MARK}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name,
        scope=scope,
        user=user,
        prefix=prefix,
        key_hash=hash_key(key),
        expires_at=expires_at,
        created_by=created_by,
    )
    return IssuedToken(token=token, key=key)


@transaction.atomic
def revoke_token(token: ApiToken) -> ApiToken:
    """Revoke a token for good; a revoked token is kept so the audit trail keeps its name."""
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
        forget_cached_tokens([current])
    return current


@transaction.atomic
def edit_token(token: ApiToken, *, name: str, expires_at: datetime | None) -> ApiToken:
    """Rename a token or change its expiry (a past one ends it now); scope and owner are fixed
    once issued."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Name the client system this token is for."})
    if ApiToken.objects.filter(name=name).exclude(pk=token.pk).exists():
        raise ValidationError({"name": f"A token named '{name}' exists already."})
    token.name, token.expires_at = name, expires_at
    token.save(update_fields=["name", "expires_at"])
    forget_cached_tokens([token])
    return token


def token_cache_key(key_hash: str) -> str:
    return f"claims:apitoken:{key_hash}"


def forget_cached_tokens(tokens: Iterable[ApiToken]) -> None:
    """Drop these tokens from the cache once the change commits, so that in every web process
    the next request reads them afresh: a revoked token, or one whose user was deactivated,
    stops working at once. On commit, not now: a request between now and the commit would read
    the old row and cache it again. One that read it before the commit and stores it after
    this delete keeps it for TOKEN_CACHE_SECONDS at most.
    """
    keys = [token_cache_key(token.key_hash) for token in tokens]
    if keys:

        def forget() -> None:
            cache.delete_many(keys)
            token_memory.forget(keys)

        transaction.on_commit(forget)


# What the cache keeps of a token and its user: plain values, never the pickled model, so that
# the cache holds no password hash, e-mail or name of anyone. The user fields are the ones
# authentication and the role checks read without a query (is_superuser for has_perm).
CACHED_TOKEN_FIELDS = (
    "id",
    "public_id",
    "name",
    "scope",
    "prefix",
    "key_hash",
    "expires_at",
    "last_used_at",
    "revoked_at",
    "user_id",
)
CACHED_USER_FIELDS = ("id", "username", "is_active", "is_staff", "is_superuser")


def _cached_values(token: ApiToken) -> dict[str, Any]:
    return {
        "token": {field: getattr(token, field) for field in CACHED_TOKEN_FIELDS},
        "user": {field: getattr(token.user, field) for field in CACHED_USER_FIELDS},
    }


def _token_from_values(values: dict[str, Any]) -> ApiToken:
    """The token and its user as loaded with only() these fields: any other field (the user's
    password, groups) is read from the database on first use, and save() writes only the loaded
    fields, so a save through this user cannot blank the others."""
    db = router.db_for_read(ApiToken)
    token = _partly_loaded(ApiToken, db, values["token"])
    token.user = _partly_loaded(User, db, values["user"])
    return token


def _partly_loaded(model: type[M], db: str, fields: dict[str, Any]) -> M:
    # from_db takes the values in the model's field order, as a query would return them.
    names = [field.attname for field in model._meta.concrete_fields if field.attname in fields]
    return model.from_db(db, names, [fields[name] for name in names])


def authenticate_key(key: str, *, now: datetime | None = None) -> ApiToken | None:
    """The active token for `key`, or None; touches last_used_at at most once a minute.

    The token comes with its user, both holding only the cached fields (see _token_from_values).
    """
    mark, _, rest = key.partition("_")
    prefix, _, secret = rest.partition("_")
    if mark != TOKEN_MARK or not prefix or not secret:
        return None
    key_hash = hash_key(key)
    now = now or timezone.now()

    def load() -> dict[str, Any] | None:
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        # Compare in constant time so response timing tells nothing about the hash.
        if token is None or not hmac.compare_digest(token.key_hash, key_hash):
            return None
        # Only here, on a cache miss (at least once per TOKEN_CACHE_SECONDS for a busy
        # client), so last_used_at is right to within two minutes.
        if token.is_active_at(now) and (
            token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION
        ):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return _cached_values(token)

    # An unknown key is cached too (as None): a client retrying a wrong key costs no query.
    key = token_cache_key(key_hash)
    values = token_memory.recall(key, lambda: cache.get_or_set(key, load, TOKEN_CACHE_SECONDS))
    if values is None:
        return None
    token = _token_from_values(values)
    return token if token.is_active_at(now) else None
