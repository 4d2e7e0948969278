"""The shop's product classes and products for tests, on Oscar's own factories.

The classes carry the attributes the shop reads (catalog.kinds): a plan's category, price
band, term and coverage, a visit's category and duration, a part's number. Products are
sold by one partner with a tax-inclusive price, as the shop's strategy expects, and each
is shelved in its kind's root category of the browse tree, as the shop lists them. Nothing
here reads the demo data, so a demo edit cannot break a test that uses these.
"""

import itertools
from decimal import Decimal

from django.conf import settings
from oscar.core.loading import get_model
from oscar.test.factories import create_stockrecord

from catalog.kinds import CLEANING, CONSUMABLE, PLAN

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

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


# The browse tree: one root category per kind, its name in Chinese as the shop's is (the
# catalogue's "ways to shop" and the category pages find them by code).
BROWSE_TREE = {
    PLAN: ("extended-warranties", "延保服务"),
    CLEANING: ("deep-cleaning", "深度清洗"),
    CONSUMABLE: ("consumables", "耗材配件"),
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


def shelf(slug: str):
    """The root category of the browse tree that products of the shop class `slug` sit in."""
    code, name = BROWSE_TREE[slug]
    category = Category.objects.filter(code=code).first()
    if category is None:
        # Treebeard places nodes itself; add_root is the only way in for a root.
        category = Category.add_root(code=code, name=name, slug=code)
    return category


def browse_tree() -> dict:
    """{category code: Category} for the three kinds, made on first use."""
    return {BROWSE_TREE[slug][0]: shelf(slug) for slug in BROWSE_TREE}


def make_product(
    slug: str,
    *,
    title: str,
    price: Decimal,
    stock: int | None,
    attributes: dict,
    upc: str | None = None,
    description: str = "",
):
    """A browsable product of the shop class `slug` with one stock record, on its shelf."""
    klass = product_class(slug)
    product = klass.products.model(
        product_class=klass, title=title, upc=upc, description=description
    )
    for code, value in attributes.items():
        setattr(product.attr, code, value)
    product.save()
    ProductCategory.objects.create(product=product, category=shelf(slug))
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
    upc: str | None = None,
    description: str = "",
):
    return make_product(
        PLAN,
        title=title or f"{term_years}-year plan {next(_sequence)}",
        price=price,
        stock=None,
        upc=upc,
        description=description,
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
    upc: str | None = None,
    description: str = "",
):
    return make_product(
        CLEANING,
        title=title or f"Deep clean {next(_sequence)}",
        price=price,
        stock=None,
        upc=upc,
        description=description,
        attributes={"category": category, "duration_minutes": duration_minutes},
    )


def make_consumable(
    *,
    fits=(),
    price: Decimal = Decimal("89.00"),
    stock: int = 50,
    title: str | None = None,
    replacement_months: int = 6,
    upc: str | None = None,
    description: str = "",
):
    n = next(_sequence)
    product = make_product(
        CONSUMABLE,
        title=title or f"Filter {n}",
        price=price,
        stock=stock,
        upc=upc,
        description=description,
        attributes={"part_number": f"PN-{n:05d}", "replacement_months": replacement_months},
    )
    for appliance_model in fits:
        appliance_model.compatible_products.add(product)
    return product


def bulk_consumables(
    count: int, *, fits=(), price: Decimal = Decimal("59.00"), stock: int = 20
) -> list:
    """`count` browsable parts on the consumables shelf, fitting the models in `fits`.

    Written with bulk_create (four queries for any count), so a size test can grow the
    catalogue to hundreds of products in well under a second. Titles hold 滤芯 and "filter",
    so a search for either finds them in both languages.
    """
    klass, partner, category = product_class(CONSUMABLE), store(), shelf(CONSUMABLE)
    numbers = [next(_sequence) for _ in range(count)]
    products = Product.objects.bulk_create(
        Product(
            structure=Product.STANDALONE,
            product_class=klass,
            title=f"批量滤芯 {n:06d} (Bulk filter {n:06d})",
            slug=f"bulk-filter-{n:06d}",
            upc=f"BULK-{n:06d}",
            is_public=True,
        )
        for n in numbers
    )
    StockRecord.objects.bulk_create(
        StockRecord(
            product=product,
            partner=partner,
            partner_sku=product.upc,
            price=price,
            price_currency=settings.OSCAR_DEFAULT_CURRENCY,
            num_in_stock=stock,
        )
        for product in products
    )
    ProductCategory.objects.bulk_create(
        ProductCategory(product=product, category=category) for product in products
    )
    for appliance_model in fits:
        Fits = appliance_model.compatible_products.through
        Fits.objects.bulk_create(
            Fits(appliancemodel=appliance_model, product=product) for product in products
        )
    return products
