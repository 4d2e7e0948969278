"""Running totals of the points ledger, so the member centre reads days, not entries.

The ledger service (`membership.points.lots.write`) adds each entry to these rows in the
same transaction, under the same account lock, as it writes the entry; so they move
together or not at all. `membership.points.refill_totals` recomputes them from the entries
(the data migration, bulk-written test histories), and `check_points_balances` compares
the two.

Days rather than months: the tier window is the last 12 months to the day, so a month row
could not say how much of its month falls inside the window without reading the entries.
A member has at most one row a day, so a year's standing is at most 366 rows to add up
however many entries that year holds.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PointsDay(models.Model):
    """What moved a member's points on one local day (Asia/Shanghai), by kind.

    All counts are positive. `earned_reversed` is filed under the day the reversed points
    were earned, not the day of the refund, because that is where the tier rule takes them
    off (`points.points_earned`); `taken_back` counts the same refunds under their own day,
    as the balance moved, without the shortfall.
    """

    TOTALS = (
        "earned",
        "earned_reversed",
        "taken_back",
        "redeemed",
        "given_back",
        "expired",
        "adjusted",
    )

    member = models.ForeignKey(
        "membership.MemberProfile", on_delete=models.CASCADE, related_name="points_days"
    )
    day = models.DateField(_("day"))
    earned = models.IntegerField(_("points earned"), default=0)
    earned_reversed = models.IntegerField(
        _("points earned this day that refunds reversed"), default=0
    )
    taken_back = models.IntegerField(_("points refunds took back"), default=0)
    redeemed = models.IntegerField(_("points redeemed"), default=0)
    given_back = models.IntegerField(_("redeemed points given back"), default=0)
    expired = models.IntegerField(_("points expired"), default=0)
    adjusted = models.IntegerField(_("points adjusted by staff"), default=0)  # signed

    class Meta:
        verbose_name = _("points of a day")
        verbose_name_plural = _("points by day")
        constraints = [
            models.UniqueConstraint(fields=["member", "day"], name="points_day_once_per_member"),
        ]

    def __str__(self):
        return f"{self.member_id} {self.day}: +{self.earned} -{self.redeemed}"


class PointsExpiry(models.Model):
    """How many of a member's points are left in lots that expire on one date."""

    member = models.ForeignKey(
        "membership.MemberProfile", on_delete=models.CASCADE, related_name="points_expiries"
    )
    expires_on = models.DateField(_("expires on"))
    points = models.IntegerField(_("points left"), default=0)

    class Meta:
        verbose_name = _("points expiring on a date")
        verbose_name_plural = _("points expiring by date")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "expires_on"], name="points_expiry_once_per_date"
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="points_expiry_not_negative"),
        ]

    def __str__(self):
        return f"{self.member_id}: {self.points} → {self.expires_on}"
