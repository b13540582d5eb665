"""Issue, list and revoke API tokens for client systems.

manage.py api_token create partner-site --scope read [--expires 2025-12-31] [--user NAME]
manage.py api_token list [--all]
manage.py api_token revoke partner-site
"""

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from api.tokens import (
    TOKEN_CACHE_SECONDS,
    ApiToken,
    TokenScope,
    forget_cached_tokens,
    issue_token,
    revoke_token,
)
from common import roles
from common.cache import cache_answers


def parse_expiry(value: str) -> datetime:
    """A date (the token works through that day, in the server's time zone) or a date-time."""
    when = parse_datetime(value)
    if when is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(
                f"--expires takes a date (2025-12-31) or a date-time, not {value!r}."
            )
        when = datetime.combine(day, time.max)
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


class Command(BaseCommand):
    help = "Issue, list and revoke API tokens (one per client system; shown once when issued)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)

        create = actions.add_parser("create", help="Issue a token and print it, once.")
        create.add_argument("name", help="The client system, e.g. partner-site.")
        create.add_argument("--scope", choices=TokenScope.values, required=True)
        create.add_argument("--expires", help="Last valid day (2025-12-31) or a date-time.")
        create.add_argument(
            "--user",
            help=(
                "The user the token acts as (its role decides what it may change). Without "
                "it, an account api-<name> with the analyst role is made: reads only."
            ),
        )
        create.add_argument("--dry-run", action="store_true", help="Check, write nothing.")

        listing = actions.add_parser("list", help="List tokens (never their secrets).")
        listing.add_argument("--all", action="store_true", help="Include revoked and expired.")

        revoke = actions.add_parser("revoke", help="Revoke a token by name or prefix.")
        revoke.add_argument("name", help="The token's name or its prefix.")
        revoke.add_argument("--dry-run", action="store_true", help="Check, write nothing.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"handle_{action}")(**options)

    def handle_create(
        self,
        *,
        name: str,
        scope: str,
        expires: str | None,
        user: str | None,
        dry_run: bool,
        **_: Any,
    ) -> None:
        expires_at = parse_expiry(expires) if expires else None
        with transaction.atomic():
            owner = self._owner(user, name)
            if scope == TokenScope.WRITE and not roles.can_record(owner):
                self.stderr.write(
                    self.style.WARNING(
                        f"{owner} is not an editor: writes with this token will get 403."
                    )
                )
            try:
                issued = issue_token(name=name, scope=scope, user=owner, expires_at=expires_at)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write(f"Would issue a {scope} token {name!r} acting as {owner}.")
                return
        self.stdout.write(self.style.SUCCESS(f"Issued {scope} token {name!r} acting as {owner}."))
        self.stdout.write("Copy it now, it is stored only as a hash and never shown again:")
        self.stdout.write(issued.key)

    def _owner(self, username: str | None, name: str) -> User:
        accounts = get_user_model()
        if username:
            try:
                return accounts.objects.get(username=username)
            except accounts.DoesNotExist as exc:
                raise CommandError(f"No user {username!r}.") from exc
        # A client system gets an account of its own, so its actions are told apart.
        account, created = accounts.objects.get_or_create(username=f"api-{slugify(name)}"[:150])
        if created:
            account.set_unusable_password()
            account.save()
            account.groups.add(Group.objects.get(name=roles.ANALYST))
        return account

    def handle_list(self, *, all: bool, **_: Any) -> None:
        now = timezone.now()
        tokens = ApiToken.objects.select_related("user").order_by("name")
        shown = 0
        for token in tokens:
            state = (
                "active"
                if token.is_active_at(now)
                else ("revoked" if token.revoked_at else "expired")
            )
            if state != "active" and not all:
                continue
            shown += 1
            last = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            expires = f"{token.expires_at:%Y-%m-%d}" if token.expires_at else "-"
            self.stdout.write(
                f"{token.name}\t{token.display_key}\t{token.scope}\t{token.user}\t"
                f"{state}\texpires {expires}\tlast used {last}"
            )
        self.stdout.write(self.style.SUCCESS(f"{shown} token(s)."))

    def handle_revoke(self, *, name: str, dry_run: bool, **_: Any) -> None:
        token = (
            ApiToken.objects.filter(name=name).first()
            or ApiToken.objects.filter(prefix=name.removeprefix("ct_").rstrip("_…")).first()
        )
        if token is None:
            raise CommandError(f"No token named {name!r} or with that prefix.")
        if token.revoked_at:
            self.stdout.write(f"{token.name} was already revoked on {token.revoked_at:%Y-%m-%d}.")
            if not dry_run:
                # Again: a revoke while Redis was down could not drop a copy cached before.
                forget_cached_tokens([token])
                self._require_forgotten(token)
            return
        if dry_run:
            self.stdout.write(f"Would revoke {token.name} ({token.display_key}).")
            return
        revoke_token(token)
        self.stdout.write(self.style.SUCCESS(f"Revoked {token.name} ({token.display_key})."))
        self._require_forgotten(token)

    def _require_forgotten(self, token: ApiToken) -> None:
        """A clear error when the token could not be dropped from the shared cache. The
        revocation is written all the same; a cached copy lives TOKEN_CACHE_SECONDS at most."""
        if cache_answers():
            return
        until = timezone.localtime() + timedelta(seconds=TOKEN_CACHE_SECONDS)
        raise CommandError(
            f"Redis did not answer, so {token.name} could not be dropped from the shared cache. "
            "The database refuses it, but web processes that cached it before may accept it "
            f"until {until:%H:%M:%S %Z} at the latest. To end that sooner, run "
            f"`api_token revoke {token.name}` again once Redis answers."
        )
