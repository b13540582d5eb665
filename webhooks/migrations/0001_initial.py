"""Webhook subscriptions and deliveries, moved here from the claims app (claims/0007) with their
tables and rows."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
import django.utils.timezone
import uuid


def take_over_content_types(apps, schema_editor):
    """Keep the content types (and so the permissions granted on them and the admin log) of the
    models this app takes over from the claims app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="claims", model__in=('webhooksubscription', 'webhookdelivery')).update(app_label='webhooks')


def give_back_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label='webhooks', model__in=('webhooksubscription', 'webhookdelivery')).update(app_label="claims")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('claims', '0009_move_out_intake_webhooks_tokens'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(take_over_content_types, give_back_content_types),
        migrations.SeparateDatabaseAndState(
            # The tables exist already (claims 0004, 0006, 0007): this app takes them over as
            # they are, rows and all; 0002 gives them this app's names.
            state_operations=[
                migrations.CreateModel(
                    name='WebhookSubscription',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('target_url', models.URLField(max_length=2000, verbose_name='target URL')),
                        ('event_types', models.JSONField(default=list, help_text='Kinds of change events to deliver.', verbose_name='event types')),
                        ('verdict', models.CharField(blank=True, choices=[('unverified', 'Unverified'), ('disputed', 'Disputed'), ('partly_confirmed', 'Partly confirmed'), ('confirmed', 'Confirmed'), ('denied', 'Denied'), ('retracted', 'Retracted')], max_length=20, verbose_name='verdict')),
                        ('secret', models.CharField(editable=False, max_length=100, verbose_name='signing secret')),
                        ('status', models.CharField(choices=[('active', 'Active'), ('paused', 'Paused')], default='active', max_length=10, verbose_name='status')),
                        ('paused_reason', models.CharField(blank=True, max_length=500, verbose_name='paused because')),
                        ('paused_at', models.DateTimeField(blank=True, null=True, verbose_name='paused at')),
                        ('cursor', models.BigIntegerField(default=0, verbose_name='last delivered event id')),
                        ('consecutive_failures', models.PositiveIntegerField(default=0, verbose_name='consecutive failures')),
                        ('failing_since', models.DateTimeField(blank=True, null=True, verbose_name='failing since')),
                        ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='next attempt at')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('claim', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.claim')),
                        ('owner', models.ForeignKey(help_text='The user whose API clients manage this subscription.', on_delete=django.db.models.deletion.CASCADE, related_name='webhook_subscriptions', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                        ('topic', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.topic')),
                    ],
                    options={
                        'verbose_name': 'webhook subscription',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='WebhookDelivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('attempt', models.PositiveIntegerField(help_text='1 for the first try.', verbose_name='attempt')),
                        ('attempted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='attempted at')),
                        ('succeeded', models.BooleanField(default=False, verbose_name='succeeded')),
                        ('status_code', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='status code')),
                        ('latency_ms', models.PositiveIntegerField(blank=True, null=True, verbose_name='latency (ms)')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='retry at')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.changeevent')),
                        ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='webhooks.webhooksubscription')),
                    ],
                    options={
                        'verbose_name': 'webhook delivery',
                        'verbose_name_plural': 'webhook deliveries',
                        'ordering': ['-attempted_at', '-id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='webhooksubscription',
                    index=models.Index(fields=['status', 'next_attempt_at'], name='claims_webh_status_ccd252_idx'),
                ),
                migrations.AddConstraint(
                    model_name='webhooksubscription',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['active', 'paused'])), name='claims_webhooksubscription_status_valid', violation_error_message='status must be one of: active, paused.'),
                ),
                migrations.AddConstraint(
                    model_name='webhooksubscription',
                    constraint=models.CheckConstraint(condition=models.Q(('verdict', ''), ('verdict__in', ['unverified', 'disputed', 'partly_confirmed', 'confirmed', 'denied', 'retracted']), _connector='OR'), name='claims_webhooksubscription_verdict_valid', violation_error_message='Unknown verdict.'),
                ),
                migrations.AddConstraint(
                    model_name='webhooksubscription',
                    constraint=models.CheckConstraint(condition=models.Q(('cursor__gte', 0)), name='claims_webhooksubscription_cursor_not_negative', violation_error_message='The cursor is an event id or 0.'),
                ),
                migrations.AddIndex(
                    model_name='webhookdelivery',
                    index=models.Index(fields=['subscription', 'attempted_at'], name='claims_webh_subscri_9ec8d3_idx'),
                ),
                migrations.AlterModelTable(name='webhooksubscription', table='claims_webhooksubscription'),
                migrations.AlterModelTable(name='webhookdelivery', table='claims_webhookdelivery'),
            ],
        ),
    ]
