"""What the shop offers for one appliance model: parts that fit, warranty plans, cleaning visits.

The e-manual (the QR landing) shows these under the manual. Two queries (products, their
stock records) serve all three lists, however many models, plans or parts the catalogue
holds, and `cached_offers_for` keeps the result per model and language until a product,
price or stock changes (catalog/freshness.py), so a price or stock change shows at once.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import OuterRef, Q, Subquery
from oscar.core.loading import get_model

from appliances.models import ApplianceModel
from catalog import freshness
from catalog.kinds import CATEGORY, CLEANING, CONSUMABLE, PLAN, PRICE_BAND, TERM_YEARS, band_holds
from groundwork import generations

Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")


@dataclass(frozen=True)
class Offers:
    consumables: list = field(default_factory=list)
    plans: list = field(default_factory=list)
    cleaning: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.consumables or self.plans or self.cleaning)


def offers_for(appliance_model: ApplianceModel) -> Offers:
    """Browsable products for `appliance_model`, each list in the shop's own order.

    Plans are the ones for the model's category whose price band holds its list price;
    cleaning visits are those for its category; consumables are the parts marked compatible.
    """
    products = list(
        Product.objects.browsable()
        # What the strategy reads to price a product, and no more: base_queryset() also
        # prefetches children, options and images for the shop's cards, four queries that
        # a line with a title, a price and a link never uses.
        .select_related("product_class")
        .prefetch_related("stockrecords")
        .filter(
            Q(product_class__slug=CONSUMABLE, compatible_models=appliance_model)
            | Q(
                product_class__slug__in=[PLAN, CLEANING],
                # One filter() call: both conditions must hold on the same attribute row.
                attribute_values__attribute__code=CATEGORY,
                attribute_values__value_text=appliance_model.category,
            )
        )
        .annotate(price_band=_attribute(PRICE_BAND), term_years=_attribute(TERM_YEARS, "integer"))
        .distinct()
        .order_by("title", "pk")
    )
    by_class: dict[str, list] = {CONSUMABLE: [], PLAN: [], CLEANING: []}
    for product in products:
        by_class[product.product_class.slug].append(product)
    plans = [
        plan for plan in by_class[PLAN] if band_holds(plan.price_band, appliance_model.list_price)
    ]
    plans.sort(key=lambda plan: (plan.term_years or 0, plan.pk))
    return Offers(consumables=by_class[CONSUMABLE], plans=plans, cleaning=by_class[CLEANING])


OFFERS_CACHE_SECONDS = 6 * 60 * 60


def cached_offers_for(appliance_model: ApplianceModel, *, language: str) -> Offers:
    """`offers_for`, kept per model and language until the catalogue or stock changes.

    Keyed on the model's category and list price too, which choose its plans.
    """
    tokens = generations.current(freshness.CATALOGUE, freshness.STOCK)
    key = ":".join(
        [
            "offers",
            str(appliance_model.pk),
            appliance_model.category,
            str(appliance_model.list_price),
            language,
            tokens[freshness.CATALOGUE],
            tokens[freshness.STOCK],
        ]
    )
    offers = cache.get(key)
    if offers is None:
        offers = offers_for(appliance_model)
        cache.set(key, offers, timeout=OFFERS_CACHE_SECONDS)
    return offers


def _attribute(code: str, kind: str = "text"):
    # A subquery per attribute keeps it one query; Oscar's attribute prefetch would add two.
    values = ProductAttributeValue.objects.filter(product=OuterRef("pk"), attribute__code=code)
    return Subquery(values.values(f"value_{kind}")[:1])
