"""Stripe at the HTTP layer: recorded API bodies, served by `responses`, and webhooks signed
for real with the stripe library's own signature code.

`FakeStripe` keeps the intents it created so that "the browser confirmed the card" is one
call (`confirm`), after which Stripe's API answers as it would.
"""

import copy
import itertools
import json
import re
import time
import urllib.parse
from pathlib import Path

import responses
import stripe

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "stripe"
API = "https://api.stripe.com/v1"
SECRET_KEY = "sk_test_51QbUZxLkdIwHu7ixAftercareTestKey000000000000000"
PUBLISHABLE_KEY = "pk_test_51QbUZxLkdIwHu7ixAftercareTestKey000000000000000"
WEBHOOK_SECRET = "whsec_4f1b2c3d4e5f60718293a4b5c6d7e8f9"

_ids = itertools.count(1)
WALLET_OPTIONS = {"alipay": {}, "wechat_pay": {"app_id": None, "client": "web"}}


def recorded(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


class FakeStripe:
    def __init__(self, mock: responses.RequestsMock):
        self.mock = mock
        self.intents: dict[str, dict] = {}
        self.refunds: list[dict] = []
        self.idempotency_keys: list[str] = []
        # The form-encoded parameters of every create, as Stripe received them.
        self.created: list[dict] = []
        self.refunds_down = False
        # How many of the next intent reads answer 500, as Stripe does in an incident.
        self.reads_failing = 0
        mock.add_callback(responses.POST, f"{API}/payment_intents", callback=self._create)
        mock.add_callback(
            responses.GET, re.compile(rf"{API}/payment_intents/pi_\w+$"), callback=self._retrieve
        )
        mock.add_callback(responses.POST, f"{API}/refunds", callback=self._refund)

    # --- what the browser and the card network do -------------------------------------

    def confirm(self, intent_id: str) -> dict:
        intent = self.intents[intent_id]
        intent.update(
            status="succeeded",
            amount_received=intent["amount"],
            latest_charge=f"ch_{intent_id[3:]}",
        )
        return copy.deepcopy(intent)

    def decline(self, intent_id: str) -> dict:
        intent = self.intents[intent_id]
        intent.update(
            status="requires_payment_method", last_payment_error=recorded("card_declined_error")
        )
        return copy.deepcopy(intent)

    def cancel(self, intent_id: str, reason: str = "abandoned") -> dict:
        """A wallet payment the customer walked away from, cancelled (by us or Stripe)."""
        intent = self.intents[intent_id]
        intent.update(
            status="canceled",
            next_action=None,
            cancellation_reason=reason,
            canceled_at=int(time.time()),
        )
        return copy.deepcopy(intent)

    # --- Stripe's API -------------------------------------------------------------------

    def _create(self, request):
        params = dict(urllib.parse.parse_qsl(request.body))
        self.idempotency_keys.append(request.headers.get("Idempotency-Key", ""))
        self.created.append(params)
        intent = recorded("payment_intent")
        intent_id = f"pi_3QbUaHLkdIwHu7ix{next(_ids):010d}"
        types = [value for key, value in params.items() if key.startswith("payment_method_types[")]
        if types:
            intent["payment_method_types"] = types
        wallet = params.get("payment_method_data[type]")
        if params.get("confirm") == "true" and wallet in ("alipay", "wechat_pay"):
            # Confirmed on the server: Stripe answers with what the customer does next.
            action = recorded(f"next_action_{wallet}")
            if wallet == "alipay":
                action["alipay_handle_redirect"]["return_url"] = params.get("return_url")
            intent.update(
                status="requires_action",
                next_action=action,
                payment_method=f"pm_3QbUaHLkdIwHu7ix{next(_ids):010d}",
                payment_method_options={wallet: WALLET_OPTIONS[wallet]},
            )
        intent.update(
            id=intent_id,
            amount=int(params["amount"]),
            currency=params["currency"],
            client_secret=f"{intent_id}_secret_oBvJ5cPz8hTq3nEw9yXkR2mLd",
            description=params.get("description"),
            metadata={
                "attempt": params.get("metadata[attempt]", ""),
                "order_number": params.get("metadata[order_number]", ""),
            },
            created=int(time.time()),
        )
        self.intents[intent_id] = intent
        return 200, {"Request-Id": "req_create"}, json.dumps(intent)

    def _retrieve(self, request):
        if self.reads_failing > 0:
            self.reads_failing -= 1
            error = {"error": {"type": "api_error", "message": "An unknown error occurred"}}
            return 500, {"Request-Id": "req_500"}, json.dumps(error)
        intent_id = request.url.rsplit("/", 1)[-1]
        if intent_id not in self.intents:
            error = {
                "error": {
                    "type": "invalid_request_error",
                    "code": "resource_missing",
                    "message": f"No such payment_intent: '{intent_id}'",
                }
            }
            return 404, {}, json.dumps(error)
        return 200, {}, json.dumps(self.intents[intent_id])

    def _refund(self, request):
        if self.refunds_down:
            error = {"error": {"type": "api_error", "message": "Service unavailable"}}
            return 503, {}, json.dumps(error)
        params = dict(urllib.parse.parse_qsl(request.body))
        refund = recorded("refund")
        refund.update(
            id=f"re_3QbUaHLkdIwHu7ix{next(_ids):010d}",
            amount=int(params["amount"]),
            payment_intent=params["payment_intent"],
        )
        self.refunds.append(refund)
        return 200, {}, json.dumps(refund)


def event(kind: str, intent: dict, *, event_id: str | None = None) -> dict:
    body = recorded("event")
    body.update(
        id=event_id or f"evt_3QbUaHLkdIwHu7ix{next(_ids):010d}",
        type=kind,
        created=int(time.time()),
    )
    body["data"]["object"] = copy.deepcopy(intent)
    return body


def signed(body: dict, *, secret: str = WEBHOOK_SECRET, seconds_ago: int = 0):
    """The raw body and the Stripe-Signature header Stripe would send with it, signed
    `seconds_ago` before now (read when signing, so a parametrized age stays an age)."""
    payload = json.dumps(body, separators=(",", ":"))
    timestamp = int(time.time()) - seconds_ago
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)
    return payload, header
