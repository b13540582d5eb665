# The scheduler's hold on a due source is a lease; "claim" means something else in a claim
# tracker. RenameField keeps every row's value.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0002_recheck_claims"),
    ]

    operations = [
        migrations.RenameField(
            model_name="source",
            old_name="check_claimed_until",
            new_name="check_leased_until",
        ),
        migrations.AlterField(
            model_name="source",
            name="check_leased_until",
            field=models.DateTimeField(
                blank=True,
                help_text=(
                    "A re-check of the current due time is queued; schedulers leave the source "
                    "alone until then (or until that check is recorded)."
                ),
                null=True,
                verbose_name="check leased until",
            ),
        ),
    ]
