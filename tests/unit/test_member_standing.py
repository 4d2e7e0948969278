"""Where a member stands on the ladder, worked out without a database."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from membership.rules import value_of as points_value
from membership.standing import standing, tier_above

REVIEW = datetime.date(2027, 5, 1)


@dataclass(frozen=True)
class Rung:
    code: str
    rank: int
    threshold: int


MEMBER, SILVER, GOLD, DIAMOND = (
    Rung("member", 0, 0),
    Rung("silver", 1, 2000),
    Rung("gold", 2, 8000),
    Rung("diamond", 3, 20000),
)
LADDER = [GOLD, MEMBER, DIAMOND, SILVER]  # in no order: the rank decides


def at(tier, earned, earned_for_review=0):
    return standing(
        tier=tier,
        ladder=LADDER,
        earned=earned,
        earned_for_review=earned_for_review,
        review_on=REVIEW,
    )


class TestPointsValue:
    def test_is_one_yuan_per_hundred_points_to_the_fen(self):
        assert points_value(2550) == Decimal("25.50")
        assert points_value(1) == Decimal("0.01")
        assert points_value(0) == Decimal("0.00")


class TestTheWayUp:
    def test_the_next_tier_is_the_next_rank(self):
        assert tier_above(MEMBER, LADDER) is SILVER
        assert tier_above(GOLD, LADDER) is DIAMOND
        assert tier_above(DIAMOND, LADDER) is None

    def test_counts_the_points_still_to_earn_and_how_far_along_the_member_is(self):
        silver = at(SILVER, 5000)
        assert silver.next_tier is GOLD and silver.to_next == 3000
        assert silver.progress_percent == 50  # half-way from 2,000 to 8,000

    def test_a_member_kept_above_their_earnings_starts_the_bar_at_zero(self):
        assert at(GOLD, 3000).progress_percent == 0
        assert at(GOLD, 3000).to_next == 17000

    def test_the_top_tier_has_nowhere_further_to_go(self):
        top = at(DIAMOND, 25000)
        assert top.is_top and top.to_next == 0 and top.progress_percent == 100

    def test_earnings_past_the_next_threshold_need_nothing_more(self):
        assert at(SILVER, 9000).to_next == 0
        assert at(SILVER, 9000).progress_percent == 100


class TestKeepingTheTier:
    def test_needs_the_tiers_threshold_within_the_reviews_year(self):
        gold = at(GOLD, 9000, earned_for_review=6500)
        assert gold.to_keep == 1500 and not gold.keep_needs_nothing

    def test_needs_nothing_once_reached(self):
        assert at(SILVER, 2500, earned_for_review=2500).to_keep == 0

    def test_the_entry_tier_cannot_be_lost(self):
        assert at(MEMBER, 0).keep_needs_nothing
