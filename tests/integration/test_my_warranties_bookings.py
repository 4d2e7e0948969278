"""My warranties and My bookings under /<lang>/devices/: owner-only, paged, flat in queries.

Money goes back through aftersales.cancellations with the demo gateway (no money moves);
orders made by the factories are marked paid by card with a demo payment attempt.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aftersales.models import ServiceBooking, ServiceSlot, WarrantyContract
from payments.models import PaymentAttempt, Refund
from tests.factories.aftersales import (
    make_area,
    make_booking,
    make_contract,
    make_slot,
    make_unit,
)

pytestmark = pytest.mark.django_db

WARRANTIES = "/en/devices/warranties/"
BOOKINGS = "/en/devices/bookings/"


@pytest.fixture
def customer(client, django_user_model):
    user = django_user_model.objects.create_user("owner", "owner@example.cn", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def stranger(django_user_model):
    return django_user_model.objects.create_user("stranger", "stranger@example.cn", "pw")


def paid_by_card(order_line) -> PaymentAttempt:
    """Mark the factory order as paid through the demo gateway, as checkout would."""
    order = order_line.order
    return PaymentAttempt.objects.create(
        gateway=PaymentAttempt.Gateway.DEMO,
        intent_id=f"demo_pi_{order.number}",
        basket_id=order.basket_id,
        user=order.user,
        order_number=order.number,
        amount=order.total_incl_tax,
        status=PaymentAttempt.Status.PLACED,
        demo_outcome="paid",
        order=order,
    )


def slot_starting_in(area, *, hours: float, capacity: int = 3) -> ServiceSlot:
    """A slot that starts `hours` from now (local time), whatever the time of day."""
    at = timezone.localtime() + datetime.timedelta(hours=hours)
    starts = at.time().replace(second=0, microsecond=0)
    later = at + datetime.timedelta(hours=2)
    ends = later.time().replace(second=0, microsecond=0)
    if later.date() != at.date() or ends <= starts:
        ends = datetime.time(23, 59, 59)
    return make_slot(area, date=at.date(), starts_at=starts, ends_at=ends, capacity=capacity)


def html_of(response) -> str:
    return response.content.decode()


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# My warranties -------------------------------------------------------------------------


class TestMyWarrantiesForAVisitor:
    @pytest.mark.parametrize("path", ["", "WC1-1/cancel/"])
    def test_is_sent_to_sign_in(self, client, path):
        response = client.get(WARRANTIES + path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


class TestMyWarranties:
    def test_lists_only_the_customers_own_contracts_newest_first(self, client, customer, stranger):
        older = make_contract(make_unit(customer))
        newer = make_contract(make_unit(customer))
        theirs = make_contract(make_unit(stranger))
        html = html_of(client.get(WARRANTIES))
        assert older.number in html and newer.number in html
        assert theirs.number not in html
        assert html.index(newer.number) < html.index(older.number)

    def test_shows_unit_plan_cover_and_days_left(self, client, customer):
        today = timezone.localdate()
        unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=400))
        running = make_contract(
            unit,
            starts_on=today - datetime.timedelta(days=10),
            ends_on=today + datetime.timedelta(days=9),
        )
        html = html_of(client.get(WARRANTIES))
        assert unit.serial in html and unit.appliance_model.model_number in html
        assert running.plan_title in html
        assert f'data-ends="{running.ends_on:%Y-%m-%d}"' in html
        assert "Active: 9 days left" in html
        assert f"/en/devices/warranties/{running.number}/certificate.pdf" in html

    def test_a_plan_not_started_says_when_it_starts(self, client, customer):
        contract = make_contract(make_unit(customer))
        html = html_of(client.get(WARRANTIES))
        assert "Cover starts on" in html
        assert f"/en/devices/warranties/{contract.number}/cancel/" in html

    def test_a_cancelled_plan_offers_its_certificate_but_no_cancel(self, client, customer):
        contract = make_contract(
            make_unit(customer),
            status=WarrantyContract.Status.CANCELLED,
            refund_amount=Decimal("299.00"),
        )
        html = html_of(client.get(WARRANTIES))
        assert "Cancelled" in html
        assert f"{contract.number}/certificate.pdf" in html
        assert f"{contract.number}/cancel/" not in html

    def test_only_the_latest_plan_on_a_unit_offers_cancel(self, client, customer):
        unit = make_unit(customer)
        first = make_contract(unit, term_months=12)
        second = make_contract(unit, starts_on=first.ends_on + datetime.timedelta(days=1))
        html = html_of(client.get(WARRANTIES))
        assert f"{second.number}/cancel/" in html
        assert f"{first.number}/cancel/" not in html

    def test_says_what_a_plan_is_when_there_is_none(self, client, customer):
        html = html_of(client.get(WARRANTIES))
        assert "empty-state" in html and "No extended warranties yet" in html

    def test_pages_by_twenty(self, client, customer):
        unit = make_unit(customer)
        numbers = [make_contract(unit).number for _ in range(21)]
        first, second = html_of(client.get(WARRANTIES)), html_of(client.get(WARRANTIES + "?page=2"))
        assert first.count('class="card contract"') == 20
        assert second.count('class="card contract"') == 1
        assert numbers[0] in second and numbers[-1] in first
        assert 'href="?page=2"' in first

    def test_costs_the_same_queries_for_2_and_30_contracts(
        self, client, customer, django_assert_num_queries
    ):
        for _ in range(2):
            make_contract(make_unit(customer))
        client.get(WARRANTIES)  # the session and anything else cached on first use
        two = queries_for(client, WARRANTIES)
        for _ in range(28):
            make_contract(make_unit(customer))
        with django_assert_num_queries(two):
            client.get(WARRANTIES)


class TestCancellingAContract:
    def test_the_confirmation_shows_the_refund_due(self, client, customer):
        contract = make_contract(make_unit(customer), price=Decimal("299.00"))
        response = client.get(f"{WARRANTIES}{contract.number}/cancel/")
        assert response.status_code == 200
        assert "299.00" in html_of(response).split('class="refund-due"')[1][:80]
        assert 'method="post"' in html_of(response)

    def test_a_late_cancel_shows_the_pro_rata_refund(self, client, customer):
        today = timezone.localdate()
        contract = make_contract(
            make_unit(customer, purchase_date=today - datetime.timedelta(days=500)),
            price=Decimal("365.00"),
            purchased_on=today - datetime.timedelta(days=200),
            starts_on=today - datetime.timedelta(days=100),
            ends_on=today + datetime.timedelta(days=264),  # 365 days of cover
        )
        html = html_of(client.get(f"{WARRANTIES}{contract.number}/cancel/"))
        assert "264.00" in html.split('class="refund-due"')[1][:80]

    def test_confirming_cancels_and_refunds_by_card(self, client, customer):
        contract = make_contract(make_unit(customer), price=Decimal("299.00"))
        paid_by_card(contract.order_line)
        response = client.post(f"{WARRANTIES}{contract.number}/cancel/", follow=True)
        assert response.redirect_chain[-1][0] == WARRANTIES
        contract.refresh_from_db()
        assert contract.status == WarrantyContract.Status.CANCELLED
        assert contract.refund_amount == Decimal("299.00")
        assert Refund.objects.get(key=f"contract-{contract.pk}").amount == Decimal("299.00")
        html = html_of(response)
        assert f"Warranty {contract.number} is cancelled." in html and "299.00" in html

    def test_a_second_cancel_is_refused_and_changes_nothing(self, client, customer):
        contract = make_contract(make_unit(customer))
        paid_by_card(contract.order_line)
        client.post(f"{WARRANTIES}{contract.number}/cancel/")
        response = client.post(f"{WARRANTIES}{contract.number}/cancel/", follow=True)
        assert "This warranty is already cancelled." in html_of(response)
        assert Refund.objects.filter(key=f"contract-{contract.pk}").count() == 1

    def test_the_earlier_of_two_plans_is_refused(self, client, customer):
        unit = make_unit(customer)
        first = make_contract(unit, term_months=12)
        make_contract(unit, starts_on=first.ends_on + datetime.timedelta(days=1))
        paid_by_card(first.order_line)
        response = client.post(f"{WARRANTIES}{first.number}/cancel/", follow=True)
        assert "Cancel the later plan on this unit first." in html_of(response)
        first.refresh_from_db()
        assert first.status == WarrantyContract.Status.ACTIVE

    def test_an_order_not_paid_by_card_is_refused_and_changes_nothing(self, client, customer):
        contract = make_contract(make_unit(customer))
        response = client.post(f"{WARRANTIES}{contract.number}/cancel/", follow=True)
        assert "not paid by card" in html_of(response)
        contract.refresh_from_db()
        assert contract.status == WarrantyContract.Status.ACTIVE

    def test_an_already_cancelled_plan_has_no_confirmation_page(self, client, customer):
        contract = make_contract(make_unit(customer), status=WarrantyContract.Status.CANCELLED)
        response = client.get(f"{WARRANTIES}{contract.number}/cancel/", follow=True)
        assert response.redirect_chain[-1][0] == WARRANTIES
        assert "This warranty is already cancelled." in html_of(response)

    def test_someone_elses_plan_is_a_404_and_stays_active(self, client, customer, stranger):
        contract = make_contract(make_unit(stranger))
        paid_by_card(contract.order_line)
        assert client.get(f"{WARRANTIES}{contract.number}/cancel/").status_code == 404
        assert client.post(f"{WARRANTIES}{contract.number}/cancel/").status_code == 404
        contract.refresh_from_db()
        assert contract.status == WarrantyContract.Status.ACTIVE


# My devices ----------------------------------------------------------------------------


class TestMyDevicesShowsExtendedCover:
    def test_a_card_says_to_when_and_by_which_plan(self, client, customer):
        unit = make_unit(customer)
        contract = make_contract(unit)
        html = html_of(client.get("/en/devices/"))
        assert f'class="device__cover" data-date="{contract.ends_on:%Y-%m-%d}"' in html
        assert f"by {contract.plan_title}" in html
        assert 'href="/en/devices/warranties/"' in html and 'href="/en/devices/bookings/"' in html

    def test_a_cancelled_plan_is_not_cover(self, client, customer):
        make_contract(make_unit(customer), status=WarrantyContract.Status.CANCELLED)
        assert "device__cover" not in html_of(client.get("/en/devices/"))

    def test_costs_the_same_queries_for_2_and_30_covered_units(
        self, client, customer, django_assert_num_queries
    ):
        for _ in range(2):
            make_contract(make_unit(customer))
        client.get("/en/devices/")
        two = queries_for(client, "/en/devices/")
        for _ in range(28):
            make_contract(make_unit(customer))
        with django_assert_num_queries(two):
            client.get("/en/devices/")


class TestTheAccountSidebar:
    def test_links_the_after_sales_pages(self, client, customer):
        html = html_of(client.get("/en/shop/accounts/profile/"))
        assert 'href="/en/devices/warranties/"' in html and 'href="/en/devices/bookings/"' in html


# My bookings ---------------------------------------------------------------------------


class TestMyBookingsForAVisitor:
    @pytest.mark.parametrize("path", ["", "SB1-1/reschedule/", "SB1-1/cancel/"])
    def test_is_sent_to_sign_in(self, client, path):
        response = client.get(BOOKINGS + path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


class TestMyBookings:
    def test_lists_only_the_customers_own_visits(self, client, customer, stranger):
        mine = make_booking(customer)
        theirs = make_booking(stranger)
        html = html_of(client.get(BOOKINGS))
        assert mine.number in html and theirs.number not in html
        assert mine.address in html and mine.slot.area.name_en in html
        assert f'data-date="{mine.slot.date:%Y-%m-%d}" data-starts="09:00"' in html
        assert "09:00–11:00" in html

    def test_a_visit_days_ahead_can_be_moved_or_cancelled(self, client, customer):
        booking = make_booking(customer)
        html = html_of(client.get(BOOKINGS))
        assert f"{BOOKINGS}{booking.number}/reschedule/" in html
        assert f"{BOOKINGS}{booking.number}/cancel/" in html

    def test_a_visit_within_24_hours_points_to_the_hotline(self, client, customer, settings):
        booking = make_booking(customer, slot_starting_in(make_area(), hours=5))
        html = html_of(client.get(BOOKINGS))
        assert f"{booking.number}/reschedule/" not in html
        assert f"{booking.number}/cancel/" not in html
        assert "less than 24 hours away" in html and settings.AFTERCARE_SERVICE_PHONE in html

    def test_a_cancelled_visit_offers_nothing(self, client, customer):
        booking = make_booking(customer, status=ServiceBooking.Status.CANCELLED)
        html = html_of(client.get(BOOKINGS))
        assert "Cancelled" in html
        assert f"{booking.number}/reschedule/" not in html

    def test_says_how_to_book_when_there_is_none(self, client, customer):
        html = html_of(client.get(BOOKINGS))
        assert "empty-state" in html and "No service visits booked" in html

    def test_pages_by_twenty(self, client, customer):
        area = make_area()
        today = timezone.localdate()
        for day in range(21):
            make_booking(customer, make_slot(area, date=today + datetime.timedelta(days=day + 2)))
        first, second = html_of(client.get(BOOKINGS)), html_of(client.get(BOOKINGS + "?page=2"))
        assert first.count('class="card booking"') == 20
        assert second.count('class="card booking"') == 1

    def test_costs_the_same_queries_for_2_and_30_bookings(
        self, client, customer, django_assert_num_queries
    ):
        for _ in range(2):
            make_booking(customer)
        client.get(BOOKINGS)
        two = queries_for(client, BOOKINGS)
        for _ in range(28):
            make_booking(customer)
        with django_assert_num_queries(two):
            client.get(BOOKINGS)


@pytest.fixture
def area():
    return make_area()


@pytest.fixture
def booking(customer, area):
    return make_booking(customer, make_slot(area, capacity=2))


def reschedule(client, booking, slot, language="en"):
    return client.post(
        f"/{language}/devices/bookings/{booking.number}/reschedule/", {"slot": slot.pk}
    )


def counts(*slots) -> list[int]:
    return [ServiceSlot.objects.get(pk=slot.pk).booked for slot in slots]


class TestRescheduling:
    def test_offers_free_future_slots_of_the_same_area_only(self, client, booking, area):
        week = booking.slot.date
        free = make_slot(area, date=week + datetime.timedelta(days=1), capacity=4, booked=1)
        full = make_slot(area, date=week + datetime.timedelta(days=2), capacity=1, booked=1)
        elsewhere = make_slot(make_area(), date=week + datetime.timedelta(days=1))
        past = make_slot(area, date=timezone.localdate() - datetime.timedelta(days=1))
        html = html_of(client.get(f"{BOOKINGS}{booking.number}/reschedule/"))
        assert f'value="{free.pk}"' in html and "3 places left" in html
        for hidden in (full, elsewhere, past, booking.slot):
            assert f'value="{hidden.pk}"' not in html
        assert f'<label class="slot-choice" for="slot-{free.pk}">' in html

    def test_moves_the_place_from_the_old_slot_to_the_new(self, client, booking, area):
        old = booking.slot
        new = make_slot(area, date=old.date + datetime.timedelta(days=1), capacity=2)
        before = counts(old, new)
        response = reschedule(client, booking, new)
        assert response.status_code == 302 and response["Location"] == BOOKINGS
        booking.refresh_from_db()
        assert booking.slot_id == new.pk
        assert counts(old, new) == [before[0] - 1, before[1] + 1]

    def test_into_a_slot_filled_meanwhile_says_so_and_changes_nothing(self, client, booking, area):
        old = booking.slot
        full = make_slot(area, date=old.date + datetime.timedelta(days=1), capacity=1, booked=1)
        before = counts(old, full)
        response = reschedule(client, booking, full)
        assert response.status_code == 409
        assert "That time slot has just been fully booked." in html_of(response)
        booking.refresh_from_db()
        assert booking.slot_id == old.pk
        assert counts(old, full) == before

    def test_into_another_areas_slot_is_refused(self, client, booking):
        old = booking.slot
        elsewhere = make_slot(make_area(), date=old.date + datetime.timedelta(days=1))
        response = reschedule(client, booking, elsewhere)
        assert response.status_code == 400
        assert "Choose one of the times listed." in html_of(response)
        booking.refresh_from_db()
        assert booking.slot_id == old.pk and counts(elsewhere) == [0]

    def test_within_24_hours_is_refused_and_changes_nothing(self, client, customer, area):
        soon = make_booking(customer, slot_starting_in(area, hours=23))
        later = make_slot(area, date=timezone.localdate() + datetime.timedelta(days=5))
        page = html_of(client.get(f"{BOOKINGS}{soon.number}/reschedule/"))
        assert "less than 24 hours away" in page and 'name="slot"' not in page
        response = reschedule(client, soon, later)
        assert response.status_code == 409
        assert "cannot be changed online" in html_of(response)
        soon.refresh_from_db()
        assert soon.slot_id != later.pk and counts(later) == [0]

    def test_someone_elses_booking_is_a_404(self, client, customer, stranger, area):
        theirs = make_booking(stranger, make_slot(area))
        new = make_slot(area, date=theirs.slot.date + datetime.timedelta(days=1))
        assert client.get(f"{BOOKINGS}{theirs.number}/reschedule/").status_code == 404
        assert reschedule(client, theirs, new).status_code == 404
        assert counts(new) == [0]

    def test_with_no_other_free_time_says_so(self, client, booking):
        html = html_of(client.get(f"{BOOKINGS}{booking.number}/reschedule/"))
        assert "empty-state" in html and "no other free time" in html


class TestCancellingABooking:
    def test_the_confirmation_shows_the_full_refund(self, client, booking):
        response = client.get(f"{BOOKINGS}{booking.number}/cancel/")
        assert response.status_code == 200
        assert "199.00" in html_of(response).split('class="refund-due"')[1][:80]

    def test_confirming_cancels_frees_the_place_and_refunds(self, client, booking):
        paid_by_card(booking.order_line)
        slot = booking.slot
        before = counts(slot)[0]
        response = client.post(f"{BOOKINGS}{booking.number}/cancel/", follow=True)
        assert response.redirect_chain[-1][0] == BOOKINGS
        booking.refresh_from_db()
        assert booking.status == ServiceBooking.Status.CANCELLED
        assert booking.refund_amount == Decimal("199.00")
        assert counts(slot) == [before - 1]
        assert Refund.objects.get(key=f"booking-{booking.pk}").amount == Decimal("199.00")
        assert f"Visit {booking.number} is cancelled." in html_of(response)

    def test_within_24_hours_is_refused_and_changes_nothing(self, client, customer, area):
        soon = make_booking(customer, slot_starting_in(area, hours=20))
        paid_by_card(soon.order_line)
        page = client.get(f"{BOOKINGS}{soon.number}/cancel/", follow=True)
        assert page.redirect_chain[-1][0] == BOOKINGS
        response = client.post(f"{BOOKINGS}{soon.number}/cancel/", follow=True)
        assert "cannot be cancelled online" in html_of(response)
        soon.refresh_from_db()
        assert soon.status == ServiceBooking.Status.BOOKED
        assert not Refund.objects.filter(key=f"booking-{soon.pk}").exists()

    def test_someone_elses_booking_is_a_404(self, client, customer, stranger):
        theirs = make_booking(stranger)
        assert client.get(f"{BOOKINGS}{theirs.number}/cancel/").status_code == 404
        assert client.post(f"{BOOKINGS}{theirs.number}/cancel/").status_code == 404
