"""The VAT invoice queue's rights (issue #15) given to shop staff."""

from django.db import migrations

from portal.roles import sync_roles


def update_roles(apps, schema_editor):
    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_touchpoint_roles"),
        ("invoices", "0001_initial"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
