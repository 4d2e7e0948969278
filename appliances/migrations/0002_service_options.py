"""The basket-line options the shop relies on: which unit a plan covers, when and where a visit is.

They are rows, not code, because Oscar carries basket-line options through to order lines
as line attributes; the add-to-basket form (catalog/basket/forms.py) fills them.
"""

from django.db import migrations

OPTIONS = [
    ("unit", "Unit covered / 保障设备"),
    ("visit", "Visit / 上门服务"),
]


def create_options(apps, schema_editor):
    Option = apps.get_model("catalogue", "Option")
    for code, name in OPTIONS:
        Option.objects.get_or_create(code=code, defaults={"name": name, "type": "text"})


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
    ]

    operations = [migrations.RunPython(create_options, migrations.RunPython.noop)]
