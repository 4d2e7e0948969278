"""Money back to the card: once per key, late rather than never.

What is refunded and why (a cancelled plan or visit, a payment that could not become an
order) is decided above this floor (aftersales.cancellations, catalog.checkout.placement).

The Refund row, unique by what is refunded, is written and committed before the gateway is
asked, so a double click or a retried task pays back once; the gateway call itself carries
the same key as Stripe's idempotency key.
"""

import logging
from decimal import Decimal

import stripe
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .client import gateway_for
from .models import PaymentAttempt, Refund

logger = logging.getLogger(__name__)


class RefundFailed(Exception):
    pass


def pay_back(*, attempt: PaymentAttempt, amount: Decimal, key: str, reason: str, actor) -> Refund:
    """Send `amount` back to the card of `attempt`, once per `key`.

    If the gateway cannot be reached the refund stays pending (no gateway id) and the
    periodic `retry_pending_refunds` task sends it again with the same idempotency key, so
    the customer is refunded once, late rather than never.
    """
    try:
        with transaction.atomic():
            refund = Refund.objects.create(
                key=key, attempt=attempt, amount=amount, reason=reason[:255], actor=actor
            )
    except IntegrityError:
        refund = Refund.objects.get(key=key)
    send_refund(refund=refund)
    return refund


def send_refund(*, refund: Refund) -> bool:
    """Ask the gateway to pay `refund` unless it already has; True once it is paid."""
    if refund.gateway_refund_id or refund.amount <= 0:
        return True
    attempt = refund.attempt
    try:
        gateway_id = gateway_for(attempt.gateway).refund(
            intent_id=attempt.intent_id, amount=refund.amount, key=refund.key
        )
    except stripe.StripeError:
        logger.exception("Refund %s could not reach the gateway; retrying later", refund.key)
        return False
    Refund.objects.filter(pk=refund.pk).update(gateway_refund_id=gateway_id)
    refund.gateway_refund_id = gateway_id
    return True


def paid_attempt(order) -> PaymentAttempt:
    """The card payment behind `order`; RefundFailed when it was not paid through us."""
    attempt = PaymentAttempt.objects.filter(order=order).first()
    if attempt is None:
        raise RefundFailed(_("This order was not paid by card; refund it by hand."))
    return attempt


def retry_pending_refunds() -> int:
    """Send every refund still waiting for the gateway; returns how many went through."""
    pending = Refund.objects.select_related("attempt").filter(gateway_refund_id="", amount__gt=0)
    return sum(send_refund(refund=refund) for refund in pending)
