"""What the rewards pages read: the catalogue with what a member can afford, and their vouchers.

Each read is a fixed number of queries, however many rewards or vouchers there are.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from ..models import FreeCleaning, MemberProfile, PointsAccount, Reward, RewardRedemption
from . import rules

VoucherApplication = get_model("voucher", "VoucherApplication")


@dataclass(frozen=True)
class CatalogueItem:
    reward: Reward
    left: int | None  # None: unlimited
    balance: int | None  # None: nobody signed in

    @property
    def in_stock(self) -> bool:
        return self.left is None or self.left > 0

    @property
    def affordable(self) -> bool:
        return self.balance is not None and self.balance >= self.reward.points_cost

    @property
    def short_by(self) -> int:
        return max(self.reward.points_cost - (self.balance or 0), 0)

    @property
    def balance_after(self) -> int:
        return (self.balance or 0) - self.reward.points_cost


def balance_of(user) -> int | None:
    """The signed-in user's points balance (0 before their first points); None for a visitor."""
    if not user.is_authenticated:
        return None
    found = PointsAccount.objects.filter(member__user=user).values_list("balance", flat=True)
    return found.first() or 0


def offered_rewards():
    return (
        Reward.objects.filter(is_active=True)
        .select_related("product")
        .prefetch_related("product__images")
    )


def catalogue(*, balance: int | None, today: datetime.date) -> list[CatalogueItem]:
    month = rules.month_of(today)
    return [
        CatalogueItem(reward=reward, left=reward.left_in(month), balance=balance)
        for reward in offered_rewards()
    ]


def catalogue_item(reward: Reward, *, balance: int | None, today: datetime.date) -> CatalogueItem:
    return CatalogueItem(reward=reward, left=reward.left_in(rules.month_of(today)), balance=balance)


@dataclass(frozen=True)
class IssuedVoucher:
    """A voucher of the member's, bought with points or given by their tier."""

    voucher: object
    title: str
    how_to_use: str
    issued_at: datetime.datetime
    used: bool
    points: int | None  # None: a tier benefit, not bought

    @property
    def valid_until(self) -> datetime.date:
        return timezone.localdate(self.voucher.end_datetime)

    @property
    def expired(self) -> bool:
        return self.voucher.end_datetime < timezone.now()

    @property
    def usable(self) -> bool:
        return not (self.used or self.expired)


def vouchers_of(member: MemberProfile) -> list[IssuedVoucher]:
    """The member's vouchers, newest first: two queries."""
    used = Exists(VoucherApplication.objects.filter(voucher_id=OuterRef("voucher_id")))
    redemptions = (
        RewardRedemption.objects.filter(member=member)
        .select_related("reward__product", "voucher", "ledger_entry")
        .annotate(used=used)
    )
    cleanings = FreeCleaning.objects.filter(member=member).select_related("voucher", "tier")
    issued = [
        IssuedVoucher(
            voucher=r.voucher,
            title=r.reward.display_title,
            how_to_use=how_to_use(r.reward),
            issued_at=r.created_at,
            used=r.used,
            points=-r.ledger_entry.points,
        )
        for r in redemptions
    ] + [
        IssuedVoucher(
            voucher=c.voucher,
            title=_("Free cleaning of the %(tier)s tier") % {"tier": c.tier.display_name},
            how_to_use=how_to_use_cleaning(),
            issued_at=c.created_at,
            used=c.used,
            points=None,
        )
        for c in cleanings.annotate(used=used)
    ]
    return sorted(issued, key=lambda item: item.issued_at, reverse=True)


def how_to_use(reward: Reward) -> str:
    if reward.kind == Reward.Kind.GIFT:
        return _(
            "Put %(product)s in your basket and enter the code under “Voucher/promo code”: "
            "one unit is free; delivery is charged as usual."
        ) % {"product": reward.product.get_title()}
    if reward.kind == Reward.Kind.CLEANING:
        return how_to_use_cleaning()
    if reward.minimum_spend:
        return _(
            "Enter the code under “Voucher/promo code” in your basket: %(amount)s off once "
            "the eligible items come to %(minimum)s."
        ) % {
            "amount": currency(reward.discount, "CNY"),
            "minimum": currency(reward.minimum_spend, "CNY"),
        }
    return _("Enter the code under “Voucher/promo code” in your basket: %(amount)s off.") % {
        "amount": currency(reward.discount, "CNY")
    }


def how_to_use_cleaning() -> str:
    return _(
        "Choose a cleaning visit in the shop, then enter the code under “Voucher/promo code” "
        "in your basket: one visit is free."
    )
