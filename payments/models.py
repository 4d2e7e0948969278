import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentAttempt(models.Model):
    """One try at paying for one basket: the gateway's intent and what checkout had chosen.

    The checkout snapshot (shipping address and method, language) lets the webhook place
    the order when the customer's browser never comes back. An attempt places at most one
    order (one-to-one), and Oscar's unique order number, derived from the basket, keeps a
    basket to one order whichever path gets there first.
    """

    class Gateway(models.TextChoices):
        STRIPE = "stripe", "Stripe"
        DEMO = "demo", _("Demo gateway (no money moves)")

    class Method(models.TextChoices):
        # Stripe's payment method type names, sent as payment_method_types.
        CARD = "card", _("Bank card")
        ALIPAY = "alipay", _("Alipay")
        WECHAT_PAY = "wechat_pay", _("WeChat Pay")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        PLACED = "placed", _("Paid, order placed")
        FAILED = "failed", _("Declined or abandoned")
        REFUNDED = "refunded", _("Paid, could not be placed, refunded")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gateway = models.CharField(_("gateway"), max_length=16, choices=Gateway.choices)
    method = models.CharField(
        _("payment method"), max_length=16, choices=Method.choices, default=Method.CARD
    )
    intent_id = models.CharField(_("payment intent"), max_length=64, unique=True)
    client_secret = models.CharField(max_length=128, blank=True)
    basket = models.ForeignKey(
        "basket.Basket", on_delete=models.PROTECT, related_name="payment_attempts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payment_attempts"
    )
    order_number = models.CharField(_("order number"), max_length=128, db_index=True)
    amount = models.DecimalField(_("amount (CNY)"), max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="CNY")
    checkout = models.JSONField(_("checkout choices"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    # The demo gateway keeps its "card network" answer here; Stripe keeps its own.
    demo_outcome = models.CharField(max_length=16, blank=True)
    failure_message = models.CharField(_("why it failed"), max_length=255, blank=True)
    # Stripe's decline code; the customer reads payments.declines.reason() of it.
    failure_code = models.CharField(_("decline code"), max_length=64, blank=True)
    order = models.OneToOneField(
        "order.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment_attempt",
    )
    # Claimed by one conditional UPDATE before the confirmation email goes out.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment attempt")
        verbose_name_plural = _("payment attempts")

    def __str__(self):
        return f"{self.order_number} · {self.intent_id}"


class StripeEvent(models.Model):
    """A webhook event as Stripe sent it. The unique id makes a replay a no-op."""

    event_id = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=64, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.type} {self.event_id}"


class Refund(models.Model):
    """Money sent back. `key` names what was refunded (a contract, a booking, a failed
    placement), so clicking twice or retrying refunds once."""

    key = models.CharField(max_length=64, unique=True)
    attempt = models.ForeignKey(PaymentAttempt, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(_("amount (CNY)"), max_digits=12, decimal_places=2)
    gateway_refund_id = models.CharField(max_length=64, blank=True)
    reason = models.CharField(_("reason"), max_length=255)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self):
        return f"{self.key} {self.amount}"
