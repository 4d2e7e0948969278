"""Points as part payment: 100 points are ¥1, and points pay at most half of an order."""

from decimal import ROUND_DOWN, Decimal

POINTS_PER_YUAN = 100
MAX_SHARE = Decimal("0.5")


def value_of(points: int) -> Decimal:
    return (Decimal(points) / POINTS_PER_YUAN).quantize(Decimal("0.01"))


def most_usable(*, total: Decimal, balance: int) -> int:
    """The most points one order can take: half its total, and no more than the balance."""
    cap = int((total * MAX_SHARE * POINTS_PER_YUAN).to_integral_value(rounding=ROUND_DOWN))
    return max(min(cap, balance), 0)


def split_refund(
    *, refund_total: Decimal, order_total: Decimal, points_used: int, points_returned: int
) -> int:
    """How many of an order's points go back now, when `refund_total` of it has been
    refunded so far (this refund included): the same share of the points as of the order,
    all of them once everything is refunded, less those already returned."""
    if points_used <= 0 or order_total <= 0:
        return 0
    if refund_total >= order_total:
        target = points_used
    else:
        share = refund_total / order_total * points_used
        target = int(share.to_integral_value(rounding=ROUND_DOWN))
    return max(target - points_returned, 0)
