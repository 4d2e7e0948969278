"""Products loaded the way a shop card shows them, in a fixed number of queries.

A card reads the product class (VAT, add-to-basket rules), stock records (price and stock),
images (the picture) and whether the product has options (Oscar then leaves out the quick
add button). Oscar's base_queryset() also prefetches both option lists, which nothing on a
card reads once the two Exists annotations answer has_options: two queries saved a page.
"""

from django.db.models import Exists, OuterRef, prefetch_related_objects
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Option = get_model("catalogue", "Option")
StockRecord = get_model("partner", "StockRecord")

# Children are read only for parent products, but a page may hold one.
CARD_RELATIONS = ("children", "stockrecords", "images")


def card_queryset(products=None, *, prefetch: bool = True):
    """`products` (all products by default) with what a card reads joined or prefetched.

    Listings pass `prefetch=False`: their cards mostly come from the cache
    (catalog/search/templatetags/shop_cache.py), which loads the relations of the few it
    has to draw with `load_for_cards`.
    """
    products = Product.objects.all() if products is None else products
    products = products.select_related("product_class").annotate(
        has_product_class_options=Exists(
            Option.objects.filter(productclass=OuterRef("product_class"))
        ),
        has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
    )
    return products.prefetch_related(*CARD_RELATIONS) if prefetch else products


def load_for_cards(products) -> None:
    """Fetch what drawing their cards reads for `products` (three queries for any number;
    none for relations already fetched)."""
    prefetch_related_objects(list(products), *CARD_RELATIONS)


def stock_of(products) -> dict[int, list[tuple]]:
    """(id, price, in stock, allocated) of each product's stock records, by product id.

    From the prefetched records where there are some, else in one query of plain values:
    a listing's cards key on them, and building 48 related querysets to read four numbers
    each cost more than drawing a card from the cache.
    """
    stock: dict[int, list[tuple]] = {}
    unknown = []
    for product in products:
        prefetched = getattr(product, "_prefetched_objects_cache", {}).get("stockrecords")
        if prefetched is None:
            unknown.append(product.pk)
        else:
            stock[product.pk] = [
                (record.pk, record.price, record.num_in_stock, record.num_allocated)
                for record in prefetched
            ]
    if unknown:
        for product_id, *record in (
            StockRecord.objects.filter(product_id__in=unknown)
            .order_by("pk")
            .values_list("product_id", "pk", "price", "num_in_stock", "num_allocated")
        ):
            stock.setdefault(product_id, []).append(tuple(record))
    return stock


def as_cards(products) -> list:
    """The same products in the same order, reloaded for cards: four queries for any number.

    For lists Oscar builds without prefetching (recommendations, recently viewed), whose
    cards would otherwise cost five queries each.
    """
    ids = [product.pk for product in products]
    if not ids:
        return []
    loaded = card_queryset().in_bulk(ids)
    return [loaded[pk] for pk in ids if pk in loaded]
