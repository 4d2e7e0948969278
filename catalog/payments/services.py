"""Opening a payment for a basket and acting on what the gateway says about it."""

import logging
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.storable_text import storable

from .client import Intent, gateway, gateway_for
from .models import PaymentAttempt, StripeEvent

logger = logging.getLogger(__name__)


def start_payment(
    *, basket, user, order_number: str, amount: Decimal, currency: str, checkout: dict
) -> PaymentAttempt:
    """The attempt to pay `amount` for `basket`: the pending one if it still fits, else a new one.

    Nothing is frozen: the basket stays the customer's to change, and an intent whose amount
    no longer matches the basket is refunded rather than turned into an order.
    """
    provider = gateway()
    pending = (
        PaymentAttempt.objects.filter(
            basket=basket,
            user=user,
            status=PaymentAttempt.Status.PENDING,
            gateway=provider.code,
            amount=amount,
            currency=currency,
        )
        .order_by("-created_at")
        .first()
    )
    if pending is not None:
        if pending.checkout != checkout:
            pending.checkout = checkout
            pending.save(update_fields=["checkout", "updated_at"])
        return pending
    attempt = PaymentAttempt(
        gateway=provider.code,
        basket=basket,
        user=user,
        order_number=order_number,
        amount=amount,
        currency=currency,
        checkout=checkout,
    )
    intent = provider.create_intent(
        amount=amount,
        currency=currency,
        order_number=order_number,
        attempt=str(attempt.token),
        email=user.email,
    )
    attempt.intent_id = intent.id
    attempt.client_secret = intent.client_secret
    attempt.save()
    return attempt


def read_intent(attempt: PaymentAttempt) -> Intent:
    return gateway_for(attempt.gateway).retrieve_intent(attempt.intent_id)


def settle(*, attempt: PaymentAttempt, intent: Intent):
    """Act on the intent's state: place the order when paid, note a decline.

    Returns the order, or None while the payment is not (yet) through. Raises
    catalog.checkout.placement.PlacementFailed when paid but not placeable (then refunded).
    """
    from catalog.checkout.placement import place_paid_order

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
            updated_at=timezone.now(),
        )
    return None


def record_stripe_event(*, event: dict) -> StripeEvent | None:
    """Store a verified event once; a replay returns None and changes nothing."""
    # Kept as received, except what PostgreSQL cannot store (a NUL, a lone surrogate).
    event = storable(event)
    try:
        with transaction.atomic():
            return StripeEvent.objects.create(
                event_id=event["id"], type=event.get("type", ""), payload=event
            )
    except IntegrityError:
        return None


def process_stripe_event(*, event_id: str) -> None:
    """Handle a stored event. Safe to run twice: placing is idempotent, a decline only
    touches a pending attempt."""
    from catalog.checkout.placement import PlacementFailed

    event = StripeEvent.objects.filter(event_id=event_id).first()
    if event is None:
        return
    if event.type in ("payment_intent.succeeded", "payment_intent.payment_failed"):
        intent_id = _intent_id(event.payload)
        attempt = PaymentAttempt.objects.filter(intent_id=intent_id).first() if intent_id else None
        if attempt is None:
            logger.warning("Stripe event %s for unknown intent %r", event_id, intent_id)
        else:
            # Trust Stripe's API over the event body: events can arrive out of order.
            try:
                settle(attempt=attempt, intent=read_intent(attempt))
            except PlacementFailed as failure:
                logger.warning("Paid intent %s refunded: %s", intent_id, failure)
    StripeEvent.objects.filter(pk=event.pk, processed_at__isnull=True).update(
        processed_at=timezone.now()
    )


def _intent_id(payload) -> str | None:
    """data.object.id of a payment_intent event, or None when the body has another shape."""
    data = payload.get("data") if isinstance(payload, dict) else None
    intent = data.get("object") if isinstance(data, dict) else None
    intent_id = intent.get("id") if isinstance(intent, dict) else None
    return intent_id if isinstance(intent_id, str) else None
