"""What the shop sells, by Oscar product class, and how a plan product reads its terms.

Product variety is data (STYLE.md rule 1): a plan, a cleaning visit and a consumable are
product classes with attributes. The attribute codes are spelled here and nowhere else.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import strip_tags

CONSUMABLE = "consumable"
PLAN = "extended-warranty"
CLEANING = "cleaning-service"
SERVICE_KINDS = (PLAN, CLEANING)

# Attribute codes on the plan and cleaning product classes.
CATEGORY = "category"
PRICE_BAND = "price_band"
TERM_YEARS = "term_years"
COVERAGE = "coverage"
DURATION_MINUTES = "duration_minutes"


def product_kind(product) -> str:
    return product.get_product_class().slug


def band_holds(band: str | None, price: Decimal) -> bool:
    """Whether a price-band key ("under-3000", "3000-6000") holds `price`, lower bound included.

    A key that is not a band (an editor's typo) holds nothing, so no wrong plan is offered.
    """
    if not band:
        return False
    low, _sep, high = band.partition("-")
    try:
        lower = Decimal(0) if low == "under" else Decimal(low)
        upper = Decimal(high)
    except ArithmeticError:
        return False
    return lower <= price < upper


@dataclass(frozen=True)
class PlanTerms:
    """An extended-warranty product's terms: which appliances it covers and for how long."""

    category: str | None
    price_band: str | None
    term_months: int
    coverage: str

    @classmethod
    def of(cls, product) -> "PlanTerms":
        attr = product.attr
        return cls(
            category=getattr(attr, CATEGORY, None),
            price_band=getattr(attr, PRICE_BAND, None),
            term_months=12 * int(getattr(attr, TERM_YEARS, 1) or 1),
            coverage=strip_tags(getattr(attr, COVERAGE, "") or ""),
        )

    def holds_price(self, list_price: Decimal) -> bool:
        """Whether the plan's price band holds an appliance model's list price."""
        return band_holds(self.price_band, list_price)

    def fits_model(self, appliance_model) -> bool:
        return appliance_model.category == self.category and self.holds_price(
            appliance_model.list_price
        )


def visit_category(product) -> str | None:
    """The appliance category a cleaning visit is for."""
    return getattr(product.attr, CATEGORY, None)


def visit_minutes(product) -> int:
    return int(getattr(product.attr, DURATION_MINUTES, 120) or 120)
