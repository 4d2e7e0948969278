"""Shipping methods: one courier service, free once the parcel's goods reach a threshold."""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import Base
from oscar.core import prices
from oscar.templatetags.currency_filters import currency


class StandardDelivery(Base):
    """A flat courier charge, waived when the shipped goods are worth the threshold or more.

    Only lines that travel count towards the threshold: a plan or a cleaning visit in the
    same basket does not make a ¥39 filter ship free. Values are what the customer pays
    (tax included, after discounts), as on the price tags the threshold is compared with.
    """

    code = "standard"
    name = _("Standard delivery")

    @property
    def description(self):
        return _("Free on goods of %(threshold)s or more, otherwise %(charge)s.") % {
            "threshold": currency(settings.AFTERCARE_FREE_SHIPPING_THRESHOLD),
            "charge": currency(settings.AFTERCARE_SHIPPING_CHARGE),
        }

    def calculate(self, basket):
        charge = settings.AFTERCARE_SHIPPING_CHARGE
        if shipped_goods_value(basket) >= settings.AFTERCARE_FREE_SHIPPING_THRESHOLD:
            charge = Decimal("0.00")
        # The courier's charge is passed on as it is, with no VAT of ours inside it.
        return prices.Price(currency=basket.currency, excl_tax=charge, incl_tax=charge)


def shipped_goods_value(basket) -> Decimal:
    """What the customer pays for the basket's lines that need shipping, tax and discounts in."""
    return sum(
        (
            line.line_price_incl_tax_incl_discounts
            for line in basket.all_lines()
            if line.product.is_shipping_required
        ),
        Decimal("0.00"),
    )
