"""Files the addresses saved before the division picker under their district, where the text
names exactly one district with its province or city; the others keep an empty code and are
asked for their district the next time they are edited."""

from django.db import migrations

from groundwork import divisions

FIELDS = ("state", "line4", "line3", "line2", "line1")


def fill(apps, schema_editor):
    UserAddress = apps.get_model("address", "UserAddress")
    for address in UserAddress.objects.filter(district_code="").iterator():
        place = divisions.find_in_text(" ".join(getattr(address, name) or "" for name in FIELDS))
        if place is not None:
            UserAddress.objects.filter(pk=address.pk).update(district_code=place.district.code)


class Migration(migrations.Migration):
    dependencies = [("address", "0008_useraddress_district_code")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
