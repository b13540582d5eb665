"""API tokens, moved here from the claims app (claims/0004) with their table and rows."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
import django.utils.timezone
import uuid


def take_over_content_types(apps, schema_editor):
    """Keep the content types (and so the permissions granted on them and the admin log) of the
    models this app takes over from the claims app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="claims", model__in=('apitoken',)).update(app_label='api')


def give_back_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label='api', model__in=('apitoken',)).update(app_label="claims")


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
                    name='ApiToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('name', models.CharField(help_text='The client system, e.g. partner-site.', max_length=100, unique=True, verbose_name='name')),
                        ('scope', models.CharField(choices=[('read', 'Read'), ('write', 'Read and write')], default='read', max_length=5, verbose_name='scope')),
                        ('prefix', models.CharField(editable=False, max_length=12, unique=True, verbose_name='prefix')),
                        ('key_hash', models.CharField(editable=False, max_length=64, unique=True, verbose_name='key hash')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='expires at')),
                        ('last_used_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last used at')),
                        ('revoked_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='revoked at')),
                        ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.ForeignKey(help_text='Role checks use this user: writes need an editor.', on_delete=django.db.models.deletion.PROTECT, related_name='api_tokens', to=settings.AUTH_USER_MODEL, verbose_name='acts as')),
                    ],
                    options={
                        'verbose_name': 'API token',
                        'ordering': ['name'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('scope__in', ['read', 'write'])), name='claims_apitoken_scope_valid', violation_error_message='scope must be one of: read, write.'), models.CheckConstraint(condition=models.Q(('key_hash__regex', '^[0-9a-f]{64}$')), name='claims_apitoken_key_hash_sha256', violation_error_message='The key hash must be a SHA-256 hex digest.')],
                    },
                ),
                migrations.AlterModelTable(name='apitoken', table='claims_apitoken'),
            ],
        ),
    ]
