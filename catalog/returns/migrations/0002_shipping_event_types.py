"""The shipping event types staff post from the order dashboard: "Delivered" starts the
return windows (day 0), so it must exist on every database."""

from django.db import migrations

TYPES = (("shipped", "Shipped"), ("delivered", "Delivered"))


def add_types(apps, schema_editor):
    ShippingEventType = apps.get_model("order", "ShippingEventType")
    for code, name in TYPES:
        ShippingEventType.objects.using(schema_editor.connection.alias).get_or_create(
            code=code, defaults={"name": name}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("returns", "0001_initial"),
        ("order", "0021_billingaddress_code_shippingaddress_code"),
    ]

    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
