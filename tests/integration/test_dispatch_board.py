"""The dispatcher's screens in Oscar's dashboard: the board, a request's steps, a shop
visit's engineer, an engineer's day."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from aftersales.models import (
    Assignment,
    ServiceAttachment,
    ServiceKind,
    ServiceRequest,
    WarrantyClaim,
)
from aftersales.services.dispatch import assign
from tests.factories.aftersales import make_area, make_booking, make_contract, make_unit
from tests.factories.catalog import make_consumable
from tests.factories.dispatch import bulk_requests, future_slot, make_dispatcher, make_job
from tests.factories.service import advance, make_engineer, make_request
from tests.factories.staff import make_shop_staff

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status


def url(name, **kwargs):
    return reverse(f"dashboard:{name}", kwargs=kwargs or None)


def step(request, action):
    return url("aftersales-request-step", pk=request.pk, action=action)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def dispatcher(client):
    user = make_dispatcher()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


@pytest.fixture
def area():
    return make_area()


@pytest.fixture
def engineer(area):
    return make_engineer(areas=[area], name="李师傅")


@pytest.fixture
def customer():
    n = uuid.uuid4().hex[:8]
    return get_user_model().objects.create_user(f"c{n}", f"c{n}@example.com", "pw-12345678")


class TestWhoMayDispatch:
    def test_staff_without_the_permission_get_403_everywhere(self, client, area, customer):
        request = make_request(area=area)
        booking = make_booking(customer)
        client.force_login(make_shop_staff())
        for address in [
            url("aftersales-dispatch-board"),
            url("aftersales-request-detail", pk=request.pk),
            url("aftersales-booking-dispatch", pk=booking.pk),
            url("aftersales-engineer-day"),
        ]:
            assert client.get(address).status_code == 403, address
        assert client.post(step(request, "answer"), {"answer-note": "hi"}).status_code == 403
        request.refresh_from_db()
        assert request.status == Status.RECEIVED

    def test_an_engineer_cannot_dispatch(self, client, area):
        request = make_request(area=area)
        client.force_login(make_engineer(areas=[area]).user)
        assert client.get(url("aftersales-request-detail", pk=request.pk)).status_code == 403

    def test_the_dispatcher_sees_the_board_in_the_menu(self, client, dispatcher):
        response = client.get(url("aftersales-dispatch-board"))
        assert response.status_code == 200
        assert url("aftersales-dispatch-board") in response.content.decode()


class TestTheBoard:
    def test_lists_open_requests_by_deadline_and_open_shop_visits(
        self, client, dispatcher, area, customer, engineer
    ):
        now = timezone.now()
        later = make_request(area=area, now=now - datetime.timedelta(minutes=10))
        sooner = make_request(area=area, now=now - datetime.timedelta(minutes=100))
        done = advance(make_request(area=area), Status.DONE)
        visit = make_booking(customer, future_slot(area))
        html = client.get(url("aftersales-dispatch-board")).content.decode()
        assert html.index(sooner.number) < html.index(later.number)
        assert done.number not in html
        assert visit.number in html
        assert later.contact_name in html and later.appliance_model.model_number in html

    def test_filters_by_area_type_and_assignment(self, client, dispatcher, area, customer):
        other = make_request(area=make_area())
        mine = make_request(area=area, kind=ServiceKind.INSTALLATION)
        visit = make_booking(customer, future_slot(area))
        html = client.get(url("aftersales-dispatch-board"), {"area": area.pk}).content.decode()
        assert mine.number in html and other.number not in html and visit.number in html
        html = client.get(
            url("aftersales-dispatch-board"), {"kind": ServiceKind.INSTALLATION}
        ).content.decode()
        assert mine.number in html and visit.number not in html
        html = client.get(url("aftersales-dispatch-board"), {"kind": "shop_visit"}).content.decode()
        assert visit.number in html and mine.number not in html
        html = client.get(
            url("aftersales-dispatch-board"), {"engineer": "assigned"}
        ).content.decode()
        assert mine.number not in html and visit.number not in html

    def test_due_within_two_hours_and_overdue(self, client, dispatcher, area):
        now = timezone.now()
        overdue = make_request(area=area)
        ServiceRequest.objects.filter(pk=overdue.pk).update(
            response_due=now - datetime.timedelta(minutes=5)
        )
        soon = make_request(area=area)
        ServiceRequest.objects.filter(pk=soon.pk).update(
            response_due=now + datetime.timedelta(minutes=30)
        )
        relaxed = make_request(area=area)
        ServiceRequest.objects.filter(pk=relaxed.pk).update(
            response_due=now + datetime.timedelta(hours=5)
        )
        html = client.get(url("aftersales-dispatch-board"), {"due": "soon"}).content.decode()
        assert soon.number in html and overdue.number not in html and relaxed.number not in html
        html = client.get(url("aftersales-dispatch-board"), {"due": "overdue"}).content.decode()
        assert overdue.number in html and soon.number not in html
        assert "overdue by" in html

    def test_an_answered_visit_is_sorted_by_its_arrival_promise(self, client, dispatcher, area):
        now = timezone.now()
        answered = make_request(area=area)
        ServiceRequest.objects.filter(pk=answered.pk).update(
            status=Status.ANSWERED,
            answered_at=now,
            arrival_due=now + datetime.timedelta(hours=1),
        )
        waiting = make_request(area=area)
        ServiceRequest.objects.filter(pk=waiting.pk).update(
            response_due=now + datetime.timedelta(hours=2)
        )
        html = client.get(url("aftersales-dispatch-board")).content.decode()
        assert html.index(answered.number) < html.index(waiting.number)

    @pytest.mark.parametrize("bad", [{"area": "abc"}, {"due": "tomorrow"}, {"kind": "x"}])
    def test_a_bad_filter_lists_nothing(self, client, dispatcher, area, bad):
        request = make_request(area=area)
        response = client.get(url("aftersales-dispatch-board"), bad)
        assert response.status_code == 200
        assert request.number not in response.content.decode()

    @pytest.mark.parametrize("size", [10, 5_000])
    def test_costs_the_same_queries_at_ten_and_five_thousand(
        self, client, dispatcher, area, customer, size, django_assert_max_num_queries
    ):
        engineer = make_engineer(areas=[area])
        bulk_requests(size, area=area)
        bulk_requests(5, area=area, engineer=engineer)  # some with their engineer shown
        for days in (7, 8):
            make_booking(customer, future_slot(area, days=days))
        with django_assert_max_num_queries(14):
            response = client.get(url("aftersales-dispatch-board"))
        assert response.status_code == 200
        html = response.content.decode()
        assert f"{size + 5} open requests" in html and "2 shop visits" in html


class TestAssigning:
    def test_the_form_offers_qualified_engineers_of_the_area_and_their_free_windows(
        self, client, dispatcher, area, engineer
    ):
        unqualified = make_engineer(areas=[area], categories=["water_heater"], name="赵师傅")
        elsewhere = make_engineer(areas=[make_area()], name="钱师傅")
        free = future_slot(area, days=3)
        full = future_slot(area, days=4, capacity=1, booked=1)
        request = make_request(area=area)
        html = client.get(url("aftersales-request-detail", pk=request.pk)).content.decode()
        assert engineer.name in html
        assert unqualified.name not in html and elsewhere.name not in html
        assert f'value="{free.pk}"' in html and f'value="{full.pk}"' not in html

    def test_assigning_takes_the_place(self, client, dispatcher, area, engineer):
        request = make_request(area=area)
        slot = future_slot(area)
        response = client.post(
            step(request, "assign"), {"assign-engineer": engineer.pk, "assign-slot": slot.pk}
        )
        assert response.status_code == 302
        request.refresh_from_db()
        slot.refresh_from_db()
        assert (request.status, request.engineer, slot.booked) == (Status.ASSIGNED, engineer, 1)

    def test_the_engineer_taken_meanwhile_is_a_409_with_the_reason(
        self, client, dispatcher, area, engineer
    ):
        slot = future_slot(area)
        first, second = make_request(area=area), make_request(area=area)
        assign(job=first, engineer=engineer, slot=slot, actor=None, now=timezone.now())
        response = client.post(
            step(second, "assign"), {"assign-engineer": engineer.pk, "assign-slot": slot.pk}
        )
        assert response.status_code == 409
        assert "already has a job" in " ".join(messages_of(response))
        slot.refresh_from_db()
        assert slot.booked == 1

    @pytest.mark.parametrize(
        "data",
        [
            {},
            {"assign-engineer": "x", "assign-slot": "1"},
            {"assign-engineer": "99999999999999999999999", "assign-slot": "1"},
        ],
    )
    def test_bad_input_is_a_400(self, client, dispatcher, area, engineer, data):
        request = make_request(area=area)
        assert client.post(step(request, "assign"), data).status_code == 400

    def test_a_step_the_status_does_not_allow_is_a_409(self, client, dispatcher, area):
        request = advance(make_request(area=area), Status.DONE)
        response = client.post(step(request, "cancel"), {"cancel-reason": "late"})
        assert response.status_code == 409

    def test_an_unknown_step_is_a_404(self, client, dispatcher, area):
        request = make_request(area=area)
        assert client.post(step(request, "explode")).status_code == 404

    def test_withdraw_and_cancel_give_the_place_back(self, client, dispatcher, area, engineer):
        request = make_request(area=area)
        slot = future_slot(area)
        assign(job=request, engineer=engineer, slot=slot, actor=None, now=timezone.now())
        assert client.post(step(request, "unassign"), {"unassign-note": ""}).status_code == 302
        request.refresh_from_db()
        slot.refresh_from_db()
        assert slot.booked == 0
        assign(job=request, engineer=engineer, slot=slot, actor=None, now=timezone.now())
        assert client.post(step(request, "cancel"), {"cancel-reason": ""}).status_code == 400
        response = client.post(step(request, "cancel"), {"cancel-reason": "客户已自行修好"})
        assert response.status_code == 302
        request.refresh_from_db()
        slot.refresh_from_db()
        assert request.status == Status.CANCELLED and slot.booked == 0


class TestTheDesksSteps:
    def test_answer_with_a_note(self, client, dispatcher, area):
        request = make_request(area=area)
        response = client.post(step(request, "answer"), {"answer-note": "已致电客户，明天上门"})
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == Status.ANSWERED and request.answered_at is not None
        assert request.events.get(action="answer").actor == dispatcher

    def test_a_mail_in_repair_from_parcel_to_home(self, client, dispatcher, area, customer, today):
        unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=400))
        make_contract(unit, purchased_on=today - datetime.timedelta(days=100))
        request = make_request(kind=ServiceKind.MAILIN_REPAIR, unit=unit, customer=customer)
        detail = client.get(url("aftersales-request-detail", pk=request.pk)).content.decode()
        assert "Ask for the parcel" in detail and "Assign an engineer" not in detail
        assert client.post(step(request, "await_parcel")).status_code == 302
        request.refresh_from_db()
        assert "售后维修中心" in request.events.get(action="await_parcel").note
        bad = client.post(step(request, "receive_parcel"), {"receive_parcel-tracking": "<>"})
        assert bad.status_code == 400
        client.post(step(request, "receive_parcel"), {"receive_parcel-tracking": "sf1234567890"})
        request.refresh_from_db()
        assert request.inbound_tracking == "SF1234567890"
        part = make_consumable(price=Decimal("30.00"), stock=3)
        response = client.post(
            step(request, "repair"),
            {
                "repair-resolution": "更换主板",
                "repair-labour_minutes": "60",
                "parts-TOTAL_FORMS": "3",
                "parts-INITIAL_FORMS": "0",
                "parts-0-part": part.stockrecords.get().pk,
                "parts-0-quantity": "1",
            },
        )
        assert response.status_code == 302
        claim = WarrantyClaim.objects.get(service_request=request)
        assert claim.amount == Decimal("30.00") + Decimal("120.00")
        client.post(step(request, "ship_back"), {"ship_back-tracking": "SF0987654321"})
        client.post(step(request, "complete"), {"complete-note": "客户已签收"})
        request.refresh_from_db()
        assert (request.status, request.outbound_tracking) == (Status.DONE, "SF0987654321")

    def test_a_remote_diagnosis_is_scheduled_with_a_link(self, client, dispatcher, area):
        request = make_request(kind=ServiceKind.REMOTE_DIAGNOSIS, area=area)
        when = timezone.localtime() + datetime.timedelta(days=1)
        for bad in ["http://meet.example.com/x", "javascript:alert(1)"]:
            response = client.post(
                step(request, "schedule_call"),
                {
                    "schedule_call-appointment_at": when.strftime("%Y-%m-%dT%H:%M"),
                    "schedule_call-call_link": bad,
                },
            )
            assert response.status_code == 400, bad
        response = client.post(
            step(request, "schedule_call"),
            {
                "schedule_call-appointment_at": when.strftime("%Y-%m-%dT%H:%M"),
                "schedule_call-call_link": "https://meeting.tencent.com/dm/abc123",
            },
        )
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == Status.SCHEDULED and request.answered_at is not None
        assert request.call_link == "https://meeting.tencent.com/dm/abc123"

    def test_a_consultation_is_answered_then_completed(self, client, dispatcher, area):
        request = make_request(kind=ServiceKind.CONSULTATION, area=area)
        client.post(step(request, "answer"), {"answer-note": "电话解答"})
        client.post(step(request, "complete"), {"complete-note": "已告知清洗方法"})
        request.refresh_from_db()
        assert request.status == Status.DONE

    def test_the_detail_shows_timeline_quote_and_attachments(self, client, dispatcher, area):
        request = make_request(area=area, symptom="空调不制冷")
        attachment = ServiceAttachment(
            request=request, stage="fault", content_type="image/png", size=4
        )
        attachment.file.save("fault.png", ContentFile(b"\x89PNG"), save=False)
        attachment.save()
        html = client.get(url("aftersales-request-detail", pk=request.pk)).content.decode()
        assert "空调不制冷" in html and "Request received" in html
        file_url = url("aftersales-request-attachment", pk=attachment.pk)
        assert file_url in html
        response = client.get(file_url)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


class TestAShopVisit:
    def test_offers_only_engineers_free_in_its_window_and_assigns(
        self, client, dispatcher, area, engineer, customer
    ):
        slot = future_slot(area)
        busy = make_engineer(areas=[area], name="孙师傅")
        assign(
            job=make_request(area=area), engineer=busy, slot=slot, actor=None, now=timezone.now()
        )
        booking = make_booking(customer, slot)
        page = client.get(url("aftersales-booking-dispatch", pk=booking.pk)).content.decode()
        assert engineer.name in page and busy.name not in page
        response = client.post(
            url("aftersales-booking-dispatch-step", pk=booking.pk, action="assign"),
            {"engineer": engineer.pk},
        )
        assert response.status_code == 302
        assert Assignment.objects.get(booking=booking).engineer == engineer
        another = make_engineer(areas=[area], name="周师傅")
        refused = client.post(
            url("aftersales-booking-dispatch-step", pk=booking.pk, action="assign"),
            {"engineer": another.pk},
        )
        assert refused.status_code == 409
        assert "already has an engineer" in " ".join(messages_of(refused))
        changed = client.post(
            url("aftersales-booking-dispatch-step", pk=booking.pk, action="reassign"),
            {"engineer": another.pk},
        )
        assert changed.status_code == 302
        assert Assignment.objects.get(booking=booking).engineer == another


class TestAnEngineersDay:
    def test_shows_requests_and_shop_visits_in_window_order(
        self, client, dispatcher, area, engineer, customer
    ):
        from tests.factories.dispatch import today_slot

        visit = make_job(
            engineer,
            slot=today_slot(area, starts_at=datetime.time(14, 0)),
            booking_customer=customer,
        )
        repair = make_job(engineer, slot=today_slot(area, starts_at=datetime.time(9, 0)))
        response = client.get(
            url("aftersales-engineer-day"),
            {"engineer": engineer.pk, "date": timezone.localdate().isoformat()},
        )
        html = response.content.decode()
        assert html.index(repair.job_number) < html.index(visit.job_number)

    @pytest.mark.parametrize("size", [10, 5_000])
    def test_costs_the_same_queries_at_ten_and_five_thousand(
        self, client, dispatcher, area, engineer, size, django_assert_max_num_queries
    ):
        from tests.factories.dispatch import today_slot

        bulk_requests(size, area=area, engineer=engineer)
        bulk_requests(size, area=area)
        for hour in (9, 11, 14):
            make_job(engineer, slot=today_slot(area, starts_at=datetime.time(hour, 0)))
        with django_assert_max_num_queries(8):
            response = client.get(
                url("aftersales-engineer-day"),
                {"engineer": engineer.pk, "date": timezone.localdate().isoformat()},
            )
        assert response.content.decode().count("<tr>") == 4  # the header and three jobs

    def test_a_bad_date_is_a_400(self, client, dispatcher, engineer):
        response = client.get(
            url("aftersales-engineer-day"), {"engineer": engineer.pk, "date": "2026-13-45"}
        )
        assert response.status_code == 400
