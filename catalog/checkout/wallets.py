"""Alipay and WeChat Pay, through Stripe PaymentIntents confirmed on the server.

The preview's choice of wallet opens an intent with that one payment method type, confirmed
at once (payments.client.StripeGateway.create_intent); Stripe answers with what the customer
must do next, and the pay page shows it:

- Alipay: a page with a plain link to Stripe's redirect, which the customer taps. The site's
  CSP keeps `form-action 'self'` (no form may post to another site); following a link is
  not governed by form-action, so the policy stays as strict as it is. The link is shown
  only for an https URL on a Stripe host: the page never sends a customer anywhere else.
- WeChat Pay: the QR code Stripe gives, drawn here as a PNG data: URL (the CSP allows
  data: images, not Stripe's image host), scanned with WeChat; the page polls the status
  endpoint and moves on when the payment is through.

Either way the order is placed by whichever comes first of the return page, the poll and
the webhook (catalog.checkout.placement locks the basket and the attempt; one order).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import segno
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payments import declines
from payments.client import Intent
from payments.models import PaymentAttempt

Method = PaymentAttempt.Method

WALLETS = (Method.ALIPAY, Method.WECHAT_PAY)

# Shown next to each choice on the preview, in the order the gateway offers them.
HINTS = {
    Method.CARD: gettext_lazy("Visa, Mastercard, UnionPay and other bank cards"),
    Method.ALIPAY: gettext_lazy("You go on to Alipay to pay, then come back here"),
    Method.WECHAT_PAY: gettext_lazy("Scan a QR code with WeChat to pay"),
}


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    hint: str


def choices(methods) -> list[Choice]:
    labels = dict(Method.choices)
    return [Choice(code, labels[code], HINTS[code]) for code in methods if code in labels]


def is_stripe_url(url) -> bool:
    """An https URL on stripe.com or one of its hosts, with nothing odd in it."""
    if not isinstance(url, str) or len(url) > 2048:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    return (
        parts.scheme == "https"
        and not parts.username
        and not parts.password
        and (host == "stripe.com" or host.endswith(".stripe.com"))
    )


def alipay_url(intent: Intent) -> str | None:
    """Where the customer goes to pay with Alipay; None unless it is Stripe's own https URL.

    Stripe names this action `alipay_handle_redirect`; some API versions and accounts answer
    with the generic `redirect_to_url`. Either is taken.
    """
    action = intent.next_action or {}
    for kind in ("alipay_handle_redirect", "redirect_to_url"):
        url = (action.get(kind) or {}).get("url")
        if is_stripe_url(url):
            return url
    return None


def wechat_qr(intent: Intent) -> str | None:
    """The WeChat Pay QR code as a PNG data: URL, drawn from the data Stripe gives."""
    action = (intent.next_action or {}).get("wechat_pay_display_qr_code") or {}
    data = action.get("data")
    if not isinstance(data, str) or not data or len(data) > 1024:
        return None
    return segno.make(data, error="m", micro=False).png_data_uri(scale=6, border=2)


def failure_message(attempt: PaymentAttempt) -> str:
    """Why the customer is back at the preview, in their language, whatever Stripe said."""
    if attempt.method == Method.ALIPAY:
        return _(
            "Your Alipay payment did not go through or was cancelled. Nothing was charged and "
            "your basket is as you left it: choose a way to pay and try again."
        )
    if attempt.method == Method.WECHAT_PAY:
        return _(
            "Your WeChat Pay payment did not go through or the QR code expired. Nothing was "
            "charged and your basket is as you left it: choose a way to pay and try again."
        )
    return _(
        "Your payment was declined: %(reason)s Nothing was charged and your basket is as you "
        "left it. Try another card."
    ) % {"reason": declines.reason(attempt.failure_code)}


def page_context(attempt: PaymentAttempt, intent: Intent) -> dict | None:
    """What the wallet's pay page shows; None when Stripe gave nothing usable."""
    if attempt.method == Method.ALIPAY:
        url = alipay_url(intent)
        return {"alipay_url": url} if url else None
    if attempt.method == Method.WECHAT_PAY:
        qr = wechat_qr(intent)
        return {"wechat_qr": qr} if qr else None
    return None
