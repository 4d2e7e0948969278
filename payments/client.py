"""Stripe, and the demo gateway that stands in for it when no keys are set.

This module is the only place that talks to Stripe; tests replace Stripe's HTTP answers,
never these functions. Both gateways answer the same four questions (create an intent,
read it back, refund it, and for Stripe verify a webhook), in the customer's currency's
minor units (fen) on the wire and Decimal yuan everywhere else.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.conf import settings

FEN = Decimal(100)


@dataclass(frozen=True)
class Intent:
    id: str
    status: str  # Stripe's words: succeeded, processing, requires_payment_method, canceled...
    amount: Decimal
    client_secret: str = ""
    failure: str = ""  # Stripe's own English words, for staff and logs
    # Stripe's decline_code (or error code when it gives none): what payments.declines
    # turns into the customer's language.
    failure_code: str = ""
    # What the customer must do next, as Stripe says: a wallet's redirect or QR code.
    next_action: dict | None = None

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"

    @property
    def failed(self) -> bool:
        return self.status in ("requires_payment_method", "canceled")


def to_minor(amount: Decimal) -> int:
    return int((amount * FEN).to_integral_value())


def from_minor(amount: int) -> Decimal:
    return (Decimal(amount) / FEN).quantize(Decimal("0.01"))


class StripeGateway:
    code = "stripe"
    # Stripe's payment method types this site offers, in the order the customer sees them.
    methods = ("card", "alipay", "wechat_pay")

    def __init__(self, secret_key: str, webhook_secret: str = ""):
        self.client = stripe.StripeClient(secret_key, max_network_retries=2)
        self.webhook_secret = webhook_secret

    def create_intent(
        self,
        *,
        amount: Decimal,
        currency: str,
        order_number: str,
        attempt: str,
        email: str,
        method: str = "card",
        return_url: str = "",
    ) -> Intent:
        params = {
            "amount": to_minor(amount),
            "currency": currency.lower(),
            "payment_method_types": [method],
            "description": f"Aftercare order {order_number}",
            "receipt_email": email or None,
            "metadata": {"order_number": order_number, "attempt": attempt},
        }
        if method != "card":
            # A wallet is confirmed here, with no Stripe.js: Stripe answers with the redirect
            # to Alipay or the WeChat Pay QR code in next_action.
            params.update(confirm=True, payment_method_data={"type": method})
            if method == "alipay":
                params["return_url"] = return_url
            elif method == "wechat_pay":
                params["payment_method_options"] = {"wechat_pay": {"client": "web"}}
        intent = self.client.v1.payment_intents.create(
            params=params,
            # A retried create after a timeout must not open a second intent.
            options={"idempotency_key": f"intent-{attempt}"},
        )
        return _intent(intent)

    def retrieve_intent(self, intent_id: str) -> Intent:
        return _intent(self.client.v1.payment_intents.retrieve(intent_id))

    def refund(self, *, intent_id: str, amount: Decimal, key: str) -> str:
        refund = self.client.v1.refunds.create(
            params={"payment_intent": intent_id, "amount": to_minor(amount)},
            options={"idempotency_key": f"refund-{key}"},
        )
        return refund.to_dict()["id"]

    def construct_event(self, payload: bytes, signature: str) -> dict:
        """Verify Stripe's signature and return the event as plain data.

        Raises stripe.SignatureVerificationError or ValueError for anything not from Stripe.
        """
        # Stripe's five-minute tolerance: a signed body captured once cannot be replayed later.
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"),
            signature,
            self.webhook_secret,
            tolerance=stripe.Webhook.DEFAULT_TOLERANCE,
        )
        return json.loads(payload)


def _intent(resource) -> Intent:
    intent = resource.to_dict()
    error = intent.get("last_payment_error") or {}
    return Intent(
        id=intent["id"],
        status=intent["status"],
        amount=from_minor(intent["amount"]),
        client_secret=intent.get("client_secret") or "",
        failure=(error.get("message") or "") if error else "",
        failure_code=(error.get("decline_code") or error.get("code") or "") if error else "",
        next_action=intent.get("next_action") or None,
    )


class DemoGateway:
    """A gateway that moves no money, for the embedded default and the browser tests.

    Its "card network" is the attempt row itself: the demo payment page writes the outcome
    there, chosen by Stripe's own test card numbers (4242… pays, 4000 0000 0000 0002 is
    declined), so that the same code path as Stripe reads it back.
    """

    code = "demo"
    methods = ("card",)
    DECLINE_CARDS = {"4000000000000002", "4000000000009995"}

    def create_intent(
        self,
        *,
        amount: Decimal,
        currency: str,
        order_number: str,
        attempt: str,
        email: str,
        method: str = "card",
        return_url: str = "",
    ) -> Intent:
        return Intent(
            id=f"demo_pi_{attempt.replace('-', '')}",
            status="requires_payment_method",
            amount=amount,
            client_secret="",
        )

    def retrieve_intent(self, intent_id: str) -> Intent:
        from .models import PaymentAttempt

        attempt = PaymentAttempt.objects.get(intent_id=intent_id)
        status = {"paid": "succeeded", "declined": "requires_payment_method"}.get(
            attempt.demo_outcome, "requires_payment_method"
        )
        declined = attempt.demo_outcome == "declined"
        return Intent(
            id=intent_id,
            status=status,
            amount=attempt.amount,
            failure="Your card was declined." if declined else "",
            failure_code="generic_decline" if declined else "",
        )

    def refund(self, *, intent_id: str, amount: Decimal, key: str) -> str:
        return f"demo_re_{key}"[:64]

    def outcome_for_card(self, number: str) -> str:
        digits = "".join(ch for ch in number if ch.isdigit())
        return "declined" if digits in self.DECLINE_CARDS else "paid"


def gateway():
    """Stripe when a secret key is configured, else the demo gateway."""
    if settings.STRIPE_SECRET_KEY:
        return StripeGateway(settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET)
    return DemoGateway()


def gateway_for(code: str):
    if code == StripeGateway.code:
        return StripeGateway(settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET)
    return DemoGateway()
