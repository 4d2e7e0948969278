"""Which appliance models a product fits: badges on shop cards, the list on a product page.

A consumable fits the models marked compatible with it. A plan or a cleaning visit fits
the models of the appliance category it names, a plan only those whose list price its
price band holds (the rule offers_for() applies). Each question costs one query, however
many products a page shows or units a customer owns.
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Exists, FilteredRelation, OuterRef, Q, Subquery, Value
from oscar.core.loading import get_model

from aftersales.models import RegisteredUnit
from appliances.models import ApplianceModel, Category
from catalog.kinds import (
    CATEGORY,
    CLEANING,
    CONSUMABLE,
    PLAN,
    PRICE_BAND,
    SERVICE_KINDS,
    band_holds,
    product_kind,
)

ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")


def with_fit_attributes(products):
    """`products` annotated with what matching a service needs: its category and price band.

    Two scalar subqueries inside the listing's own query, so a page of cards is matched to
    a customer's units without loading attribute rows.
    """
    return products.annotate(
        fits_category=_attribute_value(CATEGORY),
        fits_price_band=_attribute_value(PRICE_BAND),
    )


def owned_fits(user, products) -> dict[int, list[str]]:
    """{product id: model numbers of `user`'s units that the product fits} for one page.

    One query: the models of the user's units, each joined to whichever of these products
    it lists as compatible. Services match in Python on the category and price band that
    with_fit_attributes() put on them. Anonymous visitors cost nothing.
    """
    products = list(products)
    if not user.is_authenticated or not products:
        return {}
    rows = (
        ApplianceModel.objects.filter(registered_units__owner=user)
        .annotate(
            page_fit=FilteredRelation(
                "compatible_products",
                condition=Q(compatible_products__in=[product.pk for product in products]),
            )
        )
        .values_list("model_number", "category", "list_price", "page_fit__id")
        .order_by("model_number")
        .distinct()
    )
    owned: dict[str, tuple] = {}
    fits: dict[int, list[str]] = {}
    for model_number, category, list_price, product_id in rows:
        owned[model_number] = (category, list_price)
        if product_id is not None:
            fits.setdefault(product_id, []).append(model_number)
    for product in products:
        kind = product_kind(product)
        if kind not in SERVICE_KINDS:
            continue
        category = getattr(product, "fits_category", None)
        band = getattr(product, "fits_price_band", None)
        matches = [
            number
            for number, (model_category, list_price) in owned.items()
            if model_category == category and (kind == CLEANING or band_holds(band, list_price))
        ]
        if matches:
            fits[product.pk] = matches
    return fits


@dataclass(frozen=True)
class ProductFits:
    """What a product page says about the appliances a product is for."""

    kind: str
    # The appliance category a plan or visit covers, as its label; "" for parts.
    category: str = ""
    # Active ApplianceModels, each with `owned` (the viewer has a unit of it), owned first.
    models: list = field(default_factory=list)

    @property
    def owned(self) -> list:
        return [model for model in self.models if model.owned]


def fits_for_product(product, user) -> ProductFits:
    """The active models `product` fits, each marked `owned` when `user` has a unit of it.

    One query for the models, with ownership as an EXISTS per row. A service's category and
    price band are read from the product's attribute values: free when the page prefetched
    them (the product page does), one query more otherwise.
    """
    kind = product_kind(product)
    if kind == CONSUMABLE:
        models = ApplianceModel.objects.active().filter(compatible_products=product)
        category = ""
    elif kind in SERVICE_KINDS:
        values = {value.attribute.code: value.value for value in product.get_attribute_values()}
        category = values.get(CATEGORY) or ""
        band = values.get(PRICE_BAND)
        models = ApplianceModel.objects.active().filter(category=category)
    else:
        return ProductFits(kind=kind)
    if user.is_authenticated:
        owned = Exists(RegisteredUnit.objects.owned_by(user).filter(appliance_model=OuterRef("pk")))
    else:
        owned = Value(False, output_field=BooleanField())
    models = list(models.annotate(owned=owned).order_by("-owned", "model_number"))
    if kind == PLAN:
        models = [model for model in models if band_holds(band, model.list_price)]
    return ProductFits(kind=kind, category=category_label(category), models=models)


def category_label(code: str) -> str:
    """The label of an appliance category code, "" for a code that is not one."""
    try:
        return str(Category(code).label)
    except ValueError:
        return ""


def _attribute_value(code: str):
    values = ProductAttributeValue.objects.filter(product=OuterRef("pk"), attribute__code=code)
    return Subquery(values.values("value_text")[:1])
