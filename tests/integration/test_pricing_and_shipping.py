"""Prices in CNY include VAT; goods ship for ¥12 or free from ¥99; services never ship.

Baskets are built with Oscar's Basket model and the shop's own strategy, from a shelf
made for these tests: parts at ¥15, ¥29, ¥39 and ¥69, a ¥499 plan and a ¥129 cleaning visit.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings
from django.utils import timezone, translation
from oscar.apps.basket.forms import AddToBasketForm
from oscar.core.loading import get_class, get_model

from aftersales.models import ServiceArea, ServiceSlot
from portal.demo.service_areas import AREAS, load_service_areas
from tests.factories.catalog import make_cleaning, make_consumable, make_plan

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Product = get_model("catalogue", "Product")
StockAlert = get_model("partner", "StockAlert")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")
Repository = get_class("shipping.repository", "Repository")
CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")

# UPCs of this module's own, none of them the demo's.
FILTER_39, FILTER_69, STRAINER_15, PADS_29 = "PPT-10", "CTT-T33", "WFT-JSQ", "OPT-10"
PLAN_499, CLEANING = "EWT-AC-3000-6000-3Y", "SVT-AC-SPLIT"

# Shelf prices as the shop sets them, goods and services, for the rounding of VAT.
GOODS_PRICES = ("15", "19", "29", "35", "39", "45", "49", "59", "69", "79", "89", "129", "699")
SERVICE_PRICES = ("79", "99", "119", "129", "139", "149", "179", "199", "249", "329", "529", "999")


@pytest.fixture
def shelf(db):
    """The parts, the plan and the visit the baskets below are made of, by UPC."""
    parts = {FILTER_39: "39", FILTER_69: "69", STRAINER_15: "15", PADS_29: "29"}
    for upc, price in parts.items():
        make_consumable(upc=upc, price=Decimal(price), stock=200)
    make_plan(upc=PLAN_499, term_years=3, price_band="3000-6000", price=Decimal("499.00"))
    make_cleaning(upc=CLEANING, price=Decimal("129.00"))


@pytest.fixture
def price_list(shelf):
    """A part, a plan and a visit at each of the shop's price points."""
    for price in GOODS_PRICES:
        make_consumable(price=Decimal(price))
    for price in SERVICE_PRICES:
        make_plan(price=Decimal(price))
        make_cleaning(price=Decimal(price))


@pytest.fixture
def service_areas(db):
    """What the demo loader makes for delivery and visits, made by the loader itself."""
    load_service_areas()


def product(upc):
    return Product.objects.get(upc=upc)


def basket_of(*lines):
    """A saved basket holding (upc, quantity) lines, priced by the shop's strategy."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for upc, quantity in lines:
        basket.add_product(product(upc), quantity)
    return basket


def demo_slots():
    return ServiceSlot.objects.filter(area__code__in=AREAS, date__gte=timezone.localdate())


def shipping_for(basket):
    return Repository().get_shipping_methods(basket)


@pytest.mark.usefixtures("shelf")
class TestAConsumablesPrice:
    def test_includes_13_percent_vat_worked_back_out(self):
        price = Selector().strategy().fetch_for_product(product(FILTER_39)).price
        assert price.currency == "CNY"
        assert price.incl_tax == Decimal("39.00")
        assert price.excl_tax == Decimal("34.51")  # 39 / 1.13 = 34.513…
        assert price.tax == Decimal("4.49")
        assert price.tax_code == "VAT13"

    def test_excl_tax_and_tax_add_up_to_the_stock_record_price_for_every_product(self, price_list):
        strategy = Selector().strategy()
        for record in StockRecord.objects.select_related("product__product_class"):
            price = strategy.fetch_for_product(record.product).price
            assert price.excl_tax + price.tax == record.price, record.partner_sku


@pytest.mark.usefixtures("shelf")
class TestAPlansPrice:
    def test_includes_6_percent_vat_worked_back_out(self):
        price = Selector().strategy().fetch_for_product(product(PLAN_499)).price
        assert price.incl_tax == Decimal("499.00")
        assert price.excl_tax == Decimal("470.75")  # 499 / 1.06 = 470.754…
        assert price.tax == Decimal("28.25")
        assert price.tax_code == "VAT6"

    def test_is_what_offers_discount_from(self):
        price = Selector().strategy().fetch_for_product(product(PLAN_499)).price
        assert price.effective_price == Decimal("499.00")


@pytest.mark.usefixtures("shelf")
class TestAMixedBasket:
    def test_totals_the_stock_record_prices(self):
        basket = basket_of((FILTER_39, 2), (FILTER_69, 1), (PLAN_499, 1), (CLEANING, 1))
        cleaning = product(CLEANING).stockrecords.get().price
        assert basket.total_incl_tax == Decimal("39") * 2 + Decimal("69") + 499 + cleaning
        assert basket.total_excl_tax + basket.total_tax == basket.total_incl_tax


@pytest.mark.usefixtures("shelf")
class TestAPlanInTheBasket:
    @translation.override("en")
    def test_cannot_be_bought_twice_on_one_line(self):
        availability = Selector().strategy().fetch_for_product(product(PLAN_499)).availability
        assert availability.is_available_to_buy
        assert availability.is_purchase_permitted(2) == (
            False,
            "One plan covers one unit: add it again for another unit.",
        )

    @translation.override("en")
    def test_quantity_two_is_refused_by_oscars_add_to_basket_form(self):
        form = AddToBasketForm(basket_of(), product(PLAN_499), data={"quantity": 2})
        assert not form.is_valid()
        assert "One plan covers one unit: add it again for another unit." in form.non_field_errors()

    def test_needs_no_shipping(self):
        methods = shipping_for(basket_of((PLAN_499, 1)))
        assert [method.code for method in methods] == ["no-shipping-required"]


@pytest.mark.usefixtures("shelf")
class TestACleaningVisitInTheBasket:
    @translation.override("en")
    def test_is_one_visit_per_line(self):
        availability = Selector().strategy().fetch_for_product(product(CLEANING)).availability
        assert availability.is_purchase_permitted(1) == (True, "")
        assert availability.is_purchase_permitted(2) == (False, "Book each visit separately.")

    def test_carries_6_percent_vat(self):
        price = Selector().strategy().fetch_for_product(product(CLEANING)).price
        assert price.tax_code == "VAT6"

    def test_with_a_plan_needs_no_shipping(self):
        basket = basket_of((PLAN_499, 1), (CLEANING, 1))
        [method] = shipping_for(basket)
        assert method.code == "no-shipping-required"
        assert method.calculate(basket).incl_tax == Decimal("0.00")


@pytest.mark.usefixtures("shelf")
class TestConsumablesUnderTheFreeShippingThreshold:
    def test_ship_standard_for_12_yuan_one_yuan_short(self):
        basket = basket_of((FILTER_69, 1), (PADS_29, 1))  # ¥98
        [method] = shipping_for(basket)
        assert method.calculate(basket).incl_tax == Decimal("12.00")

    def test_ship_standard_for_12_yuan(self):
        basket = basket_of((FILTER_39, 2))  # ¥78
        [method] = shipping_for(basket)
        charge = method.calculate(basket)
        assert method.code == "standard"
        assert charge.incl_tax == charge.excl_tax == Decimal("12.00")
        assert charge.is_tax_known

    def test_are_not_lifted_over_it_by_a_plan(self):
        basket = basket_of((FILTER_39, 1), (PLAN_499, 1))
        [method] = shipping_for(basket)
        assert method.calculate(basket).incl_tax == Decimal("12.00")

    @override_settings(AFTERCARE_SHIPPING_CHARGE=Decimal("15.00"))
    def test_pay_the_configured_charge(self):
        basket = basket_of((FILTER_39, 1))
        [method] = shipping_for(basket)
        assert method.calculate(basket).incl_tax == Decimal("15.00")


@pytest.mark.usefixtures("shelf")
class TestConsumablesAtOrOverTheFreeShippingThreshold:
    def test_ship_free_at_exactly_99_yuan(self):
        basket = basket_of((FILTER_69, 1), (STRAINER_15, 2))  # ¥69 + 2 × ¥15
        [method] = shipping_for(basket)
        assert method.calculate(basket).incl_tax == Decimal("0.00")

    def test_ship_free_above_it(self):
        basket = basket_of((FILTER_69, 1), (FILTER_39, 1))  # ¥108
        [method] = shipping_for(basket)
        assert method.calculate(basket).incl_tax == Decimal("0.00")

    @override_settings(AFTERCARE_FREE_SHIPPING_THRESHOLD=Decimal("78.00"))
    def test_follow_the_configured_threshold(self):
        basket = basket_of((FILTER_39, 2))  # ¥78
        [method] = shipping_for(basket)
        assert method.calculate(basket).incl_tax == Decimal("0.00")

    def test_is_found_again_by_checkout_from_the_code_in_the_session(self, rf):
        basket = basket_of((FILTER_69, 2))
        request = rf.get("/")
        request.session, request.user = SessionStore(), AnonymousUser()
        checkout = CheckoutSessionMixin()
        checkout.request, checkout.checkout_session = request, CheckoutSessionData(request)
        checkout.checkout_session.use_shipping_method("standard")
        method = checkout.get_shipping_method(basket)
        assert method.code == "standard"
        assert method.calculate(basket).incl_tax == Decimal("0.00")


@pytest.mark.usefixtures("shelf")
class TestTheBasketPage:
    def test_shows_goods_at_their_shelf_price_plus_12_yuan_delivery(self, client):
        filter_39 = product(FILTER_39)
        response = client.post(
            f"/zh-hans/shop/basket/add/{filter_39.pk}/", {"quantity": 2}, follow=True
        )
        assert response.status_code == 200
        response = client.get("/zh-hans/shop/basket/")
        assert response.context["basket"].total_incl_tax == Decimal("78.00")
        assert response.context["shipping_method"].code == "standard"
        assert response.context["shipping_charge"].incl_tax == Decimal("12.00")
        assert response.context["order_total"].incl_tax == Decimal("90.00")


@pytest.mark.usefixtures("service_areas")
class TestTheDemoServiceAreas:
    def test_ship_to_china(self):
        china = Country.objects.get(iso_3166_1_a2="CN")
        assert china.is_shipping_country
        assert china.printable_name == "中国"

    def test_offer_four_two_hour_windows_a_day_for_three_weeks_in_five_areas(self):
        today = timezone.localdate()
        slots = demo_slots().filter(date__gte=today, date__lt=today + datetime.timedelta(days=21))
        assert ServiceArea.objects.filter(code__in=AREAS, is_active=True).count() == 5
        assert slots.count() == 21 * 4 * 5
        assert {(s.starts_at.hour, s.ends_at.hour) for s in slots} == {
            (9, 11),
            (11, 13),
            (14, 16),
            (16, 18),
        }

    def test_have_more_places_at_weekends(self):
        for slot in demo_slots():
            assert slot.capacity == (4 if slot.date.weekday() >= 5 else 3), slot

    def test_add_nothing_and_keep_bookings_when_loaded_again(self):
        slot = demo_slots().first()
        ServiceSlot.objects.filter(pk=slot.pk).update(booked=2)
        before = ServiceSlot.objects.count(), ServiceArea.objects.count(), Country.objects.count()
        # 5 areas x 21 days x 4 two-hour windows
        assert load_service_areas() == {"service areas": 5, "service slots": 420}
        after = ServiceSlot.objects.count(), ServiceArea.objects.count(), Country.objects.count()
        assert after == before
        slot.refresh_from_db()
        assert slot.booked == 2


# Reads the stock levels the demo loader sets (load_demo, tests/conftest.py): a check of the
# demo's own data, for the low-stock screens it shows.
@pytest.mark.demo
@pytest.mark.usefixtures("demo")
class TestTheDemoStock:
    def test_has_a_few_consumables_below_their_low_stock_threshold(self):
        short = [r for r in StockRecord.objects.exclude(low_stock_threshold=None)]
        short = [r for r in short if r.is_below_threshold]
        assert len(short) >= 3
        assert StockAlert.objects.filter(
            stockrecord__in=short, status=StockAlert.OPEN
        ).count() == len(short)
