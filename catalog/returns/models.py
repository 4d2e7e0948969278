"""A customer's return or exchange of goods bought in the shop, under the three guarantees.

One request per order line at a time: a unique constraint on the line over every request
that is not refused, so a double submit opens one, and a refused one can be asked again.
The replacement order of an exchange is a one-to-one link, so it is made once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReturnRequestQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(customer=user)


class ReturnRequest(models.Model):
    class Kind(models.TextChoices):
        RETURN = "return", _("Return for a refund")
        EXCHANGE = "exchange", _("Exchange for a fault")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for approval")
        APPROVED = "approved", _("Approved: send the goods back")
        REFUSED = "refused", _("Refused")
        RECEIVED = "received", _("Received and settled")

    line = models.ForeignKey(
        "order.Line",
        on_delete=models.PROTECT,
        related_name="return_requests",
        verbose_name=_("order line"),
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="return_requests",
        verbose_name=_("customer"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    reason = models.TextField(_("customer's reason"), blank=True)
    unopened = models.BooleanField(_("unopened"), default=False)
    delivered_on = models.DateField(_("delivered on"))
    requested_on = models.DateField(_("requested on"))
    staff_note = models.TextField(_("staff's reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    refund_amount = models.DecimalField(
        _("refunded (CNY)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    replacement_order = models.OneToOneField(
        "order.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replacing",
        verbose_name=_("replacement order"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When each step's email was claimed (one conditional UPDATE before it goes, so it goes
    # once); an empty one past its step is what the sweep sends again (catalog.returns.tasks).
    requested_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    received_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReturnRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("return request")
        verbose_name_plural = _("return requests")
        constraints = [
            models.UniqueConstraint(
                fields=["line"],
                condition=~Q(status="refused"),
                name="returns_one_open_request_per_line",
            )
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"R{self.pk:06d}" if self.pk else ""

    @property
    def idempotency_key(self) -> str:
        return f"return-{self.pk}"
