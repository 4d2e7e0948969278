"""Our URLs plus the references our pages are measured against: Oscar's stock product page
and basket, and our own catalogue at 48 cards a page (against the usual 12).

The stock page is Oscar's own ProductDetailView class, imported directly (not through
get_class, which would pick up a fork), rendered with Oscar's own detail.html and, through
it, Oscar's own layout.html and partials. Our portal/templates overrides those paths, so the
view renders with the "oscar_stock" template engine of tests/bench/settings.py, which sees
only Oscar's template folder. Everything else (middleware, basket, strategy, context
processors, database, language) is what our own product page gets.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path
from oscar.apps.basket.views import BasketView
from oscar.apps.catalogue.views import ProductDetailView

from catalog.search.views.catalogue import CatalogueView
from portal import urls as portal_urls

stock_product_detail = ProductDetailView.as_view(
    template_engine="oscar_stock",
    template_name="oscar/catalogue/detail.html",
    # The product's own URL is our page; without this the stock view would redirect there.
    enforce_paths=False,
)

stock_basket = BasketView.as_view(template_engine="oscar_stock")


class CatalogueOf48(CatalogueView):
    def get_paginate_by(self, queryset):
        return 48


# First, and under the same language prefix as our shop: Wagtail's catch-all in
# portal.urls would otherwise answer /zh-hans/bench/... with a 404.
urlpatterns = [
    *i18n_patterns(
        path(
            "bench/oscar-product/<slug:product_slug>_<int:pk>/",
            stock_product_detail,
            name="bench-oscar-product",
        ),
        path("bench/oscar-basket/", stock_basket, name="bench-oscar-basket"),
        path("bench/catalogue-48/", CatalogueOf48.as_view(), name="bench-catalogue-48"),
        prefix_default_language=True,
    ),
    *portal_urls.urlpatterns,
]

handler404 = portal_urls.handler404
handler500 = portal_urls.handler500
