"""The touchpoint dashboard (issue #12) for team leads, supervisors and managers."""

from django.db import migrations

from portal.roles import sync_roles


def update_roles(apps, schema_editor):
    # Not the latest roles migration any more: the invoice queue's rights (issue #15) are
    # given by the one that follows its model.
    sync_roles(apps=apps, using=schema_editor.connection.alias, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_returns_roles"),
        ("aftersales", "0010_touchpoint_days"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
