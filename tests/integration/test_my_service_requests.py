"""My service requests: the list, the timeline, and moving, cancelling or confirming.

A customer sees only their own requests (anyone else's number answers 404); the status only
moves in order (409 with the reason otherwise); nothing changes online in the last 2 hours
before a visit.
"""

import datetime
import html

import pytest
from django.utils import timezone

from aftersales.models import Assignment, ServiceKind, ServiceRequest, ServiceSlot
from aftersales.request_links import guest_token
from aftersales.services.requests import record_note, transition
from appliances import signing
from tests.factories.aftersales import make_area, make_unit
from tests.factories.cms import make_manual
from tests.factories.service import advance, make_engineer, make_request
from tests.factories.service_customer import assign, slot_in

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status
LIST = "/en/devices/service/"
# The page's own two (count, one page of requests with model, engineer and window joined),
# and the site's: session, user, basket (made on a first visit), notifications, permissions.
QUERIES = 13


@pytest.fixture
def customer(client, django_user_model):
    user = django_user_model.objects.create_user("owner", "owner@example.cn", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def stranger(django_user_model):
    return django_user_model.objects.create_user("stranger", "stranger@example.cn", "pw")


def page(number: str, action: str = "") -> str:
    return f"/en/devices/service/{number}/{action + '/' if action else ''}"


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def request_number_of(customer) -> str:
    return make_request(customer=customer).number


def assigned_visit(customer, *, hours: float, area=None):
    """A repair visit of `customer`, ASSIGNED to a window starting `hours` from now."""
    area = area or make_area()
    request = make_request(customer=customer, area=area)
    assignment = assign(request, slot=slot_in(area, hours=hours))
    return request, assignment


class TestTheList:
    def test_sends_a_visitor_to_sign_in(self, client):
        response = client.get(LIST)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_shows_only_the_customers_own_requests_newest_first(self, client, customer, stranger):
        now = timezone.now()
        older = make_request(customer=customer, now=now - datetime.timedelta(days=2))
        newer = make_request(customer=customer, now=now - datetime.timedelta(hours=1))
        theirs = make_request(customer=stranger)
        body = text_of(client.get(LIST))
        assert older.number in body and newer.number in body
        assert theirs.number not in body
        assert body.index(newer.number) < body.index(older.number)
        assert "Received" in body

    def test_speaks_chinese(self, client, customer):
        request = make_request(customer=customer)
        body = text_of(client.get("/zh-hans/devices/service/"))
        assert "我的服务单" in body and "上门维修" in body and "已受理" in body
        body = text_of(client.get(f"/zh-hans/devices/service/{request.number}/"))
        assert "进度" in body and "取消服务单" in body and "在厂家保修期内" not in body

    def test_says_what_to_do_when_there_is_none(self, client, customer):
        body = text_of(client.get(LIST))
        assert "No service requests yet" in body
        assert 'href="/en/devices/service/new/"' in body

    def test_shows_the_engineer_and_window_once_assigned(self, client, customer):
        request, assignment = assigned_visit(customer, hours=48)
        body = text_of(client.get(LIST))
        assert assignment.engineer.name in body
        assert f'data-date="{assignment.slot.date:%Y-%m-%d}"' in body

    def test_costs_the_same_queries_for_2_or_200_requests(
        self, client, customer, django_assert_max_num_queries
    ):
        area = make_area()
        engineer = make_engineer(areas=[area])
        for _n in range(2):
            make_request(customer=customer, area=area)
        with django_assert_max_num_queries(QUERIES):
            assert client.get(LIST).status_code == 200
        slot = slot_in(area, hours=72, capacity=250)
        for n in range(198):
            request = make_request(customer=customer, area=area, contact_phone=f"1380000{n:04d}")
            if n % 3 == 0:
                advance(request, Status.ASSIGNED, engineer=engineer, slot=slot)
        with django_assert_max_num_queries(QUERIES):
            assert client.get(LIST).status_code == 200
        with django_assert_max_num_queries(QUERIES):
            assert client.get(LIST + "?page=10").status_code == 200


class TestOneRequest:
    def test_another_customers_request_is_not_found(self, client, customer, stranger):
        theirs = make_request(customer=stranger)
        for action in ("", "cancel", "reschedule"):
            assert client.get(page(theirs.number, action)).status_code == 404
        assert client.post(page(theirs.number, "confirm")).status_code == 404
        assert client.post(page(theirs.number, "cancel")).status_code == 404
        assert client.get(page(theirs.number, "files/1")).status_code == 404
        assert (
            client.get(page(request_number_of(customer), "files/99999999999999999999")).status_code
            == 404
        )
        assert ServiceRequest.objects.get(pk=theirs.pk).status == Status.RECEIVED

    def test_an_unknown_number_is_not_found_the_same_way(self, client, customer):
        assert client.get(page("SR000000ABCDEF")).status_code == 404

    def test_a_guests_request_is_not_reached_by_its_number(self, client, customer):
        guest = make_request()
        assert client.get(page(guest.number)).status_code == 404
        assert (
            client.get(f"/en/devices/service/guest/{guest_token(guest.number)}/").status_code == 200
        )

    def test_the_timeline_shows_the_customers_steps_only(self, client, customer):
        request = make_request(customer=customer, symptom="不制冷")
        now = timezone.now()
        transition(request, action="answer", role="agent", now=now, note="We will call at 3pm")
        record_note(request, action="escalate", role="system", now=now, note="internal: level 1")
        body = text_of(client.get(page(request.number)))
        assert "Request received" in body and "Answered" in body
        assert "We will call at 3pm" in body
        assert "internal: level 1" not in body and "Escalated" not in body
        assert "不制冷" in body

    def test_shows_the_engineer_window_and_eta_once_on_the_way(self, client, customer):
        request, assignment = assigned_visit(customer, hours=30)
        transition(
            request, action="on_the_way", role="engineer", now=timezone.now(), eta_minutes=25
        )
        body = text_of(client.get(page(request.number)))
        assert assignment.engineer.name in body and assignment.engineer.phone in body
        assert "about 25 minutes away" in body
        assert "Engineer on the way" in body


class TestCancelling:
    def test_a_received_request_is_cancelled_with_its_reason(self, client, customer):
        request = make_request(customer=customer)
        assert "Cancel the request" in text_of(client.get(page(request.number)))
        response = client.post(page(request.number, "cancel"), {"reason": "已经修好了"})
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == Status.CANCELLED and request.cancelled_at is not None
        event = request.events.get(action="cancel")
        assert (event.note, event.actor, event.actor_role) == ("已经修好了", customer, "customer")

    def test_an_assigned_visit_gives_its_window_and_engineer_back(self, client, customer):
        request, assignment = assigned_visit(customer, hours=26)
        slot = assignment.slot
        assert ServiceSlot.objects.get(pk=slot.pk).booked == 1
        assert client.post(page(request.number, "cancel")).status_code == 302
        request.refresh_from_db()
        assert request.status == Status.CANCELLED
        assert (request.engineer, request.slot) == (None, None)
        assert ServiceSlot.objects.get(pk=slot.pk).booked == 0
        assert not Assignment.objects.filter(pk=assignment.pk).exists()

    def test_not_within_two_hours_of_the_visit(self, client, customer):
        request, assignment = assigned_visit(customer, hours=1.5)
        detail = text_of(client.get(page(request.number)))
        assert "less than 2 hours away" in detail and "Cancel the request" not in detail
        response = client.post(page(request.number, "cancel"))
        assert response.status_code == 409
        assert "less than 2 hours from now" in text_of(response)
        request.refresh_from_db()
        assert request.status == Status.ASSIGNED
        assert Assignment.objects.filter(pk=assignment.pk).exists()

    def test_once_the_engineer_is_on_the_way_it_is_out_of_order(self, client, customer):
        request, _assignment = assigned_visit(customer, hours=30)
        transition(request, action="on_the_way", role="engineer", now=timezone.now())
        response = client.post(page(request.number, "cancel"))
        assert response.status_code == 409
        assert "“Cancelled” cannot happen now" in text_of(response)


class TestMovingTheVisit:
    def test_the_same_engineer_keeps_it_when_free(self, client, customer):
        request, assignment = assigned_visit(customer, hours=30)
        old_slot = assignment.slot
        new_slot = slot_in(old_slot.area, hours=72)
        listing = text_of(client.get(page(request.number, "reschedule")))
        assert f'value="{new_slot.pk}"' in listing
        response = client.post(page(request.number, "reschedule"), {"slot": new_slot.pk})
        assert response.status_code == 302
        request.refresh_from_db()
        assignment.refresh_from_db()
        assert (request.status, request.slot, request.engineer) == (
            Status.ASSIGNED,
            new_slot,
            assignment.engineer,
        )
        assert (assignment.slot, assignment.date) == (new_slot, new_slot.date)
        assert ServiceSlot.objects.get(pk=old_slot.pk).booked == 0
        assert ServiceSlot.objects.get(pk=new_slot.pk).booked == 1
        assert request.events.filter(action="reschedule").exists()

    def test_a_busy_engineer_sends_it_back_to_the_dispatcher(self, client, customer):
        request, assignment = assigned_visit(customer, hours=30)
        old_slot = assignment.slot
        new_slot = slot_in(old_slot.area, hours=72)
        busy_with = make_request(area=old_slot.area)
        assign(busy_with, slot=new_slot, engineer=assignment.engineer)
        response = client.post(page(request.number, "reschedule"), {"slot": new_slot.pk})
        assert response.status_code == 302
        request.refresh_from_db()
        assert (request.status, request.engineer, request.slot) == (Status.ANSWERED, None, None)
        assert not Assignment.objects.filter(request=request).exists()
        assert ServiceSlot.objects.get(pk=old_slot.pk).booked == 0
        event = request.events.get(action="requeue")
        assert event.note.startswith("Asked for ")

    def test_only_to_a_window_more_than_24_hours_ahead_in_the_same_area(self, client, customer):
        request, assignment = assigned_visit(customer, hours=30)
        too_soon = slot_in(assignment.slot.area, hours=20)
        elsewhere = slot_in(make_area(), hours=72)
        listing = text_of(client.get(page(request.number, "reschedule")))
        assert f'value="{too_soon.pk}"' not in listing and f'value="{elsewhere.pk}"' not in listing
        response = client.post(page(request.number, "reschedule"), {"slot": too_soon.pk})
        assert response.status_code == 409
        assert "more than 24 hours from now" in text_of(response)
        response = client.post(page(request.number, "reschedule"), {"slot": elsewhere.pk})
        assert response.status_code == 400
        request.refresh_from_db()
        assert request.slot == assignment.slot

    def test_a_request_without_a_visit_cannot_be_moved(self, client, customer):
        request = make_request(customer=customer, kind=ServiceKind.CONSULTATION)
        slot = slot_in(make_area(), hours=72)
        response = client.post(page(request.number, "reschedule"), {"slot": slot.pk})
        assert response.status_code in (400, 409)
        request.refresh_from_db()
        assert request.status == Status.RECEIVED


class TestConfirming:
    def test_a_done_request_is_confirmed_by_its_customer(self, client, customer):
        request = make_request(customer=customer)
        advance(request, Status.DONE)
        assert "Yes, confirm it is done" in text_of(client.get(page(request.number)))
        assert client.post(page(request.number, "confirm")).status_code == 302
        request.refresh_from_db()
        assert request.status == Status.CONFIRMED and request.confirmed_at is not None

    def test_confirming_before_it_is_done_is_out_of_order(self, client, customer):
        request = make_request(customer=customer)
        response = client.post(page(request.number, "confirm"))
        assert response.status_code == 409
        assert "cannot happen now" in text_of(response)
        assert client.get(page(request.number, "confirm")).status_code == 405

    def test_a_guest_confirms_through_the_texted_link(self, client):
        request = make_request()
        advance(request, Status.DONE)
        url = f"/en/devices/service/guest/{guest_token(request.number)}/confirm/"
        assert client.post(url).status_code == 302
        request.refresh_from_db()
        assert request.status == Status.CONFIRMED
        assert request.events.get(action="confirm").actor_role == "guest"


class TestTheUnitsQRLanding:
    def landing(self, client, unit):
        if not unit.appliance_model.manual_pages.exists():
            make_manual(unit.appliance_model, languages=["en"])
        pages = {"en": unit.appliance_model.manual_pages.get()}
        code = unit.appliance_model.public_code
        sig = signing.unit_signature(code, unit.serial)
        response = client.get(f"{pages['en'].url}?serial={unit.serial}&sig={sig}")
        assert response.status_code == 200
        return text_of(response)

    def test_the_owner_sees_the_open_requests_status(self, client, customer):
        unit = make_unit(customer)
        request, _assignment = assigned_visit(customer, hours=30)
        ServiceRequest.objects.filter(pk=request.pk).update(unit=unit)
        transition(
            request, action="on_the_way", role="engineer", now=timezone.now(), eta_minutes=20
        )
        body = self.landing(client, unit)
        assert f"Your request {request.number} is: Engineer on the way" in body
        assert f'href="/en/devices/service/{request.number}/"' in body
        code = unit.appliance_model.public_code
        assert f"/en/devices/service/new/?model={code}&serial={unit.serial}" in body

    def test_anyone_else_sees_no_personal_data(self, client, customer, stranger):
        unit = make_unit(customer)
        request = make_request(customer=customer, unit=unit)
        client.logout()
        body = self.landing(client, unit)
        assert request.number not in body and "Your request" not in body
        client.force_login(stranger)
        body = self.landing(client, unit)
        assert request.number not in body and "Your unit" not in body

    def test_a_troubleshooting_entry_offers_a_repair_request(self, client, customer):
        unit = make_unit(customer)
        body = self.landing(client, unit)
        code = unit.appliance_model.public_code
        assert "Still not fixed? Request a repair" in body
        assert f"/en/devices/service/new/?model={code}&fault=e1&fault_title=E1%20" in body
