"""The staff roles as Django groups with their permissions (portal.roles is the definition).

Permissions of models created earlier in the same `migrate` do not exist yet when this
runs on a new database (Django writes them after the last migration), so sync_roles
creates the ones it needs first. Running it again changes nothing.
"""

from django.db import migrations

from portal.roles import sync_roles


def create_roles(apps, schema_editor):
    # Not the latest roles migration any more: rights on models added later (the feedback
    # loop's, issue #12) are given by the roles migration that follows them.
    sync_roles(apps=apps, using=schema_editor.connection.alias, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("aftersales", "0006_service_desk"),
        ("axes", "0010_accessattemptexpiration"),
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
        ("cms", "0005_alter_labelbatch_file"),
        ("membership", "0007_points_holds"),
        ("offer", "0013_range_excluded_categories"),
        ("order", "0021_billingaddress_code_shippingaddress_code"),
        ("partner", "0007_partneraddress_code"),
        ("reviews", "0005_productreview_code"),
        ("voucher", "0010_auto_20210224_0712"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
