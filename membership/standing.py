"""Where a member stands on the tier ladder, as plain arithmetic for the member centre.

No database: the caller passes the ladder and the points earned in the two windows that
matter (the last 12 months, and the 12 months before the next review, so far).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic

from .rules import T


def tier_above(tier: T, ladder: Iterable[T]) -> T | None:
    """The next better rung after `tier`, None at the top."""
    better = sorted((rung for rung in ladder if rung.rank > tier.rank), key=lambda r: r.rank)
    return better[0] if better else None


@dataclass(frozen=True)
class Standing(Generic[T]):
    """A member's tier, the way up, and what keeps the tier at the next review.

    `earned` counts the last 12 months (what upgrades look at); `earned_for_review`
    counts what already falls inside the 12 months the review will look at.
    """

    tier: T
    next_tier: T | None
    earned: int
    earned_for_review: int
    review_on: datetime.date

    @property
    def is_top(self) -> bool:
        return self.next_tier is None

    @property
    def to_next(self) -> int:
        """Points still to earn in 12 months for the next tier; 0 at the top or once reached."""
        if self.next_tier is None:
            return 0
        return max(self.next_tier.threshold - self.earned, 0)

    @property
    def progress_percent(self) -> int:
        """How far `earned` has come from this tier's threshold to the next one's, 0–100."""
        if self.next_tier is None:
            return 100
        span = self.next_tier.threshold - self.tier.threshold
        if span <= 0:
            return 100
        done = self.earned - self.tier.threshold
        return max(0, min(100, done * 100 // span))

    @property
    def keep_needs_nothing(self) -> bool:
        """The entry tier cannot be lost: there is nothing to keep."""
        return self.tier.threshold == 0

    @property
    def to_keep(self) -> int:
        """Points still to earn before the review for the review to leave this tier in place."""
        return max(self.tier.threshold - self.earned_for_review, 0)


def standing(
    *,
    tier: T,
    ladder: Iterable[T],
    earned: int,
    earned_for_review: int,
    review_on: datetime.date,
) -> Standing[T]:
    return Standing(
        tier=tier,
        next_tier=tier_above(tier, ladder),
        earned=earned,
        earned_for_review=earned_for_review,
        review_on=review_on,
    )
