"""Loading for shop pages whose views are Oscar's own: the product page, its card strips.

Oscar's product page fetches the product alone, then its template asks for the stock
records four times (every price and availability line), the images twice, and each
attribute's name one query at a time; its "recommended" and "recently viewed" strips cost
five queries a card. These tags load all of that once, so the page costs the same however
many attributes, recommendations or viewed products it shows.
"""

from django import template
from django.db.models import F, Prefetch, prefetch_related_objects
from oscar.core.loading import get_model

from catalog.search.cards import as_cards

ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")

register = template.Library()


@register.simple_tag
def prefetch_product_page(product) -> str:
    """Load `product`'s stock records, images and attribute values in three queries.

    Attribute values go where Oscar's own prefetch_attribute_values() puts them, so
    `product.attr` and get_attribute_values() read them without a query.
    """
    prefetch_related_objects(
        [product],
        "stockrecords",
        "images",
        Prefetch(
            "attribute_values",
            queryset=ProductAttributeValue.objects.select_related(
                "attribute", "value_option"
            ).annotate(code=F("attribute__code")),
            to_attr="_prefetched_attribute_values",
        ),
    )
    return ""


@register.simple_tag
def prefetch_cards(products) -> list:
    """`products` reloaded for cards, same order: four queries for any number of them."""
    return as_cards(products)
