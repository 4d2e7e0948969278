"""The points and tier rules as plain arithmetic: no database, unit-tested on their own."""

import datetime
from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_FLOOR, Decimal
from typing import Protocol, TypeVar

from dateutil.relativedelta import relativedelta

REGISTRATION_POINTS = 200
# For a product review once a moderator approves it; rejected or pending reviews earn nothing.
REVIEW_POINTS = 50
# After-sales feedback (issue #12), each once: answering the rating page of a finished
# request or visit, a shop cleaning visit completed, a suggestion staff mark as useful.
SERVICE_RATING_POINTS = 20
CLEANING_VISIT_POINTS = 100
USEFUL_SUGGESTION_POINTS = 200
EXPIRY_REMINDER_DAYS = 30
# A birthday missed while the scheduler was down is still honoured this many days later.
BIRTHDAY_CATCH_UP_DAYS = 7
# The exchange rate when points are spent: 100 points are ¥1, at checkout and in reports.
POINTS_PER_YUAN = 100
# Points pay at most this share of an order; the rest is paid by card.
MAX_POINTS_SHARE = Decimal("0.5")


class Rung(Protocol):
    rank: int
    threshold: int


T = TypeVar("T", bound=Rung)


def expiry_for(earned_on: datetime.date) -> datetime.date:
    """Points earned in a year expire at the end of the following year."""
    return datetime.date(earned_on.year + 1, 12, 31)


def points_for_payment(amount_paid: Decimal, multiplier: Decimal) -> int:
    """One point per whole yuan paid, times the tier multiplier, rounded down."""
    if amount_paid <= 0:
        return 0
    yuan = amount_paid.to_integral_value(rounding=ROUND_FLOOR)
    return int((yuan * multiplier).to_integral_value(rounding=ROUND_FLOOR))


def tier_for(points_earned_12m: int, tiers: Iterable[T]) -> T:
    """The best tier whose threshold the points reach; the lowest tier when none is reached."""
    ladder = sorted(tiers, key=lambda tier: tier.rank)
    if not ladder:
        raise ValueError("No tiers are defined.")
    reached = [tier for tier in ladder if tier.threshold <= points_earned_12m]
    return reached[-1] if reached else ladder[0]


def qualifying_window_start(today: datetime.date) -> datetime.date:
    """The first day whose earnings count towards a tier on `today`: the last 12 months."""
    return today - relativedelta(years=1) + datetime.timedelta(days=1)


def one_year_after(day: datetime.date) -> datetime.date:
    """The anniversary of `day`; 29 February falls on the 28th in other years."""
    return day + relativedelta(years=1)


def next_review_after(review_on: datetime.date, today: datetime.date) -> datetime.date:
    """The next review date on the same anniversary, past `today` even after missed runs."""
    years = 1
    while (following := review_on + relativedelta(years=years)) <= today:
        years += 1
    return following


def birthday_in(year: int, birthday: datetime.date) -> datetime.date:
    """The day a birthday is kept in `year`: 29 February on the 28th outside leap years."""
    return birthday + relativedelta(year=year)


def birthdays_due(
    today: datetime.date, *, catch_up_days: int = BIRTHDAY_CATCH_UP_DAYS
) -> list[datetime.date]:
    """The days whose birthdays the daily job honours on `today`, today last."""
    return [today - datetime.timedelta(days=n) for n in range(catch_up_days, -1, -1)]


def birthday_dates_matching(day: datetime.date) -> list[tuple[int, int]]:
    """The (month, day) birthdays kept on `day`: 28 February also keeps 29 February."""
    matching = [(day.month, day.day)]
    if (day.month, day.day) == (2, 28) and birthday_in(day.year, datetime.date(2000, 2, 29)) == day:
        matching.append((2, 29))
    return matching


def reminder_horizon(today: datetime.date) -> datetime.date:
    """Points expiring on or before this day are due a reminder on `today`."""
    return today + datetime.timedelta(days=EXPIRY_REMINDER_DAYS)


# --- Points as money ---------------------------------------------------------------------


def value_of(points: int) -> Decimal:
    """What `points` are worth in yuan when spent: 100 points = ¥1."""
    return (Decimal(points) / POINTS_PER_YUAN).quantize(Decimal("0.01"))


def points_for_value(amount: Decimal) -> int:
    """The points worth `amount` yuan (the inverse of value_of for whole fen)."""
    return int(amount * POINTS_PER_YUAN)


def most_usable(*, total: Decimal, balance: int) -> int:
    """The most points one order can take: half its total, and no more than the balance."""
    cap = int((total * MAX_POINTS_SHARE * POINTS_PER_YUAN).to_integral_value(rounding=ROUND_DOWN))
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
