"""The feedback loop's rights (issue #12) given to the roles: the desk answers the director's
mailbox; supervisors and managers follow up unhappy ratings; managers run campaigns."""

from django.db import migrations

from portal.roles import sync_roles


def update_roles(apps, schema_editor):
    # Not the latest roles migration any more: rights on models added later (returns,
    # the touchpoint dashboard) are given by the roles migrations that follow them.
    sync_roles(apps=apps, using=schema_editor.connection.alias, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_staff_roles"),
        ("aftersales", "0008_feedback_loop"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
