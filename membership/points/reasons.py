"""The ledger's own reasons, stored in English and translated when shown (`reason_display`)."""

from django.utils.translation import gettext_noop

PAYMENT = gettext_noop("Points for an order paid")
REGISTERED_UNIT = gettext_noop("Registered an appliance")
BIRTHDAY = gettext_noop("Birthday points")
EXPIRED = gettext_noop("Points expired")
EXPIRED_ON_RETURN = gettext_noop("Returned points whose expiry date had passed")
