"""Points set aside for a checkout while its payment is under way.

A member who chose to pay part of an order with points, then went to pay by card, must not
spend those points on a reward in another tab meanwhile: the order would be paid and then
refused. A hold keeps them aside until the payment concludes (the order spends them, a
decline releases them) or the hold runs out.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PointsHoldQuerySet(models.QuerySet):
    def active(self, *, now):
        return self.filter(released_at__isnull=True, expires_at__gt=now)


class PointsHold(models.Model):
    member = models.ForeignKey(
        "membership.MemberProfile", on_delete=models.CASCADE, related_name="points_holds"
    )
    # What holds them, e.g. "basket:42": one hold per checkout, renewed in place.
    key = models.CharField(max_length=64, unique=True)
    points = models.PositiveIntegerField(_("points"))
    expires_at = models.DateTimeField(_("held until"))
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PointsHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("points hold")
        verbose_name_plural = _("points holds")
        indexes = [
            models.Index(fields=["member", "released_at", "expires_at"], name="points_hold_active")
        ]

    def __str__(self):
        return f"{self.key}: {self.points}"
