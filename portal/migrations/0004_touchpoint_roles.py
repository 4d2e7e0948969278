"""The touchpoint dashboard (issue #12) for team leads, supervisors and managers."""

from django.db import migrations

from portal.roles import sync_roles


def update_roles(apps, schema_editor):
    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_returns_roles"),
        ("aftersales", "0010_touchpoint_days"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
