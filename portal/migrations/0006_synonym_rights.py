"""The search's synonym table (issue #15) editable by shop staff, not only superusers."""

from django.db import migrations

from portal.roles import sync_roles


def update_roles(apps, schema_editor):
    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_invoice_rights"),
        ("catalog", "0004_seed_synonyms"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
