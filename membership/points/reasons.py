"""The ledger's own reasons, stored in English and translated when shown (`reason_display`)."""

from django.utils.translation import gettext_noop

PAYMENT = gettext_noop("Points for an order paid")
REGISTERED_UNIT = gettext_noop("Registered an appliance")
BIRTHDAY = gettext_noop("Birthday points")
EXPIRED = gettext_noop("Points expired")
EXPIRED_ON_RETURN = gettext_noop("Returned points whose expiry date had passed")
PAID_WITH_POINTS = gettext_noop("Points used to pay an order")
REFUND_TAKES_BACK = gettext_noop("Order refunded: points it earned taken back")
REFUND_GIVES_BACK = gettext_noop("Order refunded: points used on it given back")
APPROVED_REVIEW = gettext_noop("Product review approved")
RATED_SERVICE = gettext_noop("Rated a service visit")
COMPLETED_CLEANING = gettext_noop("Cleaning visit completed")
USEFUL_SUGGESTION = gettext_noop("Useful suggestion to the director's mailbox")
