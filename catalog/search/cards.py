"""Products loaded the way a shop card shows them, in a fixed number of queries.

A card reads the product class (VAT, add-to-basket rules), stock records (price and stock),
images (the picture) and whether the product has options (Oscar then leaves out the quick
add button). Oscar's base_queryset() also prefetches both option lists, which nothing on a
card reads once the two Exists annotations answer has_options: two queries saved a page.
"""

from django.db.models import Exists, OuterRef
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Option = get_model("catalogue", "Option")


def card_queryset(products=None):
    """`products` (all products by default) with what a card reads joined or prefetched."""
    products = Product.objects.all() if products is None else products
    return (
        products.select_related("product_class")
        .annotate(
            has_product_class_options=Exists(
                Option.objects.filter(productclass=OuterRef("product_class"))
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        # Children are read only for parent products, but a page may hold one.
        .prefetch_related("children", "stockrecords", "images")
    )


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
