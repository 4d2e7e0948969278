"""The one site offer that gives each tier its discount on services (see models/offers.py).

Staff change the percentages on the tiers. "After-sales services" is a rule-based range
(catalog.ranges.ServicesRange): every product whose class ships nothing.
"""

from django.db import migrations

RANGE = "After-sales services / 售后服务"
OFFER = "Member tier discount on services / 会员等级服务折扣"


def create_offer(apps, schema_editor):
    Range = apps.get_model("offer", "Range")
    Condition = apps.get_model("offer", "Condition")
    Benefit = apps.get_model("offer", "Benefit")
    ConditionalOffer = apps.get_model("offer", "ConditionalOffer")
    services, _created = Range.objects.get_or_create(
        name=RANGE,
        defaults={
            "slug": "after-sales-services",
            "is_public": False,
            "proxy_class": "catalog.ranges.ServicesRange",
        },
    )
    if ConditionalOffer.objects.filter(name=OFFER).exists():
        return
    condition = Condition.objects.create(
        range=services, value=1, proxy_class="membership.models.offers.TierServiceCondition"
    )
    benefit = Benefit.objects.create(
        range=services, value=0, proxy_class="membership.models.offers.TierServiceDiscount"
    )
    ConditionalOffer.objects.create(
        name=OFFER,
        slug="member-tier-service-discount",
        description="Silver, Gold and Diamond members pay less for warranties and cleaning.",
        offer_type="Site",
        exclusive=False,
        status="Open",
        condition=condition,
        benefit=benefit,
        priority=10,
        # One application discounts every service in the basket; without a limit Oscar
        # tries a second, which works the condition out again only to find nothing left.
        max_basket_applications=1,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0004_tier_service_offer"),
    ]

    operations = [migrations.RunPython(create_offer, migrations.RunPython.noop)]
