"""The service promise's clock: 8:00–20:00 on Chinese working days (issue #11)."""

import datetime
import zoneinfo

import pytest

from aftersales import business_hours as bh

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        # An ordinary Wednesday morning.
        (at(2026, 12, 2, 10, 0), 2, at(2026, 12, 2, 12, 0)),
        # 19:00 on a Friday: one hour that evening, the second from Monday 8:00.
        (at(2026, 12, 4, 19, 0), 2, at(2026, 12, 7, 9, 0)),
        # Before opening: counted from 8:00.
        (at(2026, 12, 2, 6, 30), 2, at(2026, 12, 2, 10, 0)),
        # The last working afternoon before the National Day holiday (1–7 October 2026):
        # 30 September at 19:00 → 20:00, then 8:00 on Thursday 8 October… except that
        # Saturday 10 October is a make-up working day, which does not matter here.
        (at(2026, 9, 30, 19, 0), 2, at(2026, 10, 8, 9, 0)),
        # Friday 9 October at 19:30, then the make-up Saturday 10 October counts.
        (at(2026, 10, 9, 19, 30), 2, at(2026, 10, 10, 9, 30)),
        # Sunday 20 September 2026 is a make-up working day too.
        (at(2026, 9, 20, 10, 0), 2, at(2026, 9, 20, 12, 0)),
        # 24 business hours from a Monday noon = two working days of 12 hours.
        (at(2026, 12, 7, 12, 0), 24, at(2026, 12, 9, 12, 0)),
    ],
)
def test_deadline_in_business_hours(start, hours, due):
    assert bh.add_business_hours(start, hours) == due


def test_working_days_come_from_the_calendar():
    assert bh.is_working_day(datetime.date(2026, 10, 10))  # make-up Saturday
    assert not bh.is_working_day(datetime.date(2026, 10, 1))  # National Day
    assert not bh.is_working_day(datetime.date(2026, 12, 5))  # an ordinary Saturday
    assert bh.is_working_day(datetime.date(2026, 12, 7))


def test_business_time_between_skips_nights_and_holidays():
    start = at(2026, 9, 30, 19, 0)
    end = at(2026, 10, 8, 9, 0)
    assert bh.business_seconds_between(start, end) == 2 * 3600
    assert bh.business_seconds_between(end, start) == 0
