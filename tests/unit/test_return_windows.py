"""The three guarantees' windows in dates: day 0 is the delivery day in Shanghai."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone, translation

from catalog.returns import rules

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DELIVERED = datetime.date(2026, 11, 20)


def on_day(n: int) -> datetime.date:
    return DELIVERED + datetime.timedelta(days=n)


class TestANoReasonReturn:
    @pytest.mark.parametrize("day", [0, 1, 7])
    def test_is_allowed_up_to_day_seven_when_unopened(self, day):
        rules.check(kind="return", delivered_on=DELIVERED, today=on_day(day), unopened=True)

    def test_is_refused_on_day_eight_with_the_last_day_and_the_exchange_left(self):
        with translation.override("en"), pytest.raises(rules.NotAllowed) as refused:
            rules.check(kind="return", delivered_on=DELIVERED, today=on_day(8), unopened=True)
        message = str(refused.value)
        assert "within 7 days" in message
        assert "Nov. 27, 2026" in message  # the last day
        assert "exchange until Dec. 5, 2026" in message

    def test_is_refused_for_opened_goods(self):
        with pytest.raises(rules.NotAllowed):
            rules.check(kind="return", delivered_on=DELIVERED, today=on_day(3), unopened=False)

    def test_is_refused_before_delivery(self):
        with pytest.raises(rules.NotAllowed):
            rules.check(kind="return", delivered_on=None, today=on_day(0), unopened=True)

    def test_speaks_chinese(self):
        with translation.override("zh-hans"), pytest.raises(rules.NotAllowed) as refused:
            rules.check(kind="return", delivered_on=DELIVERED, today=on_day(8), unopened=True)
        assert "7" in str(refused.value)
        assert "days" not in str(refused.value)


class TestAnExchangeForAFault:
    @pytest.mark.parametrize("day", [0, 8, 15])
    def test_is_allowed_up_to_day_fifteen(self, day):
        rules.check(kind="exchange", delivered_on=DELIVERED, today=on_day(day), unopened=False)

    def test_is_refused_on_day_sixteen_and_offers_a_repair(self):
        windows = rules.Windows(DELIVERED)
        assert windows.repair_only(on_day(16))
        assert windows.offers(on_day(16)) == ()
        with translation.override("en"), pytest.raises(rules.NotAllowed) as refused:
            rules.check(kind="exchange", delivered_on=DELIVERED, today=on_day(16), unopened=False)
        assert "repair" in str(refused.value)


class TestTheOffers:
    def test_change_on_the_windows_last_days(self):
        windows = rules.Windows(DELIVERED)
        assert windows.offers(on_day(7)) == ("return", "exchange")
        assert windows.offers(on_day(8)) == ("exchange",)
        assert windows.offers(on_day(15)) == ("exchange",)


class TestCountingInShanghai:
    def test_a_delivery_at_one_minute_past_midnight_shanghai_is_that_day(self):
        """Delivered at 00:01 in Shanghai (16:01 UTC the day before): day 0 is the Shanghai
        date, so a request at 23:59:50 seven days later is still day 7, and ten seconds
        later day 8 — whatever the UTC dates say."""
        delivered_at = datetime.datetime(2026, 11, 20, 0, 1, tzinfo=SHANGHAI)
        delivered_on = timezone.localdate(delivered_at)
        assert delivered_at.astimezone(datetime.UTC).date() == datetime.date(2026, 11, 19)
        assert delivered_on == DELIVERED
        late = datetime.datetime(2026, 11, 27, 23, 59, 50, tzinfo=SHANGHAI)
        rules.check(
            kind="return", delivered_on=delivered_on, today=timezone.localdate(late), unopened=True
        )
        after_midnight = late + datetime.timedelta(seconds=10)
        with pytest.raises(rules.NotAllowed):
            rules.check(
                kind="return",
                delivered_on=delivered_on,
                today=timezone.localdate(after_midnight),
                unopened=True,
            )
