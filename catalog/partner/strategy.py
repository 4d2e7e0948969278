"""How the shop prices and sells: tax-inclusive CNY prices, one service per basket line.

Chinese shelf prices include VAT (含税价), so a stock record's price is what the customer
pays and the VAT inside it is worked back out, never added on top. Goods and services
carry different VAT rates, chosen by product class.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import strategy
from oscar.core.loading import get_class

from catalog.kinds import CLEANING, PLAN

Available = get_class("partner.availability", "Available")
UnavailablePrice = get_class("partner.prices", "Unavailable")
TaxInclusiveFixedPrice = get_class("partner.prices", "TaxInclusiveFixedPrice")

# VAT rates are law, not deployment: they change with a tax notice, through a reviewed
# commit and its tests, never per machine, so they live here rather than in settings.
# 13 % for goods (增值税一般税率), 6 % for modern services such as plans and home visits.
VAT_GOODS = Decimal("0.13")
VAT_SERVICES = Decimal("0.06")

# Product classes sold as services: their VAT rate and why the basket holds one per line.
# A plan is tied to one registered unit and a visit to one slot, so quantity 2 means nothing.
SERVICE_CLASSES = {
    PLAN: _("One plan covers one unit: add it again for another unit."),
    CLEANING: _("Book each visit separately."),
}

CENT = Decimal("0.01")


def vat_rate(product) -> Decimal:
    """The VAT rate in a product's price; anything not listed as a service is goods."""
    slug = product.get_product_class().slug
    return VAT_SERVICES if slug in SERVICE_CLASSES else VAT_GOODS


def split_vat(price_incl_tax: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(excl_tax, tax) that add up to exactly `price_incl_tax`, rounded half up to the fen."""
    excl_tax = (price_incl_tax / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return excl_tax, price_incl_tax - excl_tax


class OnePerLine(Available):
    """Always available, but a basket line holds one: each service is its own purchase."""

    # Oscar's Basket.is_quantity_allowed names `num_available` when lines of one product
    # together pass the limit; without it that check ends in an AttributeError.
    num_available = 1

    def __init__(self, reason):
        self.reason = reason

    def is_purchase_permitted(self, quantity):
        if quantity > 1:
            return False, self.reason
        return True, ""


class OneServicePerLine(strategy.StockRequired):
    """Availability mixin: stock rules for goods, one per line for service classes."""

    def availability_policy(self, product, stockrecord):
        reason = SERVICE_CLASSES.get(product.get_product_class().slug)
        if stockrecord and reason is not None:
            return OnePerLine(reason)
        return super().availability_policy(product, stockrecord)


class ChineseVATIncluded:
    """Pricing mixin: the stock record price includes VAT at the product's rate."""

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return UnavailablePrice()
        rate = vat_rate(product)
        excl_tax, tax = split_vat(stockrecord.price, rate)
        return TaxInclusiveFixedPrice(
            currency=stockrecord.price_currency,
            excl_tax=excl_tax,
            tax=tax,
            # Kept on order lines, so an invoice can show the rate each line was taxed at.
            tax_code=f"VAT{rate * 100:.0f}",
        )

    def parent_pricing_policy(self, product, children_stock):
        # Like Oscar's mixins: a parent shows the price of its first child with a record.
        for child, stockrecord in children_stock:
            if stockrecord is not None:
                return self.pricing_policy(child, stockrecord)
        return UnavailablePrice()


class Aftercare(
    strategy.UseFirstStockRecord, OneServicePerLine, ChineseVATIncluded, strategy.Structured
):
    """One partner, so the first stock record; VAT-inclusive CNY prices."""

    def fetch_for_line(self, line, stockrecord=None):
        # The line already holds its stock record (loaded with the basket's lines); Oscar's
        # default looks it up again, one query per line on every page with a mini basket.
        return self.fetch_for_product(line.product, stockrecord or line.stockrecord)


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return Aftercare(request)
