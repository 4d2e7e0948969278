"""Money back: cancelling a plan or a visit, and a payment that could not become an order.

The Refund row, unique by what is refunded, is written and committed before the gateway is
asked, so a double click or a retried task pays back once; the gateway call itself carries
the same key as Stripe's idempotency key.
"""

import datetime
import logging
from decimal import Decimal

import stripe
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from aftersales import services as aftersales
from aftersales.models import ServiceBooking, WarrantyContract
from catalog.checkout import points as paying_points
from membership import points
from membership.points import reasons

from .client import gateway_for
from .models import PaymentAttempt, Refund

logger = logging.getLogger(__name__)

PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
Source = get_model("payment", "Source")
OrderNote = get_model("order", "OrderNote")


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


def refund_contract(*, contract: WarrantyContract, today: datetime.date, actor) -> Decimal:
    """Cancel a warranty and refund what the rules give back, recorded on its order."""
    attempt = _paid_attempt(contract.order_line.order)
    key = f"contract-{contract.pk}"
    reason = _("Warranty %(number)s cancelled") % {"number": contract.number}
    with transaction.atomic():
        amount = aftersales.cancel_contract(contract=contract, today=today)
        card = _record_on_order(
            line=contract.order_line, amount=amount, key=key, actor=actor, reason=reason
        )
    pay_back(attempt=attempt, amount=card, key=key, reason=reason, actor=actor)
    return amount


def refund_booking(*, booking: ServiceBooking, now: datetime.datetime, actor) -> Decimal:
    """Cancel a visit more than 24 hours ahead, free its place and refund it in full."""
    attempt = _paid_attempt(booking.order_line.order)
    key = f"booking-{booking.pk}"
    reason = _("Visit %(number)s cancelled") % {"number": booking.number}
    with transaction.atomic():
        amount = aftersales.cancel_booking(booking=booking, now=now)
        card = _record_on_order(
            line=booking.order_line, amount=amount, key=key, actor=actor, reason=reason
        )
    pay_back(attempt=attempt, amount=card, key=key, reason=reason, actor=actor)
    return amount


def _paid_attempt(order) -> PaymentAttempt:
    attempt = PaymentAttempt.objects.filter(order=order).first()
    if attempt is None:
        raise RefundFailed(_("This order was not paid by card; refund it by hand."))
    return attempt


def _record_on_order(*, line, amount: Decimal, key: str, actor, reason: str) -> Decimal:
    """The refund in Oscar's order history and in the points ledger; returns the card's share.

    An order paid partly with points is refunded in the same proportions: that share of its
    points goes back to the member, the rest to the card. The points the order earned are
    taken back in the proportion of the card payment refunded so far, so a full refund
    takes back exactly what was earned.
    """
    order = line.order
    event_type, _created = PaymentEventType.objects.get_or_create(
        code="refunded", defaults={"name": "Refunded"}
    )
    event = PaymentEvent.objects.create(
        order=order, amount=amount, reference=key, event_type=event_type
    )
    PaymentEventQuantity.objects.create(event=event, line=line, quantity=line.quantity)
    refunded = order.payment_events.filter(event_type=event_type).aggregate(total=Sum("amount"))[
        "total"
    ]
    sources = {
        source.source_type.code: source for source in order.sources.select_related("source_type")
    }
    card_source = next((s for c, s in sources.items() if c != "points"), None)
    points_source = sources.get("points")
    points_back = 0
    if points_source is not None:
        points_back = paying_points.split_refund(
            refund_total=refunded,
            order_total=order.total_incl_tax,
            points_used=int(points_source.amount_debited * paying_points.POINTS_PER_YUAN),
            points_returned=int(points_source.amount_refunded * paying_points.POINTS_PER_YUAN),
        )
    points_value = paying_points.value_of(points_back)
    card = amount - points_value
    if points_back:
        points.reverse(
            source_key_of_original=f"order:{order.number}:redeem",
            source_key=f"{key}:points-back",
            points=points_back,
            reason=reasons.REFUND_GIVES_BACK,
        )
        points_source.refund(points_value, reference=key)
    if card_source is not None and card > 0:
        card_source.refund(card, reference=key)
        earned, taken = points.undone(source_key=f"order:{order.number}:earn")
        take = paying_points.split_refund(
            refund_total=card_source.amount_refunded,
            order_total=card_source.amount_debited,
            points_used=earned,
            points_returned=taken,
        )
        if take:
            points.reverse(
                source_key_of_original=f"order:{order.number}:earn",
                source_key=f"{key}:earn-back",
                points=take,
                reason=reasons.REFUND_TAKES_BACK,
            )
    OrderNote.objects.create(
        order=order,
        user=actor if getattr(actor, "pk", None) else None,
        message=reason,
        note_type="System",
    )
    return card


def retry_pending_refunds() -> int:
    """Send every refund still waiting for the gateway; returns how many went through."""
    pending = Refund.objects.select_related("attempt").filter(gateway_refund_id="", amount__gt=0)
    return sum(send_refund(refund=refund) for refund in pending)
