"""What a cancellation gives back: pure arithmetic, no database."""

import datetime
from decimal import ROUND_DOWN, Decimal

FULL_REFUND_DAYS = 30
CANCEL_CUTOFF = datetime.timedelta(hours=24)
CENT = Decimal("0.01")


def warranty_refund(
    *,
    price: Decimal,
    purchased_on: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
    today: datetime.date,
    claims: Decimal = Decimal("0.00"),
) -> Decimal:
    """The refund for a plan cancelled on `today`.

    Within 30 days of buying it: everything back. Later: the share of cover days not yet
    used (today counts as used; a cover that has not started yet is all unused), less what
    claims under it have cost, never below zero. Fractions of a fen go to the customer's
    loss side (rounded down), as a bank would.
    """
    if today <= purchased_on + datetime.timedelta(days=FULL_REFUND_DAYS):
        return price
    total_days = (ends_on - starts_on).days + 1
    if today < starts_on:
        days_left = total_days
    else:
        days_left = max((ends_on - today).days, 0)
    share = (price * days_left / total_days).quantize(CENT, rounding=ROUND_DOWN)
    return max(share - claims, Decimal("0.00"))


def booking_refund(
    *, price: Decimal, visit_starts: datetime.datetime, now: datetime.datetime
) -> Decimal | None:
    """A visit cancelled more than 24 hours ahead is refunded in full; later, not online."""
    if visit_starts - now > CANCEL_CUTOFF:
        return price
    return None


def can_change_visit(*, visit_starts: datetime.datetime, now: datetime.datetime) -> bool:
    return visit_starts - now > CANCEL_CUTOFF
