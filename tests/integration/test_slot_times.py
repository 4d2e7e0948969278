"""Which arrival windows are still ahead is read on the site's clock (Asia/Shanghai).

A slot's date and times are the local wall clock of the area, so "after now" must compare
them with the local date and time. Read in UTC, at 23:59:50 in Shanghai (15:59:50 UTC) the
evening window that has just ended still looks bookable, and at half past midnight the
previous evening's windows come back.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from aftersales.models import ServiceSlot
from tests.factories.aftersales import make_area, make_slot

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = datetime.date(2026, 12, 2)
NEXT_DAY = DAY + datetime.timedelta(days=1)


def at(day: datetime.date, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute, second), tzinfo=SHANGHAI)


def window(area, day, hour):
    return make_slot(
        area,
        date=day,
        starts_at=datetime.time(hour, 0),
        ends_at=datetime.time(hour + 2, 0),
    )


@pytest.fixture
def area():
    return make_area()


class TestTenSecondsBeforeMidnightInShanghai:
    def test_the_evening_that_has_passed_is_not_offered(self, area):
        evening = window(area, DAY, 18)
        morning = window(area, NEXT_DAY, 8)
        with time_machine.travel(at(DAY, 23, 59, 50), tick=False):
            ahead = set(ServiceSlot.objects.bookable(after=timezone.now()))
        assert ahead == {morning}
        assert evening not in ahead

    def test_a_local_moment_gives_the_same_answer_as_a_utc_one(self, area):
        window(area, DAY, 18)
        morning = window(area, NEXT_DAY, 8)
        moment = at(DAY, 23, 59, 50)
        in_utc = moment.astimezone(datetime.UTC)
        assert list(ServiceSlot.objects.bookable(after=in_utc)) == [morning]
        assert list(ServiceSlot.objects.bookable(after=moment)) == [morning]


class TestHalfAnHourAfterMidnightInShanghai:
    def test_yesterdays_windows_stay_behind_and_todays_are_ahead(self, area):
        window(area, DAY, 18)
        morning = window(area, NEXT_DAY, 8)
        with time_machine.travel(at(NEXT_DAY, 0, 30), tick=False):
            ahead = list(ServiceSlot.objects.bookable(after=timezone.now()))
        assert ahead == [morning]

    def test_a_window_later_today_is_ahead_and_one_this_morning_is_not(self, area):
        early = window(area, NEXT_DAY, 8)
        late = window(area, NEXT_DAY, 14)
        with time_machine.travel(at(NEXT_DAY, 10, 0), tick=False):
            ahead = list(ServiceSlot.objects.bookable(after=timezone.now()))
        assert ahead == [late]
        assert early not in ahead
