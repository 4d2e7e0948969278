"""What an engineer used on a job: parts from the consumables stock, one row per part."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PartUsed(models.Model):
    """One part taken from stock for a service request or a shop visit, at its price then.

    Written in the same transaction as the stock movement (aftersales.services.parts), so a
    row here is a unit that left the shelf, and a covered repair's claim adds these up.
    """

    request = models.ForeignKey(
        "aftersales.ServiceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts_used",
        verbose_name=_("service request"),
    )
    booking = models.ForeignKey(
        "aftersales.ServiceBooking",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts_used",
        verbose_name=_("shop visit"),
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stock record"),
    )
    # Copied from the product and the stock record at the time, so the job's record stays as
    # it was when the shop renames a part or changes its price.
    title = models.CharField(_("part"), max_length=255)
    sku = models.CharField(_("SKU"), max_length=128, blank=True)
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price (CNY)"), max_digits=10, decimal_places=2)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("used by"),
    )
    used_at = models.DateTimeField(_("used at"))

    class Meta:
        ordering = ["used_at", "pk"]
        verbose_name = _("part used")
        verbose_name_plural = _("parts used")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(request__isnull=False, booking__isnull=True)
                    | Q(request__isnull=True, booking__isnull=False)
                ),
                name="part_used_on_request_or_booking",
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="part_used_quantity"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.title}"

    @property
    def total(self):
        return self.unit_price * self.quantity
