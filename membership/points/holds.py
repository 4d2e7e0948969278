"""Holding points for a checkout: set aside, spent by the order, or released.

Holds are written under the same account lock as every spend, so a hold and a reward
redemption racing for the same points cannot both succeed.
"""

import datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from ..models import MemberProfile, PointsAccount, PointsHold
from . import lots
from .accounts import InsufficientPoints, locked_account

# Long enough for a card, Alipay or WeChat Pay to conclude; an abandoned payment frees them.
HOLD_FOR = datetime.timedelta(minutes=60)


def held(account: PointsAccount, *, now: datetime.datetime, except_key: str | None = None) -> int:
    """Points of `account` that active holds (other than `except_key`'s) keep aside."""
    holds = PointsHold.objects.active(now=now).filter(member_id=account.member_id)
    if except_key:
        holds = holds.exclude(key=except_key)
    return holds.aggregate(total=Sum("points"))["total"] or 0


def spendable(account: PointsAccount, *, now: datetime.datetime, except_key: str | None = None):
    return account.balance - held(account, now=now, except_key=except_key)


def hold(*, member: MemberProfile, points: int, key: str) -> PointsHold | None:
    """Set `points` aside under `key` (renewing its hold), or release it when 0.

    InsufficientPoints when the balance, less what other holds keep, is short.
    """
    if points <= 0:
        release(key=key)
        return None
    now = timezone.now()
    with transaction.atomic():
        account = locked_account(member=member, today=timezone.localdate())
        lots.expire_lots(account, today=timezone.localdate())
        available = spendable(account, now=now, except_key=key)
        if available < points:
            raise InsufficientPoints(balance=max(available, 0), needed=points)
        hold, _created = PointsHold.objects.update_or_create(
            key=key,
            defaults={
                "member": member,
                "points": points,
                "expires_at": now + HOLD_FOR,
                "released_at": None,
            },
        )
        return hold


def release(*, key: str) -> bool:
    """Free what `key` held; True if a hold was active."""
    return bool(
        PointsHold.objects.filter(key=key, released_at__isnull=True).update(
            released_at=timezone.now()
        )
    )


def spendable_by(*, user, except_key: str | None = None) -> int:
    """A signed-in user's balance less what checkouts other than `except_key` hold."""
    if not getattr(user, "is_authenticated", False):
        return 0
    account = PointsAccount.objects.filter(member__user=user).first()
    if account is None:
        return 0
    return max(spendable(account, now=timezone.now(), except_key=except_key), 0)
