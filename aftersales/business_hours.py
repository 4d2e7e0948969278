"""Business hours for the service promise: 8:00–20:00 on Chinese working days.

Working days come from the `holidays` package's China calendar: weekends and public
holidays are off, the make-up working days (调休, a Saturday or Sunday worked to bridge a
holiday) are on. The package is maintained upstream as the State Council publishes each
year's schedule, so no list of dates is kept here.

Pure functions on aware datetimes; the hours are the hotline's (8:00–20:00 every working day,
the same on the site's service pages).
"""

import datetime
from functools import lru_cache

import holidays
from django.utils import timezone

OPENS = datetime.time(8, 0)
CLOSES = datetime.time(20, 0)
DAY_SECONDS = (
    datetime.datetime.combine(datetime.date.min, CLOSES)
    - datetime.datetime.combine(datetime.date.min, OPENS)
).total_seconds()


@lru_cache(maxsize=16)
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.China(years=year)


def is_working_day(day: datetime.date) -> bool:
    return _calendar(day.year).is_working_day(day)


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def _at(day: datetime.date, time: datetime.time, tz) -> datetime.datetime:
    return datetime.datetime.combine(day, time).replace(tzinfo=tz)


def next_opening(moment: datetime.datetime) -> datetime.datetime:
    """`moment` itself when within business hours, else the next 8:00 of a working day."""
    local = _local(moment)
    tz = local.tzinfo
    day = local.date()
    if is_working_day(day) and OPENS <= local.time() < CLOSES:
        return local
    if is_working_day(day) and local.time() < OPENS:
        return _at(day, OPENS, tz)
    day += datetime.timedelta(days=1)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return _at(day, OPENS, tz)


def add_business_hours(start: datetime.datetime, hours: float) -> datetime.datetime:
    """The moment `hours` of business time after `start`.

    Opened at 19:00 on the last working day before the National Day holiday with 2 hours
    to answer: one hour that evening, the second from 8:00 on the first working day after.
    """
    remaining = datetime.timedelta(hours=hours).total_seconds()
    current = next_opening(start)
    while True:
        closes = _at(current.date(), CLOSES, current.tzinfo)
        left_today = (closes - current).total_seconds()
        if remaining <= left_today:
            return current + datetime.timedelta(seconds=remaining)
        remaining -= left_today
        current = next_opening(closes)


def business_seconds_between(start: datetime.datetime, end: datetime.datetime) -> float:
    """Business time from `start` to `end` (0 when `end` is not after `start`)."""
    if end <= start:
        return 0.0
    total = 0.0
    current = next_opening(start)
    end = _local(end)
    while current < end:
        closes = _at(current.date(), CLOSES, current.tzinfo)
        total += (min(closes, end) - current).total_seconds()
        current = next_opening(closes)
    return total
