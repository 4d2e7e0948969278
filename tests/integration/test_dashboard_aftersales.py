"""The after-sales screens in Oscar's dashboard: contracts, bookings, slots, low stock."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from aftersales import services
from aftersales.models import ServiceBooking, ServiceSlot, WarrantyClaim, WarrantyContract
from tests.factories.aftersales import (
    make_area,
    make_booking,
    make_contract,
    make_slot,
    make_unit,
)
from tests.factories.catalog import make_consumable
from tests.factories.staff import make_shop_staff, make_superuser

pytestmark = pytest.mark.django_db

StockAlert = get_model("partner", "StockAlert")
Basket = get_model("basket", "Basket")


def url(name, **kwargs):
    return reverse(f"dashboard:{name}", kwargs=kwargs or None)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def staff(client):
    user = make_shop_staff()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # messages are compared in English
    return user


@pytest.fixture
def customer():
    n = uuid.uuid4().hex[:8]
    return get_user_model().objects.create_user(f"c{n}", f"c{n}@example.com", "pw-12345678")


@pytest.fixture
def contract(customer):
    return make_contract(make_unit(customer))


@pytest.fixture
def booking(customer):
    return make_booking(customer)


class TestWhoMayOpenTheScreens:
    @pytest.fixture
    def urls(self, contract, booking):
        return [
            url("aftersales-contract-list"),
            url("aftersales-contract-detail", pk=contract.pk),
            url("aftersales-contract-cancel", pk=contract.pk),
            url("aftersales-booking-list"),
            url("aftersales-booking-cancel", pk=booking.pk),
            url("aftersales-slot-list"),
            url("aftersales-slot-update", pk=booking.slot_id),
            url("aftersales-slot-create"),
            url("stock-alert-list"),
        ]

    def test_shop_staff_open_every_page(self, client, staff, urls):
        for address in urls:
            assert client.get(address).status_code == 200, address

    def test_the_superuser_opens_every_page(self, client, urls):
        client.force_login(make_superuser())
        for address in urls:
            assert client.get(address).status_code == 200, address

    def test_a_customer_is_refused(self, client, customer, urls):
        client.force_login(customer)
        for address in urls:
            assert client.get(address).status_code == 403, address

    def test_a_visitor_is_sent_to_the_dashboard_login(self, client, urls):
        for address in urls:
            response = client.get(address)
            assert response.status_code == 302
            assert response["Location"].startswith(url("login"))

    def test_a_customer_cannot_post_either(self, client, customer, booking):
        client.force_login(customer)
        response = client.post(url("aftersales-booking-complete", pk=booking.pk))
        assert response.status_code == 403
        booking.refresh_from_db()
        assert booking.status == ServiceBooking.Status.BOOKED


class TestTheMenu:
    def test_lists_the_after_sales_screens_for_shop_staff(self, client, staff):
        html = client.get(url("index")).content.decode()
        for name in (
            "aftersales-contract-list",
            "aftersales-booking-list",
            "aftersales-slot-list",
            "stock-alert-list",
        ):
            assert f'href="{url(name)}"' in html


def queries_for(client, address):
    client.get(address)  # warm per-process caches (site, content types, menu)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries), response


class TestTheContractList:
    def test_finds_a_contract_by_serial_email_or_number(self, client, staff, contract):
        other = make_contract(make_unit(contract.unit.owner))
        for text in (contract.unit.serial, contract.number):
            response = client.get(url("aftersales-contract-list"), {"text": text})
            assert list(response.context["contracts"].data) == [contract]
        response = client.get(url("aftersales-contract-list"), {"text": contract.unit.owner.email})
        assert set(response.context["contracts"].data) == {contract, other}

    def test_filters_by_status_and_cover_end(self, client, staff, customer):
        active = make_contract(make_unit(customer), term_months=12)
        cancelled = make_contract(make_unit(customer), status=WarrantyContract.Status.CANCELLED)
        email = customer.email
        response = client.get(url("aftersales-contract-list"), {"text": email, "status": "active"})
        assert list(response.context["contracts"].data) == [active]
        response = client.get(
            url("aftersales-contract-list"),
            {"text": email, "ends_from": cancelled.ends_on, "ends_to": cancelled.ends_on},
        )
        assert list(response.context["contracts"].data) == [cancelled]

    def test_an_impossible_range_lists_nothing_and_says_why(self, client, staff, contract):
        response = client.get(
            url("aftersales-contract-list"), {"ends_from": "2030-01-02", "ends_to": "2030-01-01"}
        )
        assert list(response.context["contracts"].data) == []
        assert response.context["form"].errors["ends_to"]

    def test_links_each_contract_to_its_oscar_order(self, client, staff, contract):
        response = client.get(url("aftersales-contract-list"), {"text": contract.number})
        order = contract.order_line.order
        assert url("order-detail", number=order.number) in response.content.decode()

    def test_costs_the_same_queries_for_3_or_40_contracts(self, client, staff, customer):
        address = url("aftersales-contract-list") + f"?text={customer.email}"
        for _n in range(3):
            make_contract(make_unit(customer))
        few, response = queries_for(client, address)
        assert len(response.context["contracts"].page.object_list) == 3
        for _n in range(37):
            make_contract(make_unit(customer))
        many, response = queries_for(client, address)
        assert len(response.context["contracts"].page.object_list) == 20
        assert many == few


class TestRecordingAClaim:
    def post(self, client, contract, **data):
        today = timezone.localdate()
        fields = {"opened_on": today, "description": "压缩机更换", "amount": "120.00"} | data
        return client.post(url("aftersales-claim-create", pk=contract.pk), fields)

    @pytest.fixture
    def contract(self, customer, today):
        # A contract whose cover has begun, so today is a day it covers.
        return make_contract(make_unit(customer), starts_on=today - datetime.timedelta(days=10))

    def test_records_it_with_the_staff_member(self, client, staff, contract):
        response = self.post(client, contract)
        assert response.status_code == 302
        claim = contract.claims.get()
        assert (claim.amount, claim.recorded_by) == (Decimal("120.00"), staff)

    def test_refuses_a_negative_amount(self, client, staff, contract):
        response = self.post(client, contract, amount="-1.00")
        assert response.status_code == 200
        assert response.context["claim_form"].errors["amount"]
        assert not contract.claims.exists()

    def test_refuses_a_day_outside_the_cover(self, client, staff, contract):
        response = self.post(client, contract, opened_on=contract.starts_on - datetime.timedelta(1))
        assert response.context["claim_form"].errors["opened_on"]
        assert not WarrantyClaim.objects.filter(contract=contract).exists()

    def test_refuses_a_claim_on_a_cancelled_contract(self, client, staff, contract):
        WarrantyContract.objects.filter(pk=contract.pk).update(
            status=WarrantyContract.Status.CANCELLED
        )
        response = self.post(client, contract)
        assert response.status_code == 200
        assert not contract.claims.exists()

    def test_the_detail_page_shows_the_claim_and_the_refund_due(
        self, client, staff, contract, today
    ):
        self.post(client, contract)
        response = client.get(url("aftersales-contract-detail", pk=contract.pk))
        assert "压缩机更换" in response.content.decode()
        assert response.context["refund_due"] == services.refund_due(contract, today=today)


class TestTheBookingList:
    def test_filters_by_status_area_dates_and_phone(self, client, staff, customer, today):
        area = make_area()
        soon = make_booking(customer, make_slot(area, date=today + datetime.timedelta(days=3)))
        later = make_booking(
            customer,
            make_slot(area, date=today + datetime.timedelta(days=9)),
            contact_phone="13911112222",
        )
        done = make_booking(customer, soon.slot, status=ServiceBooking.Status.COMPLETED)
        address = url("aftersales-booking-list")

        def listed(**query):
            response = client.get(address, {"area": area.pk, **query})
            return set(response.context["bookings"].data)

        assert listed() == {soon, later, done}
        assert listed(status="booked") == {soon, later}
        assert listed(date_to=today + datetime.timedelta(days=5)) == {soon, done}
        assert listed(text="13911112222") == {later}
        assert listed(text=later.number) == {later}

    def test_costs_the_same_queries_for_3_or_40_bookings(self, client, staff, customer):
        slot = make_slot(capacity=60)
        address = url("aftersales-booking-list") + f"?area={slot.area_id}"
        for _n in range(3):
            make_booking(customer, slot)
        few, _response = queries_for(client, address)
        for _n in range(37):
            make_booking(customer, slot)
        many, response = queries_for(client, address)
        assert len(response.context["bookings"].page.object_list) == 20
        assert many == few


class TestMarkingAVisitCompleted:
    def test_completes_a_booked_visit(self, client, staff, booking):
        response = client.post(url("aftersales-booking-complete", pk=booking.pk))
        assert response.status_code == 302
        booking.refresh_from_db()
        assert booking.status == ServiceBooking.Status.COMPLETED

    def test_says_so_when_the_visit_was_cancelled(self, client, staff, customer):
        cancelled = make_booking(customer, status=ServiceBooking.Status.CANCELLED)
        response = client.post(url("aftersales-booking-complete", pk=cancelled.pk), follow=True)
        assert response.status_code == 200
        assert any("not open" in text for text in messages_of(response))
        cancelled.refresh_from_db()
        assert cancelled.status == ServiceBooking.Status.CANCELLED

    def test_goes_back_to_the_filtered_list_but_never_off_site(self, client, staff, booking):
        back = url("aftersales-booking-list") + "?status=booked"
        response = client.post(url("aftersales-booking-complete", pk=booking.pk), {"next": back})
        assert response["Location"] == back
        other = make_booking(booking.customer)
        response = client.post(
            url("aftersales-booking-complete", pk=other.pk), {"next": "https://evil.example/"}
        )
        assert response["Location"] == url("aftersales-booking-list")


class TestCompleteBooking:
    def test_moves_a_booked_visit_to_completed(self, booking):
        services.complete_booking(booking=booking)
        assert booking.status == ServiceBooking.Status.COMPLETED

    def test_refuses_a_visit_completed_already(self, booking):
        services.complete_booking(booking=booking)
        with pytest.raises(services.CannotChange):
            services.complete_booking(booking=booking)

    def test_refuses_a_cancelled_visit(self, customer):
        cancelled = make_booking(customer, status=ServiceBooking.Status.CANCELLED)
        with pytest.raises(services.CannotChange):
            services.complete_booking(booking=cancelled)


class TestTheSlotList:
    def test_shows_capacity_booked_and_free_for_an_area(self, client, staff, customer):
        slot = make_slot(capacity=4)
        make_booking(customer, slot)
        response = client.get(url("aftersales-slot-list"), {"area": slot.area_id})
        (listed,) = response.context["slots"].data
        assert (listed.capacity, listed.booked, listed.free) == (4, 1, 3)

    def test_starts_today_unless_asked_otherwise(self, client, staff, today):
        area = make_area()
        past = make_slot(area, date=today - datetime.timedelta(days=2))
        coming = make_slot(area, date=today + datetime.timedelta(days=2))
        response = client.get(url("aftersales-slot-list"), {"area": area.pk})
        assert list(response.context["slots"].data) == [coming]
        response = client.get(url("aftersales-slot-list"), {"area": area.pk, "date_from": ""})
        assert list(response.context["slots"].data) == [past, coming]

    def test_costs_the_same_queries_for_3_or_40_slots(self, client, staff, today):
        area = make_area()
        address = url("aftersales-slot-list") + f"?area={area.pk}"
        days = [today + datetime.timedelta(days=n) for n in range(1, 41)]
        for day in days[:3]:
            make_slot(area, date=day)
        few, _response = queries_for(client, address)
        for day in days[3:]:
            make_slot(area, date=day)
        many, _response = queries_for(client, address)
        assert many == few


class TestChangingASlotsPlaces:
    def test_sets_the_new_capacity(self, client, staff):
        slot = make_slot(capacity=3)
        response = client.post(url("aftersales-slot-update", pk=slot.pk), {"capacity": 6})
        assert response.status_code == 302
        slot.refresh_from_db()
        assert slot.capacity == 6

    def test_refuses_fewer_places_than_are_booked(self, client, staff, customer):
        slot = make_slot(capacity=3)
        make_booking(customer, slot)
        make_booking(customer, slot)
        response = client.post(url("aftersales-slot-update", pk=slot.pk), {"capacity": 1})
        assert response.status_code == 200
        assert "2" in response.context["form"].errors["capacity"][0]
        assert messages_of(response)
        slot.refresh_from_db()
        assert slot.capacity == 3

    def test_the_update_itself_refuses_when_a_booking_slipped_in(self, customer):
        slot = make_slot(capacity=3)
        stale = ServiceSlot.objects.get(pk=slot.pk)  # read while nothing was booked
        make_booking(customer, slot)
        make_booking(customer, slot)
        with pytest.raises(services.CapacityBelowBooked):
            services.set_capacity(slot=stale, capacity=1)
        slot.refresh_from_db()
        assert slot.capacity == 3


class TestOpeningSlots:
    def post(self, client, area, **data):
        today = timezone.localdate()
        fields = {
            "area": area.pk,
            "first_day": today + datetime.timedelta(days=1),
            "last_day": today + datetime.timedelta(days=3),
            "windows": "09:00-12:00, 14:00–18:00",
            "capacity": 4,
        } | data
        return client.post(url("aftersales-slot-create"), fields)

    def test_opens_every_window_on_every_day(self, client, staff):
        area = make_area()
        response = self.post(client, area)
        assert response.status_code == 302
        slots = ServiceSlot.objects.filter(area=area)
        assert slots.count() == 6
        assert {(s.starts_at, s.ends_at, s.capacity) for s in slots} == {
            (datetime.time(9), datetime.time(12), 4),
            (datetime.time(14), datetime.time(18), 4),
        }

    def test_skips_windows_that_exist_and_leaves_them_alone(self, client, staff, customer, today):
        area = make_area()
        existing = make_slot(
            area,
            date=today + datetime.timedelta(days=2),
            starts_at=datetime.time(9),
            ends_at=datetime.time(12),
            capacity=2,
        )
        make_booking(customer, existing)
        response = self.post(client, area)
        assert ServiceSlot.objects.filter(area=area).count() == 6
        existing.refresh_from_db()
        assert (existing.capacity, existing.booked) == (2, 1)
        (message,) = messages_of(response)
        assert "5" in message and "1" in message

    @pytest.mark.parametrize("windows", ["9-12", "12:00-09:00", "09:00-12:00, 11:00-13:00", " , "])
    def test_refuses_windows_it_cannot_read(self, client, staff, windows):
        area = make_area()
        response = self.post(client, area, windows=windows)
        assert response.status_code == 200
        assert response.context["form"].errors["windows"]
        assert not ServiceSlot.objects.filter(area=area).exists()


class TestClosingAnArea:
    def test_stops_new_bookings_and_reopens(self, client, staff):
        slot = make_slot()
        address = url("aftersales-area-update", pk=slot.area_id)
        client.post(address, {"active": "0"})
        slot.area.refresh_from_db()
        assert not slot.area.is_active
        assert not ServiceSlot.objects.bookable(after=timezone.now()).filter(pk=slot.pk).exists()
        client.post(address, {"active": "1"})
        slot.area.refresh_from_db()
        assert slot.area.is_active


def stocked(*, stock: int, threshold: int):
    """A consumable's stock record with a low-stock threshold, its alert opened as the shop
    would (Oscar opens one only when a record is updated, never on creation)."""
    record = make_consumable(stock=stock).stockrecords.get()
    record.low_stock_threshold = threshold
    record.save()
    return record


class TestLowStock:
    def test_lists_the_consumables_below_their_threshold(self, client, staff):
        short = stocked(stock=3, threshold=10)
        plenty = stocked(stock=300, threshold=10)
        response = client.get(url("stock-alert-list"))
        alerts = list(response.context["alerts"])
        assert alerts
        assert all(
            alert.stockrecord.net_stock_level <= alert.stockrecord.low_stock_threshold
            for alert in alerts
            if alert.status == StockAlert.OPEN
        )
        listed = {alert.stockrecord.partner_sku for alert in alerts}
        assert short.partner_sku in listed and plenty.partner_sku not in listed


def paid_by_demo_card(order):
    """The demo gateway's record that `order` was paid, as checkout leaves it."""
    from payments.models import PaymentAttempt

    return PaymentAttempt.objects.create(
        gateway=PaymentAttempt.Gateway.DEMO,
        intent_id=f"demo_pi_{uuid.uuid4().hex}",
        basket=Basket.objects.create(owner=order.user),
        user=order.user,
        order_number=order.number,
        amount=order.total_incl_tax,
        status=PaymentAttempt.Status.PLACED,
        demo_outcome="paid",
        order=order,
    )


class TestCancellingAContract:
    @pytest.fixture
    def contract(self, customer):
        contract = make_contract(make_unit(customer), price=Decimal("299.00"))
        paid_by_demo_card(contract.order_line.order)
        return contract

    def test_asks_first_showing_the_refund_due(self, client, staff, contract):
        response = client.get(url("aftersales-contract-cancel", pk=contract.pk))
        assert response.context["refund_due"] == Decimal("299.00")
        contract.refresh_from_db()
        assert contract.is_active

    def test_cancels_refunds_and_records_it_on_the_order(self, client, staff, contract):
        from payments.models import Refund

        response = client.post(url("aftersales-contract-cancel", pk=contract.pk))
        assert response["Location"] == url("aftersales-contract-detail", pk=contract.pk)
        contract.refresh_from_db()
        assert (contract.status, contract.refund_amount) == ("cancelled", Decimal("299.00"))
        refund = Refund.objects.get(key=f"contract-{contract.pk}")
        assert (refund.amount, refund.actor) == (Decimal("299.00"), staff)
        assert contract.order_line.order.payment_events.filter(amount=Decimal("299.00")).exists()
        assert messages_of(response)

    def test_a_second_click_refunds_nothing_more(self, client, staff, contract):
        from payments.models import Refund

        client.post(url("aftersales-contract-cancel", pk=contract.pk))
        response = client.post(url("aftersales-contract-cancel", pk=contract.pk), follow=True)
        assert response.status_code == 200
        assert Refund.objects.filter(key=f"contract-{contract.pk}").count() == 1
        assert messages_of(response)[-1] == "This warranty is already cancelled."

    def test_an_order_not_paid_by_card_is_left_alone_with_a_message(self, client, staff, customer):
        unpaid = make_contract(make_unit(customer))
        response = client.post(url("aftersales-contract-cancel", pk=unpaid.pk), follow=True)
        assert response.status_code == 200
        assert messages_of(response)
        unpaid.refresh_from_db()
        assert unpaid.is_active


class TestCancellingABooking:
    def test_cancels_a_visit_days_ahead_frees_the_place_and_refunds(self, client, staff, booking):
        paid_by_demo_card(booking.order_line.order)
        assert client.get(url("aftersales-booking-cancel", pk=booking.pk)).context["refund"]
        response = client.post(url("aftersales-booking-cancel", pk=booking.pk))
        assert response.status_code == 302
        booking.refresh_from_db()
        assert (booking.status, booking.refund_amount) == ("cancelled", booking.price)
        booking.slot.refresh_from_db()
        assert booking.slot.booked == 0

    def test_keeps_the_24_hour_rule_for_staff_too(self, client, staff, customer, today):
        tomorrow_midnight = make_slot(
            date=today + datetime.timedelta(days=1),
            starts_at=datetime.time(0, 0),
            ends_at=datetime.time(2, 0),
        )
        booking = make_booking(customer, tomorrow_midnight)
        paid_by_demo_card(booking.order_line.order)
        page = client.get(url("aftersales-booking-cancel", pk=booking.pk))
        assert page.context["refund"] is None
        response = client.post(url("aftersales-booking-cancel", pk=booking.pk), follow=True)
        assert response.status_code == 200
        assert any("24" in text for text in messages_of(response))
        booking.refresh_from_db()
        assert booking.status == ServiceBooking.Status.BOOKED
