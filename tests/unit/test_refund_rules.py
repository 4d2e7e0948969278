"""What a cancellation gives back (aftersales/refunds.py): pure arithmetic, no database."""

import datetime
from decimal import Decimal

from aftersales.refunds import booking_refund, can_change_visit, warranty_refund

BOUGHT = datetime.date(2025, 6, 1)
# A one-year cover of 365 days, so that a day is worth exactly 1.00 of a 365.00 plan.
STARTS = datetime.date(2026, 1, 1)
ENDS = datetime.date(2026, 12, 31)
PRICE = Decimal("365.00")


def refund(today, *, claims=Decimal("0.00"), price=PRICE, starts=STARTS, ends=ENDS):
    return warranty_refund(
        price=price, purchased_on=BOUGHT, starts_on=starts, ends_on=ends, today=today, claims=claims
    )


class TestAPlanCancelledWithinThirtyDaysOfBuyingIt:
    def test_is_refunded_in_full_on_the_day_it_was_bought(self):
        assert refund(BOUGHT) == PRICE

    def test_is_refunded_in_full_on_the_thirtieth_day(self):
        assert refund(BOUGHT + datetime.timedelta(days=30)) == PRICE

    def test_is_refunded_in_full_even_after_claims(self):
        assert refund(BOUGHT + datetime.timedelta(days=10), claims=Decimal("200.00")) == PRICE


class TestAPlanCancelledLater:
    def test_refunds_the_days_not_yet_used_today_counting_as_used(self):
        assert refund(STARTS) == Decimal("364.00")
        assert refund(datetime.date(2026, 7, 2)) == Decimal("182.00")

    def test_refunds_nothing_on_the_last_day(self):
        assert refund(ENDS) == Decimal("0.00")

    def test_refunds_nothing_after_the_cover_ended(self):
        assert refund(ENDS + datetime.timedelta(days=5)) == Decimal("0.00")

    def test_deducts_what_claims_cost(self):
        assert refund(datetime.date(2026, 7, 2), claims=Decimal("100.50")) == Decimal("81.50")

    def test_never_goes_below_zero_when_claims_cost_more(self):
        assert refund(datetime.date(2026, 7, 2), claims=Decimal("999.00")) == Decimal("0.00")

    def test_rounds_fractions_of_a_fen_down(self):
        three_days = {"starts": STARTS, "ends": STARTS + datetime.timedelta(days=2)}
        assert refund(STARTS, price=Decimal("100.00"), **three_days) == Decimal("66.66")

    def test_the_thirty_first_day_is_already_pro_rata(self):
        day_31 = BOUGHT + datetime.timedelta(days=31)
        starts = BOUGHT  # cover that started the day it was bought
        ends = starts + datetime.timedelta(days=364)
        assert refund(day_31, starts=starts, ends=ends) == Decimal("333.00")


class TestACoverThatHasNotStartedYet:
    def test_is_refunded_in_full_after_the_thirty_days(self):
        assert refund(datetime.date(2025, 12, 31)) == PRICE

    def test_still_deducts_claims(self):
        assert refund(datetime.date(2025, 9, 1), claims=Decimal("65.00")) == Decimal("300.00")


VISIT = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
CUTOFF = datetime.timedelta(hours=24)


class TestTheTwentyFourHourCutoffForVisits:
    def test_a_visit_more_than_24_hours_ahead_can_be_changed_and_is_refunded_in_full(self):
        now = VISIT - CUTOFF - datetime.timedelta(seconds=1)
        assert can_change_visit(visit_starts=VISIT, now=now)
        assert booking_refund(price=Decimal("199.00"), visit_starts=VISIT, now=now) == Decimal(
            "199.00"
        )

    def test_exactly_24_hours_ahead_is_too_late(self):
        now = VISIT - CUTOFF
        assert not can_change_visit(visit_starts=VISIT, now=now)
        assert booking_refund(price=Decimal("199.00"), visit_starts=VISIT, now=now) is None

    def test_a_visit_already_started_is_too_late(self):
        now = VISIT + datetime.timedelta(minutes=5)
        assert not can_change_visit(visit_starts=VISIT, now=now)
        assert booking_refund(price=Decimal("199.00"), visit_starts=VISIT, now=now) is None
