"""The shop's product classes and products for tests, on Oscar's own factories.

The classes carry the attributes the shop reads (catalog.kinds): a plan's category, price
band, term and coverage, a visit's category and duration, a part's number. Products are
sold by one partner with a tax-inclusive price, as the shop's strategy expects. Nothing
here reads the demo data, so a demo edit cannot break a test that uses these.
"""

import itertools
from decimal import Decimal

from oscar.core.loading import get_model
from oscar.test.factories import create_stockrecord

from catalog.kinds import CLEANING, CONSUMABLE, PLAN

ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
Partner = get_model("partner", "Partner")

_sequence = itertools.count(1)

TEXT, INTEGER, RICHTEXT = ProductAttribute.TEXT, ProductAttribute.INTEGER, ProductAttribute.RICHTEXT

# slug: (name, requires_shipping, track_stock, [(code, type)])
CLASSES = {
    PLAN: (
        "Extended warranty plan",
        False,
        False,
        [("term_years", INTEGER), ("category", TEXT), ("price_band", TEXT), ("coverage", RICHTEXT)],
    ),
    CLEANING: (
        "Deep-cleaning service",
        False,
        False,
        [("category", TEXT), ("duration_minutes", INTEGER)],
    ),
    CONSUMABLE: (
        "Consumable",
        True,
        True,
        [("part_number", TEXT), ("replacement_months", INTEGER)],
    ),
}


def product_class(slug: str):
    name, requires_shipping, track_stock, attributes = CLASSES[slug]
    klass, _created = ProductClass.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "requires_shipping": requires_shipping, "track_stock": track_stock},
    )
    for code, kind in attributes:
        ProductAttribute.objects.get_or_create(
            product_class=klass, code=code, defaults={"name": code, "type": kind}
        )
    return klass


def store():
    partner, _created = Partner.objects.get_or_create(code="test-store", defaults={"name": "Store"})
    return partner


def make_product(slug: str, *, title: str, price: Decimal, stock: int | None, attributes: dict):
    """A browsable product of the shop class `slug` with one stock record."""
    klass = product_class(slug)
    product = klass.products.model(product_class=klass, title=title)
    for code, value in attributes.items():
        setattr(product.attr, code, value)
    product.save()
    create_stockrecord(
        product,
        price=price,
        num_in_stock=stock,
        partner_sku=f"TEST-{next(_sequence):06d}",
        partner_name=store().name,
    )
    return product


def make_plan(
    *,
    category: str = "air_conditioner",
    price_band: str = "3000-6000",
    term_years: int = 2,
    price: Decimal = Decimal("299.00"),
    title: str | None = None,
    coverage: str = "<p>Parts and labour after the base warranty.</p>",
):
    return make_product(
        PLAN,
        title=title or f"{term_years}-year plan {next(_sequence)}",
        price=price,
        stock=None,
        attributes={
            "category": category,
            "price_band": price_band,
            "term_years": term_years,
            "coverage": coverage,
        },
    )


def make_cleaning(
    *,
    category: str = "air_conditioner",
    price: Decimal = Decimal("199.00"),
    duration_minutes: int = 120,
    title: str | None = None,
):
    return make_product(
        CLEANING,
        title=title or f"Deep clean {next(_sequence)}",
        price=price,
        stock=None,
        attributes={"category": category, "duration_minutes": duration_minutes},
    )


def make_consumable(
    *,
    fits=(),
    price: Decimal = Decimal("89.00"),
    stock: int = 50,
    title: str | None = None,
    replacement_months: int = 6,
):
    n = next(_sequence)
    product = make_product(
        CONSUMABLE,
        title=title or f"Filter {n}",
        price=price,
        stock=stock,
        attributes={"part_number": f"PN-{n:05d}", "replacement_months": replacement_months},
    )
    for appliance_model in fits:
        appliance_model.compatible_products.add(product)
    return product
