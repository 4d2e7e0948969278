"""Catalogue browsing and search read the database, not a Haystack index.

Oscar 4 browses through Haystack. Its only engine that needs no server (Simple) ignores the
category filters and returns nothing, Whoosh keeps its index on one machine's disk, and the
peer's measurements show search-engine round trips dominating listing pages. The database
already holds every product with its stock; one query with prefetches serves a page.
"""

from django.conf import settings
from django.db.models import Q
from django.views.generic import ListView
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


class ProductListView(ListView):
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    context_object_name = "products"

    def browsable_products(self):
        return (
            Product.objects.browsable()
            .base_queryset()
            .order_by("product_class__name", "title", "pk")
        )

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        return paginator, page, list(object_list), is_paginated


def matching(queryset, query: str):
    """Products whose title, description, UPC or category holds every word of `query`.

    Substring matching, so a two-character Chinese word (滤芯) finds titles with no spaces.
    """
    for word in query.split()[:8]:
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(upc__iexact=word)
            | Q(categories__name__icontains=word)
        )
    return queryset.distinct()
