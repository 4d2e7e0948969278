"""A service request's life: cover and estimate fixed at opening, steps only in order."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from aftersales.models import (
    Cover,
    RepairRate,
    ServiceEvent,
    ServiceKind,
    ServicePromise,
    ServiceRequest,
)
from aftersales.services.requests import OutOfOrder, open_request, transition
from tests.factories.aftersales import make_appliance_model, make_area, make_contract, make_unit
from tests.factories.service import advance, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages below are matched in English; zh-hans is the site's default.
    with translation.override("en"):
        yield


Status = ServiceRequest.Status


@pytest.fixture
def customer(django_user_model):
    return django_user_model.objects.create_user(
        username="c1", email="c1@example.com", password="pw"
    )


def test_a_request_opens_with_its_promise_and_first_event(customer):
    opened = timezone.make_aware(datetime.datetime(2026, 12, 2, 10, 0))
    area = make_area(arrival_hours=48)
    request = make_request(customer=customer, area=area, now=opened, symptom="不制冷")
    assert request.number.startswith("SR261202")
    assert request.status == Status.RECEIVED
    assert request.response_due == opened + datetime.timedelta(hours=2)
    # 48 business hours: four working days of 12 hours (Saturday and Sunday skipped).
    assert timezone.localtime(request.arrival_due) == timezone.make_aware(
        datetime.datetime(2026, 12, 8, 10, 0)
    )
    (event,) = request.events.all()
    assert (event.action, event.status_to, event.actor) == ("open", Status.RECEIVED, customer)


def test_the_written_promise_sets_the_deadlines():
    ServicePromise.objects.create(kind=ServiceKind.INSTALLATION, response_hours=4, arrival_hours=12)
    opened = timezone.make_aware(datetime.datetime(2026, 12, 2, 10, 0))
    request = make_request(kind=ServiceKind.INSTALLATION, now=opened)
    assert request.response_due == opened + datetime.timedelta(hours=4)
    assert timezone.localtime(request.arrival_due) == timezone.make_aware(
        datetime.datetime(2026, 12, 3, 10, 0)
    )


def test_a_repair_in_base_warranty_costs_nothing(customer, today):
    unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=30))
    request = make_request(customer=customer, unit=unit)
    assert request.cover == Cover.BASE
    assert request.estimate_total == 0
    assert request.appliance_model == unit.appliance_model


def test_an_extended_contract_covers_after_the_base_warranty(customer, today):
    unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=800))
    contract = make_contract(unit)
    request = make_request(customer=customer, unit=unit)
    assert (request.cover, request.contract) == (Cover.EXTENDED, contract)


def test_out_of_warranty_carries_the_fee_and_estimate(customer, today):
    unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=900))
    ServicePromise.objects.create(kind=ServiceKind.ONSITE_REPAIR, callout_fee=Decimal("50"))
    RepairRate.objects.create(
        kind=ServiceKind.ONSITE_REPAIR,
        category=unit.appliance_model.category,
        labour=Decimal("120"),
        parts=Decimal("80"),
    )
    request = make_request(customer=customer, unit=unit)
    assert request.cover == Cover.NONE
    assert (request.callout_fee, request.labour_estimate, request.parts_estimate) == (
        Decimal("50"),
        Decimal("120"),
        Decimal("80"),
    )
    assert request.estimate_total == Decimal("250")


def test_cover_is_judged_on_the_date_in_shanghai_not_utc(customer):
    # 00:30 on 3 December in Shanghai is still 2 December in UTC: a base warranty that
    # ended on the 2nd no longer covers the repair.
    # The clock hands the service a UTC time, as timezone.now() does.
    opened = timezone.make_aware(datetime.datetime(2026, 12, 3, 0, 30)).astimezone(datetime.UTC)
    assert opened.date() == datetime.date(2026, 12, 2)
    unit = make_unit(
        customer,
        purchase_date=datetime.date(2025, 12, 2),
        base_warranty_end=datetime.date(2026, 12, 2),
    )
    request = make_request(customer=customer, unit=unit, now=opened)
    assert request.cover == Cover.NONE


def test_an_installation_is_never_charged():
    request = make_request(kind=ServiceKind.INSTALLATION)
    assert request.cover == Cover.NOT_APPLICABLE
    assert request.estimate_total == 0


def test_steps_run_in_order_and_are_recorded(customer):
    request = make_request(customer=customer)
    now = timezone.now()
    transition(request, action="answer", role="agent", now=now, note="called back")
    with pytest.raises(OutOfOrder, match="cannot happen now"):
        transition(request, action="arrive", role="engineer", now=now)
    assert list(request.events.values_list("action", flat=True)) == ["open", "answer"]
    request.refresh_from_db()
    assert request.status == Status.ANSWERED


def test_a_step_for_another_kind_is_refused():
    request = make_request(kind=ServiceKind.CONSULTATION)
    with pytest.raises(OutOfOrder, match="does not apply"):
        transition(request, action="on_the_way", role="engineer", now=timezone.now())


def test_a_stale_copy_cannot_move_a_request_twice():
    request = make_request()
    stale = ServiceRequest.objects.get(pk=request.pk)
    transition(request, action="cancel", role="customer", now=timezone.now())
    with pytest.raises(OutOfOrder):
        transition(stale, action="answer", role="agent", now=timezone.now())
    assert ServiceEvent.objects.filter(request=request, action="answer").count() == 0


def test_consultation_is_done_once_answered_but_a_visit_is_not():
    consultation = advance(make_request(kind=ServiceKind.CONSULTATION), Status.ANSWERED)
    transition(consultation, action="complete", role="agent", now=timezone.now())
    repair = advance(make_request(), Status.ANSWERED)
    with pytest.raises(OutOfOrder):
        transition(repair, action="complete", role="engineer", now=timezone.now())


def test_a_partner_order_line_opens_one_request():
    model = make_appliance_model()
    kwargs = dict(
        kind=ServiceKind.INSTALLATION,
        channel="partner",
        appliance_model=model,
        contact_name="李雷",
        contact_phone="13900139000",
        now=timezone.now(),
        partner="jd",
        partner_order_id="JD-1-1",
    )
    first = open_request(**kwargs)
    again = open_request(**kwargs)
    assert first.pk == again.pk
    assert ServiceRequest.objects.filter(partner="jd").count() == 1
