"""Cancelling a plan or a visit for money back: the rules, Oscar's order history, the
points ledger and the card, in that order.

The cancellation and its record on the order share one transaction; the card is asked
after the commit (payments.refunds.pay_back), once per key, so a double click or a retried
request refunds once.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from membership import points, rules
from membership.points import reasons
from payments.refunds import RefundFailed, paid_attempt, pay_back

from .models import ServiceBooking, WarrantyContract
from .services import cancel_booking, cancel_contract

__all__ = ["RefundFailed", "record_refund", "refund_booking", "refund_contract"]

PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
OrderNote = get_model("order", "OrderNote")


def refund_contract(*, contract: WarrantyContract, today: datetime.date, actor) -> Decimal:
    """Cancel a warranty and refund what the rules give back, recorded on its order."""
    attempt = paid_attempt(contract.order_line.order)
    key = f"contract-{contract.pk}"
    reason = _("Warranty %(number)s cancelled") % {"number": contract.number}
    with transaction.atomic():
        amount = cancel_contract(contract=contract, today=today)
        card = record_refund(
            line=contract.order_line, amount=amount, key=key, actor=actor, reason=reason
        )
    pay_back(attempt=attempt, amount=card, key=key, reason=reason, actor=actor)
    return amount


def refund_booking(*, booking: ServiceBooking, now: datetime.datetime, actor) -> Decimal:
    """Cancel a visit more than 24 hours ahead, free its place and refund it in full."""
    attempt = paid_attempt(booking.order_line.order)
    key = f"booking-{booking.pk}"
    reason = _("Visit %(number)s cancelled") % {"number": booking.number}
    with transaction.atomic():
        amount = cancel_booking(booking=booking, now=now)
        card = record_refund(
            line=booking.order_line, amount=amount, key=key, actor=actor, reason=reason
        )
    pay_back(attempt=attempt, amount=card, key=key, reason=reason, actor=actor)
    return amount


def record_refund(
    *, line, amount: Decimal, key: str, actor, reason: str, quantity: int | None = None
) -> Decimal:
    """The refund in Oscar's order history and in the points ledger; returns the card's share.

    Call it inside the transaction that decided the refund, then pay the card's share back
    after the commit with payments.refunds.pay_back under the same `key`. `quantity` is how
    many of the line's items are refunded (all of them unless given).

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
    PaymentEventQuantity.objects.create(
        event=event, line=line, quantity=line.quantity if quantity is None else quantity
    )
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
        points_back = rules.split_refund(
            refund_total=refunded,
            order_total=order.total_incl_tax,
            points_used=rules.points_for_value(points_source.amount_debited),
            points_returned=rules.points_for_value(points_source.amount_refunded),
        )
    points_value = rules.value_of(points_back)
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
        take = rules.split_refund(
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
