"""Who may do what: the newsroom's roles (analyst, editor, admin) are groups, created by migration
claims/0002_roles and kept up to date by `ensure_roles` after every migrate."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

ANALYST, EDITOR, ADMIN = "analyst", "editor", "admin"
DECIDING_GROUPS = (EDITOR, ADMIN)

UserLike = User | AnonymousUser


def signed_in(user: UserLike) -> User:
    """The account behind a request that a login or permission check has already let through.

    Anonymous here means a view forgot its check: refuse rather than record a change by nobody.
    """
    if not user.is_authenticated:
        raise PermissionDenied("Sign in first.")
    return user


def _in_groups(user: UserLike, names: tuple[str, ...]) -> bool:
    return user.is_authenticated and user.groups.filter(name__in=names).exists()


def is_admin(user: UserLike) -> bool:
    """A superuser or a member of the admin role: sees every user's records in the admin."""
    return user.is_active and (user.is_superuser or _in_groups(user, (ADMIN,)))


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


# Models editors may add and change (claims/migrations/0002_roles.py holds the first version).
EDITOR_RECORDS = {
    "actors": ("actor", "alias", "affiliation"),
    "sources": ("source", "citation"),
    "claims": ("topic", "claim", "statement", "claimrelation", "reviewflag"),
}
EDITOR_EXTRA = (("claims", "decide_verdict"), ("claims", "resolve_reviewflag"))
# The newsroom's apps: analysts see all their records. API tokens (the api app) are admin business.
ROLE_APPS = ("actors", "sources", "claims", "intake", "webhooks")
ADMIN_APPS = (*ROLE_APPS, "api", "auth")


def ensure_roles(**kwargs: object) -> None:
    """Create the three role groups, or bring their permissions up to date.

    Connected to post_migrate, so models added later (and a database flushed and re-populated
    by tests or `manage.py flush`) get their permissions into the roles too. post_migrate is sent
    once per app, and each app's permissions are created in its own: the roles are synced on the
    last app's signal, when every permission exists.
    """
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if kwargs.get("app_config") is not with_models[-1]:
        return

    ours = Permission.objects.filter(content_type__app_label__in=ROLE_APPS)
    views = list(ours.filter(codename__startswith="view_"))
    editor_codenames = [
        (app, f"{action}_{model}")
        for app, models in EDITOR_RECORDS.items()
        for model in models
        for action in ("add", "change")
    ] + list(EDITOR_EXTRA)
    editor_permissions = views + [
        ours.get(content_type__app_label=app, codename=code) for app, code in editor_codenames
    ]
    wanted = {
        ANALYST: views,
        EDITOR: editor_permissions,
        ADMIN: list(Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)),
    }
    for name, permissions in wanted.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
