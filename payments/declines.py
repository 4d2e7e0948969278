"""Why a card was declined, in the customer's language, from Stripe's decline code.

Stripe's `last_payment_error.message` is English whatever the customer reads; its
`decline_code` (or `code` for errors that are not declines) names the reason instead.
Codes are Stripe's (https://docs.stripe.com/declines/codes); what the customer can do is
the same for many of them, so they share a sentence. An unknown code reads as a decline.
"""

from django.utils.translation import gettext_lazy as _

DECLINED = _("Your card was declined.")

REASONS = {
    "insufficient_funds": _("Your card has insufficient funds."),
    "expired_card": _("Your card has expired."),
    "incorrect_cvc": _("Your card's security code is incorrect."),
    "invalid_cvc": _("Your card's security code is incorrect."),
    "incorrect_number": _("Your card number is incorrect."),
    "invalid_number": _("Your card number is incorrect."),
    "invalid_expiry_month": _("Your card's expiry date is incorrect."),
    "invalid_expiry_year": _("Your card's expiry date is incorrect."),
    "card_velocity_exceeded": _("Your card has reached its spending limit."),
    "withdrawal_count_limit_exceeded": _("Your card has reached its spending limit."),
    "processing_error": _("An error occurred while processing your card."),
    "try_again_later": _("Your bank could not be reached."),
    "issuer_not_available": _("Your bank could not be reached."),
    "card_not_supported": _("Your card does not support this kind of purchase."),
    "currency_not_supported": _("Your card does not support payments in yuan."),
    "authentication_required": _("Your bank asked to confirm the payment, which was not done."),
}


def reason(code: str | None) -> str:
    """The customer's sentence for a Stripe decline or error code."""
    return str(REASONS.get(code or "", DECLINED))
