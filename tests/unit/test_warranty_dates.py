import datetime

from aftersales.coverage import Coverage, warranty_end


class TestTheBaseWarrantyEnd:
    def test_twelve_months_end_the_day_before_the_anniversary(self):
        assert warranty_end(datetime.date(2024, 3, 1), 12) == datetime.date(2025, 2, 28)

    def test_a_leap_day_purchase_runs_to_the_end_of_february(self):
        assert warranty_end(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)

    def test_a_missing_anniversary_runs_to_the_end_of_the_shorter_month(self):
        assert warranty_end(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)

    def test_thirty_six_months(self):
        assert warranty_end(datetime.date(2023, 7, 15), 36) == datetime.date(2026, 7, 14)


class TestCoverage:
    def test_counts_days_left_inclusive_of_the_last_day(self):
        cover = Coverage(base_end=datetime.date(2026, 12, 1), today=datetime.date(2026, 11, 23))
        assert cover.in_base_warranty and cover.days_left == 8

    def test_the_last_day_is_still_covered(self):
        day = datetime.date(2026, 12, 1)
        assert Coverage(base_end=day, today=day).in_base_warranty

    def test_ended(self):
        cover = Coverage(base_end=datetime.date(2025, 1, 1), today=datetime.date(2026, 1, 1))
        assert not cover.in_base_warranty and cover.days_left == 0
