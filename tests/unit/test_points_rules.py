import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from membership import rules
from membership.rules import (
    birthday_dates_matching,
    birthdays_due,
    expiry_for,
    next_review_after,
    one_year_after,
    points_for_payment,
    qualifying_window_start,
    reminder_horizon,
    tier_for,
)

D = datetime.date


@dataclass
class Rung:
    code: str
    rank: int
    threshold: int


LADDER = [
    Rung("gold", 2, 8000),
    Rung("member", 0, 0),
    Rung("diamond", 3, 20000),
    Rung("silver", 1, 2000),
]


class TestPointsExpire:
    def test_at_the_end_of_the_year_after_they_were_earned(self):
        assert expiry_for(D(2026, 3, 15)) == D(2027, 12, 31)

    def test_points_earned_on_new_years_eve_get_one_more_year_and_a_day(self):
        assert expiry_for(D(2026, 12, 31)) == D(2027, 12, 31)

    def test_points_earned_on_new_years_day_get_almost_two_years(self):
        assert expiry_for(D(2026, 1, 1)) == D(2027, 12, 31)


class TestPointsForAPayment:
    def test_one_point_per_whole_yuan(self):
        assert points_for_payment(Decimal("3299.99"), Decimal("1.00")) == 3299

    def test_the_multiplier_applies_to_whole_yuan_and_rounds_down(self):
        assert points_for_payment(Decimal("99.90"), Decimal("1.20")) == 118

    def test_the_top_multiplier(self):
        assert points_for_payment(Decimal("1000.00"), Decimal("2.00")) == 2000

    @pytest.mark.parametrize("paid", [Decimal("0"), Decimal("0.99"), Decimal("-5")])
    def test_less_than_a_yuan_earns_nothing(self, paid):
        assert points_for_payment(paid, Decimal("1.50")) == 0


class TestTheTierForPointsEarned:
    @pytest.mark.parametrize(
        "points, code",
        [(0, "member"), (1999, "member"), (2000, "silver"), (7999, "silver"), (8000, "gold")],
    )
    def test_is_the_best_tier_whose_threshold_is_reached(self, points, code):
        assert tier_for(points, LADDER).code == code

    def test_beyond_the_top_threshold_is_the_top_tier(self):
        assert tier_for(1_000_000, LADDER).code == "diamond"

    def test_is_the_lowest_tier_when_none_is_reached(self):
        ladder = [Rung("silver", 1, 2000), Rung("gold", 2, 8000)]
        assert tier_for(10, ladder).code == "silver"

    def test_needs_a_ladder(self):
        with pytest.raises(ValueError):
            tier_for(10, [])


class TestTheQualifyingWindow:
    def test_is_the_last_twelve_months_including_today(self):
        assert qualifying_window_start(D(2026, 6, 30)) == D(2025, 7, 1)


class TestTheTierReview:
    def test_is_a_year_after(self):
        assert one_year_after(D(2026, 5, 4)) == D(2027, 5, 4)

    def test_a_leap_day_anniversary_falls_on_the_28th(self):
        assert one_year_after(D(2024, 2, 29)) == D(2025, 2, 28)

    def test_next_review_keeps_the_anniversary(self):
        assert next_review_after(D(2026, 5, 4), D(2026, 5, 4)) == D(2027, 5, 4)

    def test_next_review_skips_the_years_a_stopped_scheduler_missed(self):
        assert next_review_after(D(2024, 5, 4), D(2026, 6, 1)) == D(2027, 5, 4)


class TestBirthdays:
    def test_are_honoured_on_the_day_and_the_week_before(self):
        due = birthdays_due(D(2026, 3, 3), catch_up_days=7)
        assert due[0] == D(2026, 2, 24) and due[-1] == D(2026, 3, 3) and len(due) == 8

    def test_a_leap_day_birthday_is_kept_on_the_28th_in_other_years(self):
        assert birthday_dates_matching(D(2026, 2, 28)) == [(2, 28), (2, 29)]

    def test_in_a_leap_year_the_28th_is_only_the_28th(self):
        assert birthday_dates_matching(D(2028, 2, 28)) == [(2, 28)]
        assert birthday_dates_matching(D(2028, 2, 29)) == [(2, 29)]


class TestExpiryReminders:
    def test_look_thirty_days_ahead(self):
        assert reminder_horizon(D(2026, 12, 1)) == D(2026, 12, 31)


class TestPointsAsMoney:
    def test_a_hundred_points_are_one_yuan(self):
        assert rules.value_of(100) == Decimal("1.00")
        assert rules.value_of(2550) == Decimal("25.50")
        assert rules.points_for_value(Decimal("25.50")) == 2550

    def test_points_pay_at_most_half_an_order_and_no_more_than_the_balance(self):
        assert rules.most_usable(total=Decimal("399.00"), balance=100_000) == 19950
        assert rules.most_usable(total=Decimal("399.00"), balance=300) == 300
        assert rules.most_usable(total=Decimal("0.01"), balance=300) == 0

    def test_a_partial_refund_gives_back_the_same_share_of_the_points(self):
        share = rules.split_refund(
            refund_total=Decimal("100"),
            order_total=Decimal("400"),
            points_used=1000,
            points_returned=0,
        )
        assert share == 250

    def test_the_last_refund_gives_back_every_point_left(self):
        rest = rules.split_refund(
            refund_total=Decimal("400"),
            order_total=Decimal("400"),
            points_used=1001,
            points_returned=250,
        )
        assert rest == 751

    def test_an_order_without_points_gives_none_back(self):
        assert (
            rules.split_refund(
                refund_total=Decimal("1"),
                order_total=Decimal("2"),
                points_used=0,
                points_returned=0,
            )
            == 0
        )
