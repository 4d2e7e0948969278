"""Dispatch: an engineer and a window for a request or a shop visit, never twice at once."""

import datetime
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from aftersales.models import Assignment, ServiceKind, ServiceRequest
from aftersales.services import SlotFull, cancel_booking, reschedule_booking
from aftersales.services.dispatch import (
    CannotDispatch,
    EngineerBusy,
    assign,
    cancel_request,
    reassign,
    unassign,
)
from aftersales.services.requests import OutOfOrder
from tests.factories.aftersales import make_area, make_booking, make_unit
from tests.factories.dispatch import future_slot, make_dispatcher
from tests.factories.service import make_engineer, make_request

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):  # the refusals are matched in English
        yield


@pytest.fixture
def area():
    return make_area()


@pytest.fixture
def engineer(area):
    return make_engineer(areas=[area])


@pytest.fixture
def dispatcher():
    return make_dispatcher()


@pytest.fixture
def slot(area):
    return future_slot(area, capacity=3)


@pytest.fixture
def customer():
    n = uuid.uuid4().hex[:8]
    return get_user_model().objects.create_user(f"c{n}", f"c{n}@example.com", "pw-12345678")


def refreshed(*objects):
    for obj in objects:
        obj.refresh_from_db()


class TestAssigningARequest:
    def test_takes_a_place_moves_the_request_and_records_who(
        self, area, engineer, slot, dispatcher
    ):
        request = make_request(area=area)
        now = timezone.now()
        assignment = assign(job=request, engineer=engineer, slot=slot, actor=dispatcher, now=now)
        refreshed(request, slot)
        assert (request.status, request.engineer, request.slot) == (Status.ASSIGNED, engineer, slot)
        assert request.answered_at == now  # an assignment answers the customer too
        assert slot.booked == 1
        assert (assignment.date, assignment.starts_at) == (slot.date, slot.starts_at)
        event = request.events.get(action="assign")
        assert event.actor == dispatcher and engineer.name in event.note

    def test_an_answered_request_keeps_its_answer_time(self, area, engineer, slot, dispatcher):
        request = make_request(area=area)
        answered = timezone.now() - datetime.timedelta(minutes=30)
        ServiceRequest.objects.filter(pk=request.pk).update(
            status=Status.ANSWERED, answered_at=answered
        )
        request.refresh_from_db()
        assign(job=request, engineer=engineer, slot=slot, actor=dispatcher, now=timezone.now())
        request.refresh_from_db()
        assert request.answered_at == answered

    def test_a_request_without_an_area_takes_the_windows_area(self, area, engineer, slot):
        request = make_request(area=None)
        assign(job=request, engineer=engineer, slot=slot, actor=None, now=timezone.now())
        request.refresh_from_db()
        assert request.area == area

    def test_the_same_engineer_in_the_same_window_is_refused_and_the_place_given_back(
        self, area, engineer, slot, dispatcher
    ):
        first, second = make_request(area=area), make_request(area=area)
        now = timezone.now()
        assign(job=first, engineer=engineer, slot=slot, actor=dispatcher, now=now)
        with pytest.raises(EngineerBusy, match="already has a job"):
            assign(job=second, engineer=engineer, slot=slot, actor=dispatcher, now=now)
        refreshed(second, slot)
        assert slot.booked == 1
        assert second.status == Status.RECEIVED and second.engineer is None
        assert not second.events.filter(action="assign").exists()

    def test_an_overlapping_window_in_another_area_is_refused(self, area, engineer, slot):
        other_area = make_area()
        engineer.areas.add(other_area)
        overlapping = future_slot(other_area, starts_at=datetime.time(10, 0))
        now = timezone.now()
        assign(job=make_request(area=area), engineer=engineer, slot=slot, actor=None, now=now)
        with pytest.raises(EngineerBusy):
            assign(
                job=make_request(area=other_area),
                engineer=engineer,
                slot=overlapping,
                actor=None,
                now=now,
            )
        overlapping.refresh_from_db()
        assert overlapping.booked == 0

    def test_a_full_window_is_refused(self, area, engineer):
        full = future_slot(area, capacity=1, booked=1)
        request = make_request(area=area)
        with pytest.raises(SlotFull):
            assign(job=request, engineer=engineer, slot=full, actor=None, now=timezone.now())
        request.refresh_from_db()
        assert request.status == Status.RECEIVED
        assert not Assignment.objects.exists()

    @pytest.mark.parametrize(
        "change, message",
        [
            ({"is_active": False}, "not taking jobs"),
            ({"categories": ["water_heater"]}, "not qualified"),
        ],
    )
    def test_an_engineer_off_or_unqualified_is_refused(self, area, slot, change, message):
        engineer = make_engineer(areas=[area])
        for field, value in change.items():
            setattr(engineer, field, value)
        engineer.save()
        with pytest.raises(CannotDispatch, match=message):
            assign(
                job=make_request(area=area),
                engineer=engineer,
                slot=slot,
                actor=None,
                now=timezone.now(),
            )

    def test_an_engineer_of_another_area_is_refused(self, area, slot):
        elsewhere = make_engineer(areas=[make_area()])
        with pytest.raises(CannotDispatch, match="does not work in"):
            assign(
                job=make_request(area=area),
                engineer=elsewhere,
                slot=slot,
                actor=None,
                now=timezone.now(),
            )

    def test_a_window_of_another_area_is_refused(self, area, engineer):
        other = make_area()
        engineer.areas.add(other)
        with pytest.raises(CannotDispatch, match="the request is in"):
            assign(
                job=make_request(area=area),
                engineer=engineer,
                slot=future_slot(other),
                actor=None,
                now=timezone.now(),
            )

    def test_a_request_assigned_already_is_refused(self, area, engineer, slot):
        request = make_request(area=area)
        now = timezone.now()
        assign(job=request, engineer=engineer, slot=slot, actor=None, now=now)
        other = make_engineer(areas=[area])
        with pytest.raises(OutOfOrder):
            assign(job=request, engineer=other, slot=slot, actor=None, now=now)
        slot.refresh_from_db()
        assert slot.booked == 1

    def test_a_mail_in_repair_gets_no_engineer(self, area, engineer, slot):
        request = make_request(area=area, kind=ServiceKind.MAILIN_REPAIR)
        with pytest.raises(OutOfOrder, match="does not apply"):
            assign(job=request, engineer=engineer, slot=slot, actor=None, now=timezone.now())
        slot.refresh_from_db()
        assert slot.booked == 0


class TestMovingAnAssignedRequest:
    def test_reassign_takes_the_new_place_and_frees_the_old(self, area, engineer, slot):
        request = make_request(area=area)
        now = timezone.now()
        assign(job=request, engineer=engineer, slot=slot, actor=None, now=now)
        later = future_slot(area, days=8)
        other = make_engineer(areas=[area])
        assignment = reassign(job=request, engineer=other, slot=later, actor=None, now=now)
        refreshed(request, slot, later)
        assert (slot.booked, later.booked) == (0, 1)
        assert (request.engineer, request.slot, request.status) == (other, later, Status.ASSIGNED)
        assert (assignment.engineer, assignment.date) == (other, later.date)
        assert Assignment.objects.count() == 1

    def test_reassign_to_a_busy_engineer_changes_nothing(self, area, engineer, slot):
        now = timezone.now()
        busy = make_engineer(areas=[area])
        assign(job=make_request(area=area), engineer=busy, slot=slot, actor=None, now=now)
        request = make_request(area=area)
        assign(job=request, engineer=engineer, slot=future_slot(area, days=9), actor=None, now=now)
        with pytest.raises(EngineerBusy):
            reassign(job=request, engineer=busy, slot=slot, actor=None, now=now)
        request.refresh_from_db()
        assert request.engineer == engineer
        slot.refresh_from_db()
        assert slot.booked == 1

    def test_unassign_gives_the_place_back(self, area, engineer, slot):
        request = make_request(area=area)
        now = timezone.now()
        assign(job=request, engineer=engineer, slot=slot, actor=None, now=now)
        unassign(job=request, actor=None, now=now, reason="engineer ill")
        refreshed(request, slot)
        assert (request.status, request.engineer, request.slot) == (Status.ANSWERED, None, None)
        assert slot.booked == 0 and not Assignment.objects.exists()
        # And the request can be given to someone else.
        assign(job=request, engineer=engineer, slot=slot, actor=None, now=now)

    def test_cancelling_an_assigned_request_frees_the_window(self, area, engineer, slot):
        request = make_request(area=area)
        now = timezone.now()
        assign(job=request, engineer=engineer, slot=slot, actor=None, now=now)
        cancel_request(
            service_request=request, actor=None, role="dispatcher", now=now, reason="moved away"
        )
        refreshed(request, slot)
        assert request.status == Status.CANCELLED and request.cancelled_at == now
        assert slot.booked == 0 and not Assignment.objects.exists()
        assert request.events.get(action="cancel").note == "moved away"


class TestAssigningAShopVisit:
    def test_adds_the_engineer_without_taking_another_place(self, area, engineer, slot, customer):
        booking = make_booking(customer, slot)
        assignment = assign(
            job=booking, engineer=engineer, slot=slot, actor=None, now=timezone.now()
        )
        slot.refresh_from_db()
        assert slot.booked == 1  # the booking's own place
        assert assignment.booking == booking and assignment.request is None

    def test_the_engineer_must_be_free_then(self, area, engineer, slot, customer):
        now = timezone.now()
        assign(job=make_request(area=area), engineer=engineer, slot=slot, actor=None, now=now)
        booking = make_booking(customer, slot)
        with pytest.raises(EngineerBusy):
            assign(job=booking, engineer=engineer, slot=slot, actor=None, now=now)

    def test_keeps_the_window_the_customer_booked(self, area, engineer, slot, customer):
        booking = make_booking(customer, slot)
        with pytest.raises(CannotDispatch, match="keeps the window"):
            assign(
                job=booking,
                engineer=engineer,
                slot=future_slot(area, days=10),
                actor=None,
                now=timezone.now(),
            )

    def test_the_engineer_must_be_qualified_for_the_unit(self, area, slot, customer):
        heater = make_unit(customer)
        heater.appliance_model.category = "water_heater"
        heater.appliance_model.save()
        booking = make_booking(customer, slot, unit=heater)
        engineer = make_engineer(areas=[area], categories=["air_conditioner"])
        with pytest.raises(CannotDispatch, match="not qualified"):
            assign(job=booking, engineer=engineer, slot=slot, actor=None, now=timezone.now())

    def test_a_cancelled_or_moved_visit_frees_the_engineer(self, area, engineer, customer):
        far = future_slot(area, days=10)
        booking = make_booking(customer, far)
        now = timezone.now()
        assign(job=booking, engineer=engineer, slot=far, actor=None, now=now)
        reschedule_booking(booking=booking, new_slot_id=future_slot(area, days=11).pk, now=now)
        assert not Assignment.objects.filter(booking=booking).exists()
        booking.refresh_from_db()
        assign(job=booking, engineer=engineer, slot=booking.slot, actor=None, now=now)
        cancel_booking(booking=booking, now=now)
        assert not Assignment.objects.filter(booking=booking).exists()

    def test_changing_and_withdrawing_the_engineer(self, area, engineer, slot, customer):
        booking = make_booking(customer, slot)
        now = timezone.now()
        assign(job=booking, engineer=engineer, slot=slot, actor=None, now=now)
        other = make_engineer(areas=[area])
        assert reassign(job=booking, engineer=other, slot=slot, actor=None, now=now).engineer == (
            other
        )
        unassign(job=booking, actor=None, now=now)
        slot.refresh_from_db()
        assert slot.booked == 1  # the place stays the customer's
        assert not Assignment.objects.exists()
