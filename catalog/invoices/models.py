from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InvoiceRequest(models.Model):
    """A customer's request for a VAT e-invoice (发票) for one order, and its issue by staff.

    Asked for at checkout, written with the order in the transaction that places it (so an
    order paid but refused leaves no request behind); staff issue the invoice in the tax
    system and record its number here, which emails the customer.
    """

    class TitleKind(models.TextChoices):
        PERSONAL = "personal", _("Personal")
        COMPANY = "company", _("Company")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ISSUED = "issued", _("Issued")

    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="invoice_request"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invoice_requests"
    )
    title_kind = models.CharField(_("invoice title"), max_length=16, choices=TitleKind.choices)
    title = models.CharField(_("name on the invoice"), max_length=100)
    taxpayer_number = models.CharField(_("taxpayer number"), max_length=18, blank=True)
    email = models.EmailField(_("email for the e-invoice"))
    amount = models.DecimalField(_("amount (CNY)"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    invoice_number = models.CharField(_("invoice number"), max_length=32, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Claimed by one conditional UPDATE before the email goes out (sent once).
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invoice request")
        verbose_name_plural = _("invoice requests")
        constraints = [
            models.UniqueConstraint(
                fields=["invoice_number"],
                condition=~models.Q(invoice_number=""),
                name="invoice_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status="requested") | ~models.Q(invoice_number=""),
                name="issued_invoice_has_number",
            ),
        ]

    def __str__(self):
        return f"{self.order_id} · {self.title}"
