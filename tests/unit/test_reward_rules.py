"""The rewards catalogue's dates: membership years, voucher validity, monthly stock."""

import datetime

from membership.rewards import rules

D = datetime.date


class TestAMembershipYear:
    def test_starts_on_the_latest_anniversary_of_joining(self):
        assert rules.membership_year_start(D(2024, 5, 10), D(2026, 5, 9)) == D(2025, 5, 10)
        assert rules.membership_year_start(D(2024, 5, 10), D(2026, 5, 10)) == D(2026, 5, 10)

    def test_of_a_member_who_joined_today_starts_today(self):
        assert rules.membership_year_start(D(2026, 3, 1), D(2026, 3, 1)) == D(2026, 3, 1)

    def test_of_a_29_february_joiner_starts_on_28_february_in_other_years(self):
        assert rules.membership_year_start(D(2024, 2, 29), D(2025, 3, 1)) == D(2025, 2, 28)
        assert rules.membership_year_start(D(2024, 2, 29), D(2028, 2, 29)) == D(2028, 2, 29)


class TestValidity:
    def test_a_redeemed_voucher_lasts_90_days(self):
        assert rules.voucher_valid_until(D(2026, 11, 23)) == D(2027, 2, 21)

    def test_a_free_cleaning_lasts_to_the_end_of_its_membership_year(self):
        assert rules.free_cleaning_valid_until(D(2026, 1, 10), D(2026, 1, 10)) == D(2027, 1, 9)

    def test_a_free_cleaning_issued_late_in_the_year_still_has_90_days(self):
        assert rules.free_cleaning_valid_until(D(2026, 1, 10), D(2026, 12, 1)) == D(2027, 3, 1)


class TestMonthlyStock:
    def test_counts_by_the_first_of_the_month(self):
        assert rules.month_of(D(2026, 11, 23)) == D(2026, 11, 1)
        assert rules.next_month(D(2026, 12, 31)) == D(2027, 1, 1)
