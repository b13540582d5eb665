"""Subscriptions made with every kind of event their owner could read get the new
`projection.decided` too, as 0003 did for `stance.changed`."""

from django.db import migrations

EVERY_PUBLIC_KIND_BEFORE = {
    "verdict.changed",
    "statement.recorded",
    "source.health_changed",
    "statement.changed",
    "statement.deleted",
    "claim.changed",
    "claim.deleted",
    "stance.changed",
}


def add_projection_decided(apps, schema_editor):
    subscriptions = apps.get_model("webhooks", "WebhookSubscription").objects.all()
    for subscription in subscriptions.iterator():
        kinds = list(subscription.event_types or [])
        if EVERY_PUBLIC_KIND_BEFORE <= set(kinds) and "projection.decided" not in kinds:
            subscription.event_types = [*kinds, "projection.decided"]
            subscription.save(update_fields=["event_types"])


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0003_stance_changed_for_subscribers_of_everything"),
        ("claims", "0015_estimates"),
    ]

    operations = [migrations.RunPython(add_projection_decided, migrations.RunPython.noop)]
