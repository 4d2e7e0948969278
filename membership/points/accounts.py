"""Opening and locking a member's points account; the errors the ledger raises."""

import datetime

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ..models import MemberProfile, PointsAccount, Tier
from ..rules import one_year_after


class InsufficientPoints(Exception):
    def __init__(self, *, balance: int, needed: int):
        super().__init__(
            _("You have %(balance)d points; this needs %(needed)d.")
            % {"balance": balance, "needed": needed}
        )
        self.balance = balance
        self.needed = needed


class CannotReverse(ValueError):
    pass


class AdjustmentRefused(ValueError):
    pass


def entry_tier() -> Tier:
    tier = Tier.objects.order_by("rank").first()
    if tier is None:
        raise ImproperlyConfigured("No membership tiers: run the membership migrations.")
    return tier


def open_account(*, member: MemberProfile, today: datetime.date) -> PointsAccount:
    """The member's account, opened in the entry tier on first need (safe against a race)."""
    account, _created = PointsAccount.objects.get_or_create(
        member=member,
        defaults={
            "tier": entry_tier,
            "tier_since": today,
            "next_review_on": one_year_after(today),
        },
    )
    return account


def locked_account(*, member: MemberProfile, today: datetime.date) -> PointsAccount:
    """The member's account, its row locked until the transaction ends.

    Every write to a member's points takes this lock first, and only then reads the lots:
    so concurrent redemptions queue on PostgreSQL and each sees the balance the last left.
    """
    locking = PointsAccount.objects.select_for_update()
    try:
        return locking.get(member=member)
    except PointsAccount.DoesNotExist:
        open_account(member=member, today=today)
        return locking.get(member=member)


def balance_of(*, user) -> int:
    """The spendable balance of a signed-in user, 0 for anyone without an account."""
    if not getattr(user, "is_authenticated", False):
        return 0
    balance = PointsAccount.objects.filter(member__user=user).values_list("balance", flat=True)
    return balance.first() or 0
