"""Shop staff approve, refuse and receive returns and exchanges (catalog.returns)."""

from django.db import migrations

from portal.roles import sync_roles


def update_roles(apps, schema_editor):
    # Not the latest roles migration any more: the touchpoint dashboard's right (issue #12)
    # is given by portal/0004, which follows its model.
    sync_roles(apps=apps, using=schema_editor.connection.alias, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_feedback_roles"),
        ("returns", "0001_initial"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
