"""Who may do what. Roles are groups created by migration claims/0002_roles."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

ANALYST, EDITOR, ADMIN = "analyst", "editor", "admin"
DECIDING_GROUPS = (EDITOR, ADMIN)

UserLike = AbstractBaseUser | AnonymousUser


def _in_groups(user: UserLike, names: tuple[str, ...]) -> bool:
    return user.is_authenticated and user.groups.filter(name__in=names).exists()


def can_decide_verdicts(user: UserLike) -> bool:
    return user.is_active and (
        user.has_perm("claims.decide_verdict") or _in_groups(user, DECIDING_GROUPS)
    )


def can_record(user: UserLike) -> bool:
    return user.is_active and (
        user.has_perm("claims.add_statement") or _in_groups(user, DECIDING_GROUPS)
    )


def can_resolve_flags(user: UserLike) -> bool:
    return user.is_active and (
        user.has_perm("claims.resolve_reviewflag") or _in_groups(user, DECIDING_GROUPS)
    )
