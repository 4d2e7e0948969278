"""Catalogue browsing and search read the database, not a Haystack index.

Oscar 4 browses through Haystack. Its only engine that needs no server (Simple) ignores the
category filters and returns nothing, Whoosh keeps its index on one machine's disk, and the
peer's measurements show search-engine round trips dominating listing pages. The database
already holds every product with its stock; one query with prefetches serves a page, and one
more marks the cards that fit a signed-in customer's registered units.
"""

from django.conf import settings
from django.db.models import Case, Q, Value, When
from django.views.generic import ListView
from modeltranslation.utils import build_localized_fieldname
from oscar.core.loading import get_model

from appliances.synonyms import Alternatives, expand
from catalog.bymodel.compatibility import owned_fits, with_fit_attributes
from catalog.kinds import CLEANING, CONSUMABLE, PLAN
from catalog.search.cards import card_queryset

Product = get_model("catalogue", "Product")

# The shelves of a listing, in the same order in every language: parts (what customers buy
# most, and can put in the basket from the card), then plans, then visits, then any class
# staff add later, by its slug. Ordering by the class's name followed the visitor's language,
# so a customer switching language on page 2 landed among other products.
SHELF_ORDER = (CONSUMABLE, PLAN, CLEANING)
SHELF = Case(
    *(When(product_class__slug=slug, then=Value(rank)) for rank, slug in enumerate(SHELF_ORDER)),
    default=Value(len(SHELF_ORDER)),
)


class ProductListView(ListView):
    context_object_name = "products"

    def get_paginate_by(self, queryset):
        # Read per request, so a test (or a deployment) can change the page size.
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def browsable_products(self):
        # Cards come from the cache; the ones drawn load their own relations.
        products = card_queryset(Product.objects.browsable(), prefetch=False)
        if self.request.user.is_authenticated:
            # What matching plans and visits to the customer's units reads, in the same query.
            products = with_fit_attributes(products)
        return products.order_by(SHELF, "product_class__slug", "title", "pk")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = list(object_list)
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        products = context["object_list"]
        fits = owned_fits(self.request.user, products)
        for product in products:
            # Model numbers of the customer's units this product fits, for the card's badge.
            product.fits_owned = fits.get(product.pk, [])
        context["fits_owned"] = fits
        return context


def matching(queryset, query: str | list[Alternatives]):
    """Products whose title, description, UPC, category or fitting model holds every word.

    Substring matching, so a two-character Chinese word (滤芯) finds titles with no spaces;
    every language's title, description and category name is searched, so an English word
    finds a product on a Chinese page and the other way round. Each word may also be any of
    its synonyms (appliances.synonyms: filter finds 滤芯), and a model's number or name, as
    its manual gives them, finds the parts that fit it.
    """
    groups = expand(query) if isinstance(query, str) else query
    for alternatives in groups[:8]:
        condition = Q()
        for word in alternatives:
            for code, _name in settings.LANGUAGES:
                for field in ("title", "description", "categories__name"):
                    condition |= Q(**{f"{build_localized_fieldname(field, code)}__icontains": word})
            condition |= (
                Q(upc__iexact=word)
                | Q(compatible_models__model_number__icontains=word)
                | Q(compatible_models__name__icontains=word)
                | Q(compatible_models__name_en__icontains=word)
            )
        queryset = queryset.filter(condition)
    return queryset.distinct()
