"""What the benchmark requests, prepared in the bench database before gunicorn starts.

Run inside Django by test_throughput.py (`manage.py shell -c "...; main()"`); prints one
JSON object: the URL paths to load, the queries one warm request to each makes, and the
session cookie of a signed-in customer whose basket holds a consumable, a plan and a cleaning
visit, each added through the shop's own AddToBasketForm as the product page would add it.
Safe to run again: the basket is emptied and refilled, the unit registered once.
"""

import datetime
import json
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from oscar.core.loading import get_class, get_model

from aftersales.models import ServiceSlot
from aftersales.selectors import area_for_district
from aftersales.services import AlreadyYours, register_unit
from appliances.models import ApplianceModel
from cms.models import ManualPage

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
AddToBasketForm = get_class("basket.forms", "AddToBasketForm")
Selector = get_class("partner.strategy", "Selector")

LANGUAGE = "zh-hans"
CUSTOMER = "customer@aftercare.demo"  # portal/demo/accounts.py
CONSUMABLE, PLAN, CLEANING = "PP-10", "EW-AC-3000-6000-3Y", "SV-AC-SPLIT"
# The visit's address, entered with the province → city → district picker: 上海市 徐汇区.
VISIT_PLACE = {"province": "31", "city": "3101", "district": "310104"}
SERIAL = "AC00000000000001"  # a bench-only serial, never printed on a demo label


def main():
    consumable = Product.objects.get(upc=CONSUMABLE)
    with translation.override(LANGUAGE):
        paths = {
            "qr": "/q/" + ManualPage.objects.live().first().appliance_model.public_code,
            "home": f"/{LANGUAGE}/",
            "catalogue": reverse("catalogue:index"),
            "product": consumable.get_absolute_url(),
            "stock_product": reverse(
                "bench-oscar-product",
                kwargs={"product_slug": consumable.slug, "pk": consumable.pk},
            ),
            "basket": reverse("basket:summary"),
            "stock_basket": reverse("bench-oscar-basket"),
            "catalogue_48": reverse("bench-catalogue-48"),
            "checkout": reverse("checkout:index"),
        }
    user = get_user_model().objects.get(email=CUSTOMER)
    fill_basket(user)
    session = signed_in_session(user)
    anonymous, customer = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    customer.cookies[settings.SESSION_COOKIE_NAME] = session
    paths["qr_landing"] = anonymous.get(paths["qr"])["Location"]
    # A new visitor for each page, as wrk is: no cookie picked up on the way (a product page
    # leaves the recently-viewed one, which keeps a visitor out of the page cache).
    # The checkout only Lighthouse loads, signed in (a visitor is sent to sign in).
    queries = {
        key: queries_for(Client(HTTP_HOST="127.0.0.1"), path)
        for key, path in paths.items()
        if key != "checkout"
    }
    queries["basket_signed_in"] = queries_for(customer, paths["basket"])
    print(
        json.dumps(
            {
                "paths": paths,
                "queries": queries,
                "session_cookie": settings.SESSION_COOKIE_NAME,
                "session": session,
                "basket_shows": SERIAL,  # the plan line's unit: proof of the signed-in basket
            }
        )
    )


def queries_for(client, path) -> int:
    """Queries of one request to `path` once caches are warm, as a gunicorn worker runs it."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code not in (200, 302):
        raise SystemExit(f"bench: {path} answered {response.status_code}")
    return len(queries)


def fill_basket(user):
    basket, _ = Basket.open.get_or_create(owner=user)
    basket.flush()
    basket.strategy = Selector().strategy(user=user)
    unit = air_conditioner_of(user)
    # A window of the area that serves the visit's district, as the product page offers.
    area = area_for_district(VISIT_PLACE["district"])
    slot = ServiceSlot.objects.bookable(after=timezone.now()).filter(area=area).first()
    lines = [
        (CONSUMABLE, {"quantity": 2}),
        (PLAN, {"quantity": 1, "unit": unit.pk}),
        (
            CLEANING,
            {
                "quantity": 1,
                "slot": slot.pk,
                "address": "new",
                "consignee": "李娜",
                "mobile": "13800138000",
                "street": "漕溪北路 1 号",
                **VISIT_PLACE,
            },
        ),
    ]
    for upc, data in lines:
        product = Product.objects.get(upc=upc)
        form = AddToBasketForm(basket, product, data=data)
        if not form.is_valid():
            raise SystemExit(f"bench basket: {upc} refused: {form.errors.as_text()}")
        basket.add_product(product, form.cleaned_data["quantity"], form.cleaned_options())


def air_conditioner_of(user):
    """A split AC in the ¥3,000–6,000 band bought a month ago: eligible for the plan."""
    model = ApplianceModel.objects.filter(
        category="air_conditioner", list_price__gte=3000, list_price__lt=6000
    ).first()
    try:
        return register_unit(
            owner=user,
            appliance_model=model,
            serial=SERIAL,
            purchase_date=timezone.localdate() - datetime.timedelta(days=30),
        )
    except AlreadyYours as known:
        return known.unit


def signed_in_session(user) -> str:
    """A session as django.contrib.auth.login writes it, without its signals and side effects."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    # The first backend that can load a user again (the lockout backend only refuses).
    session[BACKEND_SESSION_KEY] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key
