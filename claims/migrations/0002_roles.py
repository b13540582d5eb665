"""The three roles: analysts read, editors record and decide, admins do everything."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ("actors", "sources", "claims")

# Models editors may add and change. Verdicts change only through claims.services.change_verdict,
# which checks the decide_verdict permission; verdict changes themselves are never edited.
EDITOR_RECORDS = {
    "actors": ("actor", "alias", "affiliation"),
    "sources": ("source", "citation"),
    "claims": ("topic", "claim", "statement", "claimrelation", "reviewflag"),
}
EDITOR_EXTRA = (("claims", "decide_verdict"), ("claims", "resolve_reviewflag"))


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    in_our_apps = Permission.objects.filter(content_type__app_label__in=APPS)

    analyst, _ = Group.objects.get_or_create(name="analyst")
    analyst.permissions.set(in_our_apps.filter(codename__startswith="view_"))

    editor, _ = Group.objects.get_or_create(name="editor")
    editor_codenames = [
        (app, f"{action}_{model}")
        for app, models in EDITOR_RECORDS.items()
        for model in models
        for action in ("add", "change")
    ] + list(EDITOR_EXTRA)
    editor_permissions = list(in_our_apps.filter(codename__startswith="view_"))
    for app, codename in editor_codenames:
        editor_permissions.append(
            in_our_apps.get(content_type__app_label=app, codename=codename)
        )
    editor.permissions.set(editor_permissions)

    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.set(
        Permission.objects.filter(content_type__app_label__in=(*APPS, "auth"))
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=("analyst", "editor", "admin")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("actors", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
