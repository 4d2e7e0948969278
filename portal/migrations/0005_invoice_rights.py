"""The VAT invoice queue's rights (issue #15) given to shop staff."""

from django.db import migrations

from portal.roles import sync_roles


def update_roles(apps, schema_editor):
    # Not the latest roles migration any more: the synonym table's rights are given by the
    # one that follows.
    sync_roles(apps=apps, using=schema_editor.connection.alias, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_touchpoint_roles"),
        ("invoices", "0001_initial"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
