"""Dates of the rewards catalogue as plain arithmetic: no database, unit-tested on their own."""

import datetime

from dateutil.relativedelta import relativedelta

VOUCHER_VALID_DAYS = 90


def month_of(day: datetime.date) -> datetime.date:
    """The first day of `day`'s month: the key of a monthly stock."""
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return month_of(day) + relativedelta(months=1)


def voucher_valid_until(issued_on: datetime.date) -> datetime.date:
    """The last day a redeemed voucher can be used: 90 days after the day it is issued."""
    return issued_on + datetime.timedelta(days=VOUCHER_VALID_DAYS)


def membership_year_start(joined_on: datetime.date, today: datetime.date) -> datetime.date:
    """The first day of the membership year holding `today`: the latest anniversary of joining.

    A member who joined on 29 February keeps the anniversary on 28 February in other years.
    """
    if today < joined_on:
        return joined_on
    years = today.year - joined_on.year
    start = joined_on + relativedelta(years=years)
    if start > today:
        start = joined_on + relativedelta(years=years - 1)
    return start


def free_cleaning_valid_until(year_start: datetime.date, issued_on: datetime.date) -> datetime.date:
    """A free cleaning lasts to the end of its membership year, and never less than 90 days,
    so a member who reaches the tier late in the year still has time to book."""
    year_end = year_start + relativedelta(years=1) - datetime.timedelta(days=1)
    return max(year_end, voucher_valid_until(issued_on))
