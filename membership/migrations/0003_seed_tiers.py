"""The four tiers with starting values; staff tune them in the admin afterwards."""

from decimal import Decimal

from django.db import migrations

TIERS = [
    # rank, code, name, name_en, threshold, multiplier, discount %, birthday points, cleaning
    (0, "member", "普通会员", "Member", 0, Decimal("1.00"), 0, 50, False),
    (1, "silver", "银卡会员", "Silver", 2000, Decimal("1.20"), 5, 200, False),
    (2, "gold", "金卡会员", "Gold", 8000, Decimal("1.50"), 8, 500, False),
    (3, "diamond", "钻石会员", "Diamond", 20000, Decimal("2.00"), 12, 1000, True),
]


def seed_tiers(apps, schema_editor):
    Tier = apps.get_model("membership", "Tier")
    for rank, code, name, name_en, threshold, multiplier, discount, birthday, cleaning in TIERS:
        Tier.objects.update_or_create(
            code=code,
            defaults={
                "rank": rank,
                "name": name,
                "name_en": name_en,
                "threshold": threshold,
                "multiplier": multiplier,
                "service_discount_percent": discount,
                "birthday_points": birthday,
                "free_cleaning_per_year": cleaning,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("membership", "0002_points_ledger")]

    operations = [migrations.RunPython(seed_tiers, migrations.RunPython.noop)]
