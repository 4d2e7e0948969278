from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WarrantyContractQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(unit__owner=user)

    def in_force(self):
        return self.filter(status=WarrantyContract.Status.ACTIVE)


class WarrantyContract(models.Model):
    """An extended warranty bought for one registered unit, from one order line.

    Coverage runs from `starts_on` to `ends_on`, both inclusive, and begins the day after
    the base warranty or the unit's previous contract ends, so covers never overlap or
    leave a gap. The one-to-one link to the order line is what makes fulfilment
    idempotent: an order line opens at most one contract.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("contract number"), max_length=32, unique=True)
    unit = models.ForeignKey(
        "aftersales.RegisteredUnit",
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("unit"),
    )
    order_line = models.OneToOneField(
        "order.Line",
        on_delete=models.PROTECT,
        related_name="warranty_contract",
        verbose_name=_("order line"),
    )
    plan_title = models.CharField(_("plan"), max_length=255)
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    coverage_terms = models.TextField(_("what is covered"), blank=True)
    price = models.DecimalField(_("price paid (CNY)"), max_digits=10, decimal_places=2)
    purchased_on = models.DateField(_("bought on"))
    starts_on = models.DateField(_("cover starts"))
    ends_on = models.DateField(_("cover ends"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    refund_amount = models.DecimalField(
        _("refunded (CNY)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = WarrantyContractQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("warranty contract")
        verbose_name_plural = _("warranty contracts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="contract_ends_after_start"
            )
        ]

    def __str__(self):
        return self.number

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def claims_total(self) -> Decimal:
        return sum((claim.amount for claim in self.claims.all()), Decimal("0.00"))


class WarrantyClaim(models.Model):
    """A repair paid for under a contract; what claims cost is kept back from a late refund."""

    contract = models.ForeignKey(
        WarrantyContract,
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("contract"),
    )
    opened_on = models.DateField(_("opened on"))
    description = models.CharField(_("fault and repair"), max_length=255)
    amount = models.DecimalField(
        _("amount paid (CNY)"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # A repair done under the contract records its claim once: the one-to-one is the guard
    # when "done" is submitted twice at once.
    service_request = models.OneToOneField(
        "aftersales.ServiceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claim",
        verbose_name=_("service request"),
    )

    class Meta:
        ordering = ["-opened_on"]
        verbose_name = _("warranty claim")
        verbose_name_plural = _("warranty claims")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="claim_amount_not_negative")
        ]

    def __str__(self):
        return f"{self.contract.number} · {self.opened_on}"
