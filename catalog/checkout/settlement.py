"""Acting on what the gateway says about a payment: place the order when it is paid.

The customer's return and Stripe's webhook both end here; placement is idempotent, so
whichever comes first places the order and the other finds it.
"""

import datetime
import logging

from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.queue import TRANSIENT_ERRORS
from membership import points
from payments import services as payments
from payments.client import Intent
from payments.models import PaymentAttempt, StripeEvent

from . import preflight
from .placement import PlacementFailed, place_paid_order

logger = logging.getLogger(__name__)

PAYMENT_EVENTS = (
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    # A wallet payment the customer abandoned (or Stripe expired): the basket is theirs again.
    "payment_intent.canceled",
)
# An event or a placed order is left to its own task this long before the sweep steps in.
EVENT_GRACE = datetime.timedelta(minutes=2)
# A card payment the customer may still be completing (3-D Secure, a wallet's redirect).
ATTEMPT_GRACE = datetime.timedelta(minutes=15)
# Older pending attempts were abandoned long ago: Stripe cancels their intents itself.
ATTEMPT_HORIZON = datetime.timedelta(days=2)
SWEEP_BATCH = 200


def settle(*, attempt: PaymentAttempt, intent: Intent):
    """Act on the intent's state: place the order when paid, note a decline.

    Returns the order, or None while the payment is not (yet) through. Raises
    PlacementFailed when paid but not placeable (then refunded).
    """
    if intent.succeeded:
        if intent.amount != attempt.amount:
            logger.error(
                "Intent %s amount %s != attempt %s", intent.id, intent.amount, attempt.amount
            )
        return place_paid_order(attempt_id=attempt.pk)
    if intent.failed:
        PaymentAttempt.objects.filter(pk=attempt.pk, status=PaymentAttempt.Status.PENDING).update(
            status=PaymentAttempt.Status.FAILED,
            failure_message=(intent.failure or _("The payment did not go through."))[:255],
            failure_code=intent.failure_code[:64],
            updated_at=timezone.now(),
        )
        # Nothing was paid: the points checkout held for it are free to spend again.
        points.release(key=preflight.hold_key(attempt.basket_id))
    return None


def process_stripe_event(*, event_id: str):
    """Handle a stored event; returns the order it placed or found, if any. Safe to run
    twice: placing is idempotent, a decline only touches a pending attempt."""
    event = StripeEvent.objects.filter(event_id=event_id).first()
    if event is None:
        return None
    order = None
    if event.type in PAYMENT_EVENTS:
        intent_id = _intent_id(event.payload)
        attempt = PaymentAttempt.objects.filter(intent_id=intent_id).first() if intent_id else None
        if attempt is None:
            logger.warning("Stripe event %s for unknown intent %r", event_id, intent_id)
        else:
            # Trust Stripe's API over the event body: events can arrive out of order.
            try:
                order = settle(attempt=attempt, intent=payments.read_intent(attempt))
            except PlacementFailed as failure:
                logger.warning("Paid intent %s refunded: %s", intent_id, failure)
    StripeEvent.objects.filter(pk=event.pk, processed_at__isnull=True).update(
        processed_at=timezone.now()
    )
    return order


def _intent_id(payload) -> str | None:
    """The intent an event is about; None for a body without one (nothing to act on)."""
    data = payload.get("data") if isinstance(payload, dict) else None
    obj = data.get("object") if isinstance(data, dict) else None
    intent_id = obj.get("id") if isinstance(obj, dict) else None
    return intent_id if isinstance(intent_id, str) and intent_id else None


def settle_leftovers(*, now: datetime.datetime) -> list:
    """Act on what a lost message left behind; returns the orders placed or found.

    Events stored but not processed (the queue was down, a worker died) and card payments
    still pending long after the customer left (no webhook came) are settled here, so a
    paid intent always ends as an order or a refund. Gateway errors leave the item for the
    next sweep.
    """
    orders = []
    events = StripeEvent.objects.filter(
        processed_at__isnull=True, received_at__lte=now - EVENT_GRACE
    ).order_by("received_at")
    for event_id in events.values_list("event_id", flat=True)[:SWEEP_BATCH]:
        try:
            order = process_stripe_event(event_id=event_id)
        except TRANSIENT_ERRORS:
            logger.warning("Stripe event %s left for the next sweep", event_id, exc_info=True)
            continue
        if order is not None:
            orders.append(order)
    attempts = PaymentAttempt.objects.filter(
        status=PaymentAttempt.Status.PENDING,
        gateway=PaymentAttempt.Gateway.STRIPE,
        created_at__lte=now - ATTEMPT_GRACE,
        created_at__gte=now - ATTEMPT_HORIZON,
    ).order_by("created_at")
    for attempt in attempts[:SWEEP_BATCH]:
        try:
            order = settle(attempt=attempt, intent=payments.read_intent(attempt))
        except PlacementFailed:
            continue  # refunded; the customer is told on their next visit
        except TRANSIENT_ERRORS:
            logger.warning("Attempt %s left for the next sweep", attempt.pk, exc_info=True)
            continue
        if order is not None:
            orders.append(order)
    return orders


def unconfirmed_orders(*, now: datetime.datetime) -> list[int]:
    """Orders placed a while ago whose confirmation email has not gone out."""
    return list(
        PaymentAttempt.objects.filter(
            status=PaymentAttempt.Status.PLACED,
            confirmation_sent_at__isnull=True,
            updated_at__lte=now - EVENT_GRACE,
            updated_at__gte=now - ATTEMPT_HORIZON,
        ).values_list("order_id", flat=True)[:SWEEP_BATCH]
    )
