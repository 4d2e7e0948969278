"""Tier qualification: upgrades the moment points are earned, downgrades only at the review."""

import datetime

from django.db import transaction

from ..models import PointsAccount, Tier, TierChange
from ..rules import next_review_after, one_year_after, qualifying_window_start, tier_for
from .totals import earned_from


def points_earned(*, member_id: int, today: datetime.date) -> int:
    """Points earned in the last 12 months, less what refunds took back of those earnings.

    Read from the member's day totals (points.totals), at most a row a day of the window.
    """
    (earned,) = earned_from(member_id=member_id, days=[qualifying_window_start(today)])
    return earned


def _move(
    account: PointsAccount, to_tier: Tier, *, reason: str, earned: int, today: datetime.date
) -> TierChange:
    change = TierChange.objects.create(
        member_id=account.member_id,
        from_tier_id=account.tier_id,
        to_tier=to_tier,
        reason=reason,
        points_earned=earned,
        changed_on=today,
    )
    account.tier = to_tier
    account.tier_since = today
    return change


def upgrade_if_qualified(account: PointsAccount, *, today: datetime.date) -> TierChange | None:
    """Move a locked account up at once if its 12-month earnings reach a better tier.

    The new tier is held at least a year: the review moves to a year from today.
    """
    ladder = list(Tier.objects.all())
    current = next(tier for tier in ladder if tier.pk == account.tier_id)
    earned = points_earned(member_id=account.member_id, today=today)
    target = tier_for(earned, ladder)
    if target.rank <= current.rank:
        return None
    change = _move(account, target, reason=TierChange.Reason.QUALIFIED, earned=earned, today=today)
    account.next_review_on = one_year_after(today)
    account.save(update_fields=["tier", "tier_since", "next_review_on", "updated_at"])
    return change


def review_tiers(*, today: datetime.date) -> list[TierChange]:
    """The annual review of every account due on or before `today`, one transaction each.

    The member's tier becomes the one their last 12 months earn, down as well as up, and
    the next review moves a year on; so a second run on the same day finds nothing due.
    Returns the changes; telling members of a downgrade is the caller's (membership.tasks).
    """
    ladder = list(Tier.objects.all())
    by_pk = {tier.pk: tier for tier in ladder}
    due = list(
        PointsAccount.objects.filter(next_review_on__lte=today)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    changes = []
    for pk in due:
        with transaction.atomic():
            account = PointsAccount.objects.select_for_update().get(pk=pk)
            if account.next_review_on > today:
                continue
            earned = points_earned(member_id=account.member_id, today=today)
            target = tier_for(earned, ladder)
            if target.pk != account.tier_id:
                change = _move(
                    account, target, reason=TierChange.Reason.REVIEW, earned=earned, today=today
                )
                change.from_tier = by_pk[change.from_tier_id]  # is_downgrade without a query
                changes.append(change)
            account.next_review_on = next_review_after(account.next_review_on, today)
            account.save(update_fields=["tier", "tier_since", "next_review_on", "updated_at"])
    return changes
