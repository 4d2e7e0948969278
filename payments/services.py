"""Opening a payment for a basket, reading it back, and storing what the gateway says.

Acting on it (placing the order) is the shop's: catalog.checkout.settlement."""

import logging
import uuid
from collections.abc import Callable
from decimal import Decimal

from django.db import IntegrityError, transaction

from groundwork.storable_text import storable

from .client import Intent, gateway, gateway_for
from .models import PaymentAttempt, StripeEvent

logger = logging.getLogger(__name__)


def offered_methods() -> tuple[str, ...]:
    """The ways to pay the configured gateway takes (wallets through Stripe only)."""
    return gateway().methods


def start_payment(
    *,
    basket,
    user,
    order_number: str,
    amount: Decimal,
    currency: str,
    checkout: dict,
    method: str = PaymentAttempt.Method.CARD,
    return_url_for: Callable[[uuid.UUID], str] | None = None,
) -> PaymentAttempt:
    """The attempt to pay `amount` for `basket` by `method`: the pending one if it still fits,
    else a new one.

    Nothing is frozen: the basket stays the customer's to change, and an intent whose amount
    no longer matches the basket is refunded rather than turned into an order. A wallet's
    intent is confirmed at once and sends the customer back to `return_url_for(token)`.
    """
    provider = gateway()
    if method not in provider.methods:
        raise ValueError(f"{provider.code} does not take {method}")
    pending = (
        PaymentAttempt.objects.filter(
            basket=basket,
            user=user,
            status=PaymentAttempt.Status.PENDING,
            gateway=provider.code,
            method=method,
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
        method=method,
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
        method=method,
        return_url=return_url_for(attempt.token) if return_url_for else "",
    )
    attempt.intent_id = intent.id
    attempt.client_secret = intent.client_secret
    attempt.save()
    return attempt


def read_intent(attempt: PaymentAttempt) -> Intent:
    return gateway_for(attempt.gateway).retrieve_intent(attempt.intent_id)


def record_stripe_event(*, event: dict) -> StripeEvent:
    """Store a verified event once; a replay returns the stored row and changes nothing."""
    # Kept as received, except what PostgreSQL cannot store (a NUL, a lone surrogate).
    event = storable(event)
    try:
        with transaction.atomic():
            return StripeEvent.objects.create(
                event_id=event["id"], type=event.get("type", ""), payload=event
            )
    except IntegrityError:
        return StripeEvent.objects.get(event_id=event["id"])
