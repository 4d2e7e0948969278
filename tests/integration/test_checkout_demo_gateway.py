"""Buying a plan and a visit through Oscar's checkout with the demo gateway."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from aftersales.models import ServiceBooking, ServiceSlot, WarrantyContract
from aftersales.services import covered_until
from appliances.models import ApplianceModel
from payments.models import PaymentAttempt, Refund
from tests.factories.aftersales import make_unit

# Reads the demo data (tests/conftest.py): to move onto tests/factories/.
pytestmark = pytest.mark.demo

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

PAY_OK = "4242 4242 4242 4242"
PAY_DECLINED = "4000 0000 0000 0002"


@pytest.fixture
def customer(demo, django_user_model):
    return django_user_model.objects.get(email="customer@aftercare.demo")


@pytest.fixture
def signed_in(client, customer):
    client.force_login(customer)
    return client


@pytest.fixture
def air_conditioner(demo):
    return ApplianceModel.objects.filter(category="air_conditioner", is_active=True).first()


def plan_for(model, years: int) -> Product:
    from catalog.bymodel.selectors import offers_for

    return next(p for p in offers_for(model).plans if p.term_years == years)


def cleaning_for(model) -> Product:
    from catalog.bymodel.selectors import offers_for

    return offers_for(model).cleaning[0]


def add(client, product, **data):
    url = reverse("basket:add", kwargs={"pk": product.pk})
    return client.post(url, {"quantity": 1, **data})


def checkout_to_preview(client):
    response = client.get(reverse("checkout:index"), follow=True)
    assert response.status_code == 200
    return response


def pay(client, card=PAY_OK):
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 302, response.content[:500]
    pay_url = response["Location"]
    assert "/pay/" in pay_url
    return client.post(pay_url, {"card_number": card})


def free_slot(days_ahead=3):
    after = timezone.now() + datetime.timedelta(days=days_ahead)
    return ServiceSlot.objects.bookable(after=after).first()


def visit_data(slot):
    return {
        "slot": slot.pk,
        "address": "上海市浦东新区世纪大道100号 8楼",
        "contact_name": "王小明",
        "contact_phone": "13800138000",
    }


class TestBuyingAPlanWithTheDemoGateway:
    def test_places_one_order_opens_the_contract_and_emails_the_certificate(
        self, signed_in, customer, air_conditioner, django_capture_on_commit_callbacks
    ):
        unit = make_unit(customer, air_conditioner)
        plan = plan_for(air_conditioner, 2)
        response = add(signed_in, plan, unit=unit.pk)
        assert response.status_code == 302
        checkout_to_preview(signed_in)
        with django_capture_on_commit_callbacks(execute=True):
            response = pay(signed_in)
        assert response.status_code == 302
        assert response["Location"].endswith(reverse("checkout:thank-you"))

        order = Order.objects.get(user=customer)
        contract = WarrantyContract.objects.get(order_line__order=order)
        assert contract.unit == unit
        assert contract.starts_on == unit.base_warranty_end + datetime.timedelta(days=1)
        assert contract.term_months == 24
        assert order.total_incl_tax == contract.price
        attempt = PaymentAttempt.objects.get(order=order)
        assert attempt.status == PaymentAttempt.Status.PLACED
        assert order.sources.get().amount_debited == order.total_incl_tax

        [email] = mail.outbox
        assert order.number in email.subject + email.body
        assert email.attachments[0][0] == f"{contract.number}.pdf"
        assert email.attachments[0][1].startswith(b"%PDF")

    def test_the_thank_you_page_shows_the_order(self, signed_in, customer, air_conditioner):
        unit = make_unit(customer, air_conditioner)
        add(signed_in, plan_for(air_conditioner, 1), unit=unit.pk)
        checkout_to_preview(signed_in)
        response = pay(signed_in)
        page = signed_in.get(response["Location"])
        assert page.status_code == 200
        assert Order.objects.get(user=customer).number in page.content.decode()

    def test_a_second_contract_on_the_unit_starts_where_the_first_ends(
        self, signed_in, customer, air_conditioner
    ):
        unit = make_unit(customer, air_conditioner)
        for years in (1, 2):
            add(signed_in, plan_for(air_conditioner, years), unit=unit.pk)
            checkout_to_preview(signed_in)
            pay(signed_in)
        first, second = WarrantyContract.objects.filter(unit=unit).order_by("starts_on")
        assert second.starts_on == first.ends_on + datetime.timedelta(days=1)
        assert covered_until(unit) == second.ends_on


class TestADeclinedPayment:
    def test_leaves_the_basket_and_places_nothing(self, signed_in, customer, air_conditioner):
        unit = make_unit(customer, air_conditioner)
        add(signed_in, plan_for(air_conditioner, 2), unit=unit.pk)
        checkout_to_preview(signed_in)
        response = pay(signed_in, card=PAY_DECLINED)
        assert response.status_code == 302
        assert response["Location"].endswith(reverse("checkout:preview"))
        page = signed_in.get(response["Location"])
        assert "declined" in page.content.decode().lower() or "拒绝" in page.content.decode()
        assert not Order.objects.filter(user=customer).exists()
        basket = Basket.open.get(owner=customer)
        assert basket.num_lines == 1
        assert not WarrantyContract.objects.filter(unit=unit).exists()

    def test_the_customer_can_pay_again_with_another_card(
        self, signed_in, customer, air_conditioner
    ):
        unit = make_unit(customer, air_conditioner)
        add(signed_in, plan_for(air_conditioner, 2), unit=unit.pk)
        checkout_to_preview(signed_in)
        pay(signed_in, card=PAY_DECLINED)
        response = pay(signed_in, card=PAY_OK)
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        assert Order.objects.filter(user=customer).count() == 1

    def test_a_malformed_card_number_is_a_400_with_a_message(
        self, signed_in, customer, air_conditioner
    ):
        unit = make_unit(customer, air_conditioner)
        add(signed_in, plan_for(air_conditioner, 2), unit=unit.pk)
        checkout_to_preview(signed_in)
        response = signed_in.post(reverse("checkout:preview"), {"action": "place_order"})
        page = signed_in.post(response["Location"], {"card_number": "12ab"})
        assert page.status_code == 400
        assert not Order.objects.filter(user=customer).exists()


class TestBookingACleaningVisit:
    def test_takes_a_place_in_the_slot(self, signed_in, customer, air_conditioner):
        slot = free_slot()
        before = slot.booked
        response = add(signed_in, cleaning_for(air_conditioner), **visit_data(slot))
        assert response.status_code == 302
        checkout_to_preview(signed_in)
        response = pay(signed_in)
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        booking = ServiceBooking.objects.get(customer=customer)
        assert booking.slot == slot
        slot.refresh_from_db()
        assert slot.booked == before + 1

    def test_a_slot_that_filled_up_before_paying_sends_the_customer_back(
        self, signed_in, customer, air_conditioner
    ):
        slot = free_slot()
        add(signed_in, cleaning_for(air_conditioner), **visit_data(slot))
        checkout_to_preview(signed_in)
        ServiceSlot.objects.filter(pk=slot.pk).update(booked=slot.capacity)
        response = signed_in.post(reverse("checkout:preview"), {"action": "place_order"})
        assert response["Location"].endswith(reverse("basket:summary"))
        assert not PaymentAttempt.objects.filter(user=customer).exists()

    def test_a_slot_that_filled_up_while_paying_refunds_the_payment(
        self, signed_in, customer, air_conditioner
    ):
        slot = free_slot()
        add(signed_in, cleaning_for(air_conditioner), **visit_data(slot))
        checkout_to_preview(signed_in)
        response = signed_in.post(reverse("checkout:preview"), {"action": "place_order"})
        ServiceSlot.objects.filter(pk=slot.pk).update(booked=slot.capacity)
        response = signed_in.post(response["Location"], {"card_number": PAY_OK})
        assert response["Location"].endswith(reverse("basket:summary"))
        attempt = PaymentAttempt.objects.get(user=customer)
        assert attempt.status == PaymentAttempt.Status.REFUNDED
        assert Refund.objects.get(attempt=attempt).amount == attempt.amount
        assert not Order.objects.filter(user=customer).exists()
        assert Basket.open.get(owner=customer).num_lines == 1


class TestAddingAPlanToTheBasket:
    def test_a_plan_for_another_category_is_refused(self, signed_in, customer, demo):
        heater = ApplianceModel.objects.filter(category="water_heater").first()
        ac = ApplianceModel.objects.filter(category="air_conditioner").first()
        unit = make_unit(customer, heater)
        response = add(signed_in, plan_for(ac, 1), unit=unit.pk)
        assert response.status_code == 302
        assert not Basket.open.filter(owner=customer, lines__isnull=False).exists()

    def test_an_expired_unit_is_not_offered(self, signed_in, customer, air_conditioner):
        old = make_unit(
            customer,
            air_conditioner,
            purchase_date=datetime.date.today() - datetime.timedelta(days=800),
        )
        fresh = make_unit(customer, air_conditioner)
        page = signed_in.get(plan_for(air_conditioner, 1).get_absolute_url())
        html = page.content.decode()
        options = re.findall(r'<option value="(\d+)"', html)
        assert str(fresh.pk) in options
        assert str(old.pk) not in options
        response = add(signed_in, plan_for(air_conditioner, 1), unit=old.pk)
        follow = signed_in.get(response["Location"])
        assert old.base_warranty_end.isoformat() in follow.content.decode()
        assert not Basket.open.filter(owner=customer, lines__isnull=False).exists()


def consumable_under(price_limit):
    from decimal import Decimal

    return (
        Product.objects.filter(
            product_class__slug="consumable",
            stockrecords__price__lt=Decimal(price_limit),
            stockrecords__num_in_stock__gte=5,
        )
        .order_by("stockrecords__price")
        .first()
    )


SHIPPING_ADDRESS = {
    "first_name": "小明",
    "last_name": "王",
    "line1": "世纪大道100号 8楼",
    "line4": "上海市",
    "state": "浦东新区",
    "postcode": "200120",
    "country": "CN",
    "phone_number": "+8613800138000",
}


class TestBuyingAFilter:
    def test_ships_to_the_address_charges_delivery_and_allocates_stock(self, signed_in, customer):
        from decimal import Decimal

        part = consumable_under("90")
        record = part.stockrecords.get()
        allocated = record.num_allocated or 0
        signed_in.post(reverse("basket:add", kwargs={"pk": part.pk}), {"quantity": 1})
        response = signed_in.get(reverse("checkout:index"), follow=True)
        assert response.request["PATH_INFO"].endswith(reverse("checkout:shipping-address"))
        response = signed_in.post(reverse("checkout:shipping-address"), SHIPPING_ADDRESS)
        assert response.status_code == 302, response.content[:300]
        signed_in.get(reverse("checkout:shipping-method"), follow=True)
        response = pay(signed_in)
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        order = Order.objects.get(user=customer)
        assert order.shipping_incl_tax == Decimal("12.00")
        assert order.total_incl_tax == record.price + Decimal("12.00")
        assert order.shipping_address.line1 == SHIPPING_ADDRESS["line1"]
        record.refresh_from_db()
        assert record.num_allocated == allocated + 1

    def test_a_declined_card_allocates_no_stock(self, signed_in, customer):
        part = consumable_under("90")
        record = part.stockrecords.get()
        allocated = record.num_allocated or 0
        signed_in.post(reverse("basket:add", kwargs={"pk": part.pk}), {"quantity": 1})
        signed_in.get(reverse("checkout:index"), follow=True)
        signed_in.post(reverse("checkout:shipping-address"), SHIPPING_ADDRESS)
        signed_in.get(reverse("checkout:shipping-method"), follow=True)
        pay(signed_in, card=PAY_DECLINED)
        record.refresh_from_db()
        assert (record.num_allocated or 0) == allocated
        assert Basket.open.get(owner=customer).num_lines == 1


class TestRegisteringTheUnitWithThePlan:
    def test_registers_the_unit_and_puts_the_plan_for_it_in_the_basket(
        self, signed_in, customer, air_conditioner
    ):
        from aftersales.models import RegisteredUnit

        plan = plan_for(air_conditioner, 2)
        serial = "KG2611AC0000000777"
        assert air_conditioner.serial_is_valid(serial)
        response = add(
            signed_in,
            plan,
            unit="new",
            new_model=air_conditioner.model_number,
            new_serial=serial,
            new_purchase_date=datetime.date.today().isoformat(),
        )
        assert response.status_code == 302
        unit = RegisteredUnit.objects.get(owner=customer, serial=serial)
        line = Basket.open.get(owner=customer).all_lines()[0]
        assert line.attributes.get(option__code="unit").value["id"] == unit.pk

    def test_a_serial_of_another_model_is_refused_and_nothing_is_registered(
        self, signed_in, customer, air_conditioner
    ):
        from aftersales.models import RegisteredUnit

        response = add(
            signed_in,
            plan_for(air_conditioner, 2),
            unit="new",
            new_model=air_conditioner.model_number,
            new_serial="no!",
            new_purchase_date=datetime.date.today().isoformat(),
        )
        assert response.status_code == 302
        assert not RegisteredUnit.objects.filter(owner=customer).exists()
        assert not Basket.open.filter(owner=customer, lines__isnull=False).exists()

    def test_a_serial_someone_else_registered_is_refused(
        self, signed_in, customer, air_conditioner, django_user_model
    ):
        other = django_user_model.objects.create_user(
            username="neighbour", email="n@example.com", password="x"
        )
        taken = make_unit(other, air_conditioner, serial="KG2611AC0000000888")
        response = add(
            signed_in,
            plan_for(air_conditioner, 2),
            unit="new",
            new_model=air_conditioner.model_number,
            new_serial=taken.serial,
            new_purchase_date=datetime.date.today().isoformat(),
        )
        page = signed_in.get(response["Location"]).content.decode()
        assert "already registered" in page or "已被注册" in page or "已登记" in page
        assert not Basket.open.filter(owner=customer, lines__isnull=False).exists()
        assert taken.owner == other
