"""The points ledger's services: the only code that writes points, balances and tiers.

    from membership import points
    points.earn_for_payment(member=profile, amount_paid=Decimal("3299.00"),
                            source_key=f"order:{order.number}:earn")
    points.redeem(member=profile, points=500, source_key=f"redeem:{uuid4()}", reason=...)
    points.reverse(source_key_of_original=f"order:{order.number}:earn",
                   source_key=f"order:{order.number}:refund", reason=...)

`member` is a MemberProfile (`membership.services.ensure_profile(user=...)`). Every write
runs in one transaction with the member's account row locked, and every entry has a unique
source key: delivering the same event twice writes one entry.
"""

from .accounts import (
    AdjustmentRefused,
    CannotReverse,
    InsufficientPoints,
    balance_of,
    open_account,
)
from .holds import hold, release, spendable_by
from .movements import (
    adjust,
    award,
    award_for_cleaning_visit,
    award_for_registration,
    award_for_review,
    award_for_service_rating,
    award_for_useful_suggestion,
    earn_for_payment,
    redeem,
)
from .reversals import reverse, undone
from .scheduled import award_birthday_points, expire_due, remind_expiring
from .tiers import points_earned, review_tiers
from .totals import refill_totals

__all__ = [
    "AdjustmentRefused",
    "CannotReverse",
    "InsufficientPoints",
    "adjust",
    "award",
    "award_birthday_points",
    "award_for_cleaning_visit",
    "award_for_registration",
    "award_for_review",
    "award_for_service_rating",
    "award_for_useful_suggestion",
    "balance_of",
    "earn_for_payment",
    "expire_due",
    "hold",
    "open_account",
    "points_earned",
    "redeem",
    "refill_totals",
    "release",
    "remind_expiring",
    "reverse",
    "spendable_by",
    "review_tiers",
    "undone",
]
