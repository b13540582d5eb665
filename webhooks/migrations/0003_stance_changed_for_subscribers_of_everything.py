"""Subscriptions made with every kind of event their owner could read (the default) get the new
`stance.changed` too: they asked for everything, and the list they were given is what was
everything then."""

from django.db import migrations

# The kinds every user could read before stance.changed existed (claims.selectors.lists).
EVERY_PUBLIC_KIND_BEFORE = {
    "verdict.changed",
    "statement.recorded",
    "source.health_changed",
    "statement.changed",
    "statement.deleted",
    "claim.changed",
    "claim.deleted",
}


def add_stance_changed(apps, schema_editor):
    subscriptions = apps.get_model("webhooks", "WebhookSubscription").objects.all()
    for subscription in subscriptions.iterator():
        kinds = list(subscription.event_types or [])
        if EVERY_PUBLIC_KIND_BEFORE <= set(kinds) and "stance.changed" not in kinds:
            subscription.event_types = [*kinds, "stance.changed"]
            subscription.save(update_fields=["event_types"])


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0002_app_names"),
        ("claims", "0012_stance_changes"),
    ]

    operations = [migrations.RunPython(add_stance_changed, migrations.RunPython.noop)]
