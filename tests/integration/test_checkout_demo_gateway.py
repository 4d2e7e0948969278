"""Buying a plan and a visit through Oscar's checkout with the demo gateway."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from aftersales.models import ServiceBooking, ServiceSlot, WarrantyContract
from aftersales.services import covered_until
from appliances.models import Category
from payments.models import PaymentAttempt, Refund
from tests.factories.aftersales import make_appliance_model, make_slot, make_unit
from tests.factories.catalog import make_cleaning, make_consumable, make_plan
from tests.factories.shop import (
    PAY_DECLINED,
    PAY_OK,
    SHIPPING_ADDRESS,
    add_to_basket,
    add_visit,
    checkout_to_preview,
    make_customer,
    pay,
    ship_to_china,
)

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

# A serial format of the test's own, so registration does not hang on any other model's.
SERIAL_PATTERN = r"^KG[0-9]{4}AC[0-9]{10}$"


@pytest.fixture
def customer(db):
    return make_customer(email="customer@example.com")


@pytest.fixture
def signed_in(client, customer):
    client.force_login(customer)
    return client


@pytest.fixture
def air_conditioner(db):
    return make_appliance_model(list_price=Decimal("3299.00"), serial_pattern=SERIAL_PATTERN)


@pytest.fixture
def plans(air_conditioner):
    """{years: plan} for the air conditioner's price band."""
    return {
        years: make_plan(term_years=years, price=price)
        for years, price in ((1, Decimal("199.00")), (2, Decimal("329.00")))
    }


@pytest.fixture
def cleaning(db):
    """A deep clean of air conditioners."""
    return make_cleaning(price=Decimal("129.00"))


class TestBuyingAPlanWithTheDemoGateway:
    def test_places_one_order_opens_the_contract_and_emails_the_certificate(
        self, signed_in, customer, air_conditioner, django_capture_on_commit_callbacks, plans
    ):
        unit = make_unit(customer, air_conditioner)
        plan = plans[2]
        response = add_to_basket(signed_in, plan, unit=unit.pk)
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

    def test_the_thank_you_page_shows_the_order(self, signed_in, customer, air_conditioner, plans):
        unit = make_unit(customer, air_conditioner)
        add_to_basket(signed_in, plans[1], unit=unit.pk)
        checkout_to_preview(signed_in)
        response = pay(signed_in)
        page = signed_in.get(response["Location"])
        assert page.status_code == 200
        assert Order.objects.get(user=customer).number in page.content.decode()

    def test_a_second_contract_on_the_unit_starts_where_the_first_ends(
        self, signed_in, customer, air_conditioner, plans
    ):
        unit = make_unit(customer, air_conditioner)
        for years in (1, 2):
            add_to_basket(signed_in, plans[years], unit=unit.pk)
            checkout_to_preview(signed_in)
            pay(signed_in)
        first, second = WarrantyContract.objects.filter(unit=unit).order_by("starts_on")
        assert second.starts_on == first.ends_on + datetime.timedelta(days=1)
        assert covered_until(unit) == second.ends_on


class TestADeclinedPayment:
    def test_leaves_the_basket_and_places_nothing(
        self, signed_in, customer, air_conditioner, plans
    ):
        unit = make_unit(customer, air_conditioner)
        add_to_basket(signed_in, plans[2], unit=unit.pk)
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

    @pytest.mark.parametrize(
        ("language", "said", "not_said"),
        [
            ("zh-hans", "您的银行卡被拒绝。", "Your card was declined."),
            ("en", "Your card was declined.", "您的银行卡被拒绝"),
        ],
    )
    def test_explains_the_decline_in_the_customers_language(
        self, signed_in, customer, air_conditioner, plans, language, said, not_said
    ):
        # Stripe's own message is English whatever the customer reads (payments.declines).
        with translation.override(language):
            add_to_basket(signed_in, plans[1], unit=make_unit(customer, air_conditioner).pk)
            checkout_to_preview(signed_in)
            response = pay(signed_in, card=PAY_DECLINED)
            page = signed_in.get(response["Location"]).content.decode()
        assert said in page and not_said not in page

    def test_the_customer_can_pay_again_with_another_card(
        self, signed_in, customer, air_conditioner, plans
    ):
        unit = make_unit(customer, air_conditioner)
        add_to_basket(signed_in, plans[2], unit=unit.pk)
        checkout_to_preview(signed_in)
        pay(signed_in, card=PAY_DECLINED)
        response = pay(signed_in, card=PAY_OK)
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        assert Order.objects.filter(user=customer).count() == 1

    def test_a_malformed_card_number_is_a_400_with_a_message(
        self, signed_in, customer, air_conditioner, plans
    ):
        unit = make_unit(customer, air_conditioner)
        add_to_basket(signed_in, plans[2], unit=unit.pk)
        checkout_to_preview(signed_in)
        response = signed_in.post(reverse("checkout:preview"), {"action": "place_order"})
        page = signed_in.post(response["Location"], {"card_number": "12ab"})
        assert page.status_code == 400
        assert not Order.objects.filter(user=customer).exists()


class TestBookingACleaningVisit:
    def test_takes_a_place_in_the_slot(self, signed_in, customer, cleaning):
        slot = make_slot()
        before = slot.booked
        response = add_visit(signed_in, cleaning, slot)
        assert response.status_code == 302
        checkout_to_preview(signed_in)
        response = pay(signed_in)
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        booking = ServiceBooking.objects.get(customer=customer)
        assert booking.slot == slot
        slot.refresh_from_db()
        assert slot.booked == before + 1

    def test_a_slot_that_filled_up_before_paying_sends_the_customer_back(
        self, signed_in, customer, cleaning
    ):
        slot = make_slot()
        add_visit(signed_in, cleaning, slot)
        checkout_to_preview(signed_in)
        ServiceSlot.objects.filter(pk=slot.pk).update(booked=slot.capacity)
        response = signed_in.post(reverse("checkout:preview"), {"action": "place_order"})
        assert response["Location"].endswith(reverse("basket:summary"))
        assert not PaymentAttempt.objects.filter(user=customer).exists()

    def test_a_slot_that_filled_up_while_paying_refunds_the_payment(
        self, signed_in, customer, cleaning
    ):
        slot = make_slot()
        add_visit(signed_in, cleaning, slot)
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
    def test_a_plan_for_another_category_is_refused(self, signed_in, customer, plans):
        heater = make_appliance_model(category=Category.WATER_HEATER, list_price=Decimal("3299"))
        unit = make_unit(customer, heater)
        response = add_to_basket(signed_in, plans[1], unit=unit.pk)
        assert response.status_code == 302
        assert not Basket.open.filter(owner=customer, lines__isnull=False).exists()

    def test_an_expired_unit_is_not_offered(self, signed_in, customer, air_conditioner, plans):
        old = make_unit(
            customer,
            air_conditioner,
            purchase_date=datetime.date.today() - datetime.timedelta(days=800),
        )
        fresh = make_unit(customer, air_conditioner)
        page = signed_in.get(plans[1].get_absolute_url())
        html = page.content.decode()
        options = re.findall(r'<option value="(\d+)"', html)
        assert str(fresh.pk) in options
        assert str(old.pk) not in options
        response = add_to_basket(signed_in, plans[1], unit=old.pk)
        follow = signed_in.get(response["Location"])
        assert old.base_warranty_end.isoformat() in follow.content.decode()
        assert not Basket.open.filter(owner=customer, lines__isnull=False).exists()


@pytest.fixture
def filter_39(db):
    """A filter at ¥39, well in stock: under the free-delivery threshold on its own."""
    return make_consumable(price=Decimal("39.00"), stock=50)


class TestBuyingAFilter:
    def test_ships_to_the_address_charges_delivery_and_allocates_stock(
        self, signed_in, customer, filter_39
    ):
        record = filter_39.stockrecords.get()
        allocated = record.num_allocated or 0
        signed_in.post(reverse("basket:add", kwargs={"pk": filter_39.pk}), {"quantity": 1})
        ship_to_china(signed_in)
        response = pay(signed_in)
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        order = Order.objects.get(user=customer)
        assert order.shipping_incl_tax == Decimal("12.00")
        assert order.total_incl_tax == record.price + Decimal("12.00")
        assert order.shipping_address.line1 == SHIPPING_ADDRESS["street"]
        assert order.shipping_address.summary.startswith("王小明, 上海市, 浦东新区")
        record.refresh_from_db()
        assert record.num_allocated == allocated + 1

    def test_a_declined_card_allocates_no_stock(self, signed_in, customer, filter_39):
        record = filter_39.stockrecords.get()
        allocated = record.num_allocated or 0
        signed_in.post(reverse("basket:add", kwargs={"pk": filter_39.pk}), {"quantity": 1})
        ship_to_china(signed_in)
        pay(signed_in, card=PAY_DECLINED)
        record.refresh_from_db()
        assert (record.num_allocated or 0) == allocated
        assert Basket.open.get(owner=customer).num_lines == 1


class TestRegisteringTheUnitWithThePlan:
    def test_registers_the_unit_and_puts_the_plan_for_it_in_the_basket(
        self, signed_in, customer, air_conditioner, plans
    ):
        from aftersales.models import RegisteredUnit

        plan = plans[2]
        serial = "KG2611AC0000000777"
        assert air_conditioner.serial_is_valid(serial)
        response = add_to_basket(
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
        self, signed_in, customer, air_conditioner, plans
    ):
        from aftersales.models import RegisteredUnit

        response = add_to_basket(
            signed_in,
            plans[2],
            unit="new",
            new_model=air_conditioner.model_number,
            new_serial="no!",
            new_purchase_date=datetime.date.today().isoformat(),
        )
        assert response.status_code == 302
        assert not RegisteredUnit.objects.filter(owner=customer).exists()
        assert not Basket.open.filter(owner=customer, lines__isnull=False).exists()

    def test_a_serial_someone_else_registered_is_refused(
        self, signed_in, customer, air_conditioner, django_user_model, plans
    ):
        other = django_user_model.objects.create_user(
            username="neighbour", email="n@example.com", password="x"
        )
        taken = make_unit(other, air_conditioner, serial="KG2611AC0000000888")
        response = add_to_basket(
            signed_in,
            plans[2],
            unit="new",
            new_model=air_conditioner.model_number,
            new_serial=taken.serial,
            new_purchase_date=datetime.date.today().isoformat(),
        )
        page = signed_in.get(response["Location"]).content.decode()
        assert "already registered" in page or "已被注册" in page or "已登记" in page
        assert not Basket.open.filter(owner=customer, lines__isnull=False).exists()
        assert taken.owner == other
