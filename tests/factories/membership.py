"""Members, points history and rewards for tests.

Entries are written through membership.points like everywhere else; only their dates are
moved afterwards (`backdate`), since the ledger stamps each entry with the time it is written,
and the member's running totals are then refilled from the entries.
Tiers are the ones the migration seeds; rewards and their products are made here, so no test
reads the demo catalogue.
"""

import datetime
import importlib
import uuid
from decimal import Decimal

from django.apps import apps
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from membership import points
from membership.models import LedgerEntry, MemberProfile, PointsAccount, Reward, Tier
from membership.points import refill_totals
from membership.services import ensure_profile

Range = get_model("offer", "Range")


def ensure_tiers() -> None:
    """The seeded tiers, put back if a transactional test emptied the tables."""
    if not Tier.objects.exists():
        seed = importlib.import_module("membership.migrations.0003_seed_tiers")
        seed.seed_tiers(apps, None)


def make_member(*, language: str = "en", **user_fields) -> MemberProfile:
    """A customer with a profile and an open points account in the entry tier."""
    member = ensure_profile(user=UserFactory(**user_fields), language=language)
    points.open_account(member=member, today=timezone.localdate())
    return member


def give(
    member: MemberProfile,
    amount: int,
    key: str | None = None,
    *,
    reason: str = "test",
    expires_on: datetime.date | None = None,
) -> LedgerEntry | None:
    """Points awarded to `member` under source key `key` (a fresh one unless told)."""
    return points.award(
        member=member,
        points=amount,
        source_key=key or f"test:{uuid.uuid4()}",
        reason=reason,
        expires_on=expires_on,
    )


def balance(member: MemberProfile) -> int:
    return PointsAccount.objects.get(member=member).balance


def set_tier(member: MemberProfile, code: str, **account_fields) -> None:
    """Put `member` in the tier `code` at once, as if they had reached it earlier."""
    PointsAccount.objects.filter(member=member).update(
        tier=Tier.objects.get(code=code), **account_fields
    )


def backdate(entry: LedgerEntry, *, days: int) -> None:
    LedgerEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    refill_totals(member_ids=[entry.member_id])


# Rewards -------------------------------------------------------------------------------


def make_reward(*, slug: str | None = None, **fields) -> Reward:
    """A reward of any kind; give it the product (gift) or range (cleaning, coupon) it needs."""
    n = uuid.uuid4().hex[:8]
    values = {
        "slug": slug or f"reward-{n}",
        "title": f"礼品 {n}",
        "title_en": f"Reward {n}",
        "points_cost": 1_500,
        "stock_policy": Reward.StockPolicy.UNLIMITED,
    }
    values.update(fields)
    if values.get("stock_policy") == Reward.StockPolicy.TOTAL:
        values.setdefault("stock_left", values.get("stock"))
    return Reward.objects.create(**values)


def make_gift(product, *, points_cost: int = 1_500, monthly_stock: int = 50, **fields) -> Reward:
    """One unit of `product` free, so many a month (the demo's filter gift has these terms)."""
    return make_reward(
        kind=Reward.Kind.GIFT,
        product=product,
        points_cost=points_cost,
        stock_policy=Reward.StockPolicy.MONTHLY,
        stock=monthly_stock,
        **fields,
    )


def make_cleaning_voucher(products, *, points_cost: int = 8_000, stock: int = 200, **fields):
    """A free visit among `products`, so many in all."""
    visits = Range.objects.create(name=f"Cleaning {uuid.uuid4().hex[:8]}")
    for product in products:
        visits.add_product(product)
    return make_reward(
        kind=Reward.Kind.CLEANING,
        range=visits,
        points_cost=points_cost,
        stock_policy=Reward.StockPolicy.TOTAL,
        stock=stock,
        **fields,
    )


def make_coupon(
    *,
    points_cost: int = 2_000,
    discount: Decimal = Decimal("20.00"),
    minimum_spend: Decimal | None = Decimal("100.00"),
    **fields,
) -> Reward:
    """An amount off anything in the shop, unlimited unless told."""
    everything = Range.objects.create(
        name=f"Everything {uuid.uuid4().hex[:8]}", includes_all_products=True
    )
    return make_reward(
        kind=Reward.Kind.COUPON,
        range=everything,
        points_cost=points_cost,
        discount=discount,
        minimum_spend=minimum_spend,
        **fields,
    )
