"""The tier discount applies once per basket (see 0005): one application already discounts
every service line, and Oscar's applicator, left unlimited, works the condition out a second
time on every basket render only to find every service taken."""

from django.db import migrations

OFFER = "member-tier-service-discount"


def apply_once(apps, schema_editor):
    ConditionalOffer = apps.get_model("offer", "ConditionalOffer")
    ConditionalOffer.objects.filter(slug=OFFER, max_basket_applications=None).update(
        max_basket_applications=1
    )


def apply_unlimited(apps, schema_editor):
    ConditionalOffer = apps.get_model("offer", "ConditionalOffer")
    ConditionalOffer.objects.filter(slug=OFFER).update(max_basket_applications=None)


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0008_points_totals"),
    ]

    operations = [migrations.RunPython(apply_once, apply_unlimited)]
