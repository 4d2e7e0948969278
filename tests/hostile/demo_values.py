"""Real values for route parameters, looked up in the demo data.

A route whose parameters name real rows renders its page, and the page shows the forms the
walk then posts to. The model behind a route is read from the view where it declares one
(Django's admin, Wagtail's viewsets, Oscar's generic views); the rest are named here.
"""

import uuid
from functools import cached_property

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from wagtail.models import Page, Revision

from aftersales.models import ServiceSlot
from appliances import signing
from appliances.models import ApplianceModel
from membership.models import Reward
from tests.factories.aftersales import make_booking, make_contract, make_unit

from .routes import Param, Route

CUSTOMER_EMAIL = "customer@aftercare.demo"
STAFF_EMAIL = "admin@aftercare.demo"

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


class DemoValues:
    """One walk's lookups; each runs once and is kept for the walk.

    The demo customer gets a unit, a contract, a booking and a basket line first, so their
    own pages list something and show the forms that act on it (cancel, reschedule, the
    basket's formset).
    """

    def __init__(self):
        self.customer = get_user_model().objects.get(email=CUSTOMER_EMAIL)
        model = ApplianceModel.objects.active().filter(category="air_conditioner").first()
        self.unit = make_unit(self.customer, model)
        self.contract = make_contract(self.unit)
        slot = ServiceSlot.objects.bookable(after=timezone.now()).first()
        self.booking = make_booking(self.customer, slot, unit=self.unit)
        basket, _created = Basket.open.get_or_create(owner=self.customer)
        basket.strategy = Selector().strategy(user=self.customer)
        consumable = Product.objects.filter(product_class__slug="consumable").first()
        basket.add_product(consumable or self.product)

    @cached_property
    def product(self):
        return Product.objects.browsable().order_by("pk").first()

    @cached_property
    def category(self):
        return Category.objects.order_by("pk").first()

    @cached_property
    def manual_page(self):
        return Page.objects.filter(depth__gt=2).live().order_by("-depth", "pk").first()

    @cached_property
    def pages(self) -> list:
        """One live page of each type: the catch-all serves each type with its own view."""
        seen, pages = set(), []
        for page in Page.objects.filter(depth__gt=1).live().order_by("depth", "pk"):
            if page.content_type_id not in seen:
                seen.add(page.content_type_id)
                pages.append(page)
        return pages

    @cached_property
    def by_name(self) -> dict:
        page = self.manual_page
        revision = Revision.objects.filter(object_id=str(page.pk)).order_by("pk").first()
        unit = self.unit
        code = unit.appliance_model.public_code
        order = Order.objects.filter(user=self.customer).order_by("pk").first()
        attempt_model = apps.get_model("payments", "PaymentAttempt")
        attempt = attempt_model.objects.filter(user=self.customer).first()
        return {
            "page_id": page.pk,
            "parent_page_id": page.get_parent().pk,
            "page_to_move_id": page.pk,
            "page_pk": page.pk,
            "revision_id": revision.pk if revision else 1,
            "revision_id_a": revision.pk if revision else 1,
            "revision_id_b": revision.pk if revision else 1,
            "app_label": "cms",
            "app_name": "cms",
            "content_type_app_name": "cms",
            "model_name": "video",
            "content_type_model_name": "video",
            "image_id": _first_pk("wagtailimages", "Image"),
            "document_id": _first_pk("wagtaildocs", "Document"),
            "doc_id": _first_pk("wagtaildocs", "Document"),
            "code": code,
            "serial": unit.serial,
            "sig": signing.unit_signature(code, unit.serial),
            "kind": "svg",
            "model_number": unit.appliance_model.model_number,
            "product_pk": self.product.pk,
            "product_slug": self.product.slug,
            "category_slug": self.category.full_slug,
            "order_number": order.number if order else "100001",
            "token": str(attempt.token) if attempt else str(uuid.UUID(int=1)),
            "contract": self.contract.number,
            "booking": self.booking.number,
            "slug": Reward.objects.order_by("pk").values_list("slug", flat=True).first(),
            "uidb64": "MQ",
            "action": "default_for_shipping",
            "rest": "x",
            "path": "x",
        }

    def values_for(self, route: Route) -> list[dict]:
        """Parameter values that name real rows: one set, or one per page type."""
        if route.endpoint.name == "wagtail_serve":
            return [{"_0": page.url_path.split("/", 2)[2]} for page in self.pages]
        return [{param.name: self.value(route, param) for param in route.params}]

    def value(self, route: Route, param: Param) -> str:
        name = param.name
        if route.name.startswith("aftersales:") and name == "number":
            return self.by_name["contract" if "warrant" in route.name else "booking"]
        if route.name == "catalogue:category" and name == "pk":
            return str(self.category.pk)
        if route.name.startswith("catalogue:") and name == "pk" and "review" not in route.name:
            return str(self.product.pk)
        if name in ("pk", "object_id", "number", "key", "slug", "id", "parent", "to_key"):
            found = self._from_model(route, name)
            if found is not None:
                return found
        if name in self.by_name and self.by_name[name] is not None:
            return str(self.by_name[name])
        if name == "_0" and route.name == "wagtaildocs_serve":
            return str(self.by_name["document_id"])
        return "1"

    def _from_model(self, route: Route, name: str) -> str | None:
        model = _model_of(route)
        if model is None:
            return None
        objects = model._default_manager.order_by("pk")
        if issubclass(model, Page):
            objects = objects.filter(depth__gt=1)
        row = objects.first()
        if row is None:
            return None
        if name in ("number", "key", "slug") and hasattr(row, name):
            return str(getattr(row, name))
        if name == "to_key":
            return str(getattr(row, "key", row.pk))
        return str(row.pk)


def _model_of(route: Route):
    if route.namespace == "admin" and len(route.segments) >= 3:
        app_and_model = getattr(route.segments[1], "_route", "").strip("/").split("/")
        if len(app_and_model) == 2:
            try:
                return apps.get_model(*app_and_model)
            except LookupError:
                return None
    model = route.view_kwargs.get("model") or getattr(route.view, "model", None)
    if model is None:
        queryset = getattr(route.view, "queryset", None)
        model = getattr(queryset, "model", None)
    return model if isinstance(model, type) else None


def _first_pk(app_label: str, model_name: str):
    return (
        apps.get_model(app_label, model_name)
        .objects.order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
