"""Shop staff approve, refuse and receive returns and exchanges (catalog.returns)."""

from django.db import migrations

from portal.roles import sync_roles


def update_roles(apps, schema_editor):
    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_feedback_roles"),
        ("returns", "0001_initial"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
