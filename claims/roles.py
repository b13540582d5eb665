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


# Models editors may add and change (claims/migrations/0002_roles.py holds the first version).
EDITOR_RECORDS = {
    "actors": ("actor", "alias", "affiliation"),
    "sources": ("source", "citation"),
    "claims": ("topic", "claim", "statement", "claimrelation", "reviewflag"),
}
EDITOR_EXTRA = (("claims", "decide_verdict"), ("claims", "resolve_reviewflag"))
ROLE_APPS = ("actors", "sources", "claims")


def ensure_roles(**kwargs: object) -> None:
    """Create the three role groups, or bring their permissions up to date.

    Connected to post_migrate, so models added later (and a database flushed and re-populated
    by tests or `manage.py flush`) get their permissions into the roles too.
    """
    from django.contrib.auth.models import Group, Permission

    ours = Permission.objects.filter(content_type__app_label__in=ROLE_APPS)
    # API tokens are admin business: their hashes and owners are not for the newsroom at large.
    views = list(ours.filter(codename__startswith="view_").exclude(codename="view_apitoken"))
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
        ADMIN: list(Permission.objects.filter(content_type__app_label__in=(*ROLE_APPS, "auth"))),
    }
    for name, permissions in wanted.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
