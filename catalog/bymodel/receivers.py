"""Shop changes that make cached offers, cards and landings stale (catalog/freshness.py).

Saves and deletes from the dashboard, the Django admin, imports and the demo loader all
pass through these; stock moved by an order goes through the stock record's own methods.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from oscar.core.loading import get_model

from appliances.models import ApplianceModel
from catalog import freshness

CATALOGUE_MODELS = [
    get_model("catalogue", name)
    for name in (
        "Product",
        "ProductClass",
        "ProductAttribute",
        "ProductAttributeValue",
        "ProductImage",
        "ProductCategory",
        "Category",
        "Option",
        "ProductRecommendation",
    )
] + [
    get_model("reviews", "ProductReview"),
    # Cards and product pages name the models a part fits.
    ApplianceModel,
]
STOCK_MODELS = [get_model("partner", "StockRecord"), get_model("partner", "Partner")]


def catalogue_changed(sender, raw=False, **kwargs):
    if not raw:
        freshness.changed(freshness.CATALOGUE)


def stock_changed(sender, raw=False, **kwargs):
    if not raw:
        freshness.changed(freshness.STOCK)


def fits_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        freshness.changed(freshness.CATALOGUE)


for model in CATALOGUE_MODELS:
    for signal in (post_save, post_delete):
        signal.connect(catalogue_changed, sender=model, dispatch_uid=f"freshness.{model.__name__}")
for model in STOCK_MODELS:
    for signal in (post_save, post_delete):
        signal.connect(stock_changed, sender=model, dispatch_uid=f"freshness.{model.__name__}")
m2m_changed.connect(
    fits_changed,
    sender=ApplianceModel.compatible_products.through,
    dispatch_uid="freshness.compatible_products",
)
