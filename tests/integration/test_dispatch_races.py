"""Two people pressing the same button at the same moment, on PostgreSQL (issue #11):
two dispatchers after one engineer's last free window; an engineer's "done" sent twice."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from aftersales.models import Assignment, PartUsed, ServiceRequest, WarrantyClaim
from aftersales.services import SlotFull
from aftersales.services.dispatch import EngineerBusy, assign
from tests.factories.aftersales import make_area, make_contract, make_unit
from tests.factories.catalog import make_consumable
from tests.factories.dispatch import (
    future_slot,
    make_dispatcher,
    make_job,
    make_working_engineer,
    signature_data_url,
)
from tests.factories.membership import ensure_tiers
from tests.factories.races import needs_postgres, run_together
from tests.factories.service import make_engineer, make_request

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]
Status = ServiceRequest.Status
StockRecord = get_model("partner", "StockRecord")


def logged_in(user) -> Client:
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(user)
    return browser


def test_two_dispatchers_give_the_engineers_last_free_window_to_two_requests():
    area = make_area()
    engineer = make_engineer(areas=[area])
    slot = future_slot(area, capacity=3)  # places left: only the engineer is scarce
    other_window = future_slot(area, days=8)
    assign(
        job=make_request(area=area),
        engineer=engineer,
        slot=other_window,
        actor=None,
        now=timezone.now(),
    )  # the engineer's other window is taken already
    first, second = make_request(area=area), make_request(area=area)
    browsers = [logged_in(make_dispatcher()), logged_in(make_dispatcher())]
    outcomes = {}

    def give(browser, service_request):
        address = reverse(
            "dashboard:aftersales-request-step",
            kwargs={"pk": service_request.pk, "action": "assign"},
        )
        response = browser.post(address, {"assign-engineer": engineer.pk, "assign-slot": slot.pk})
        messages = [str(message) for message in get_messages(response.wsgi_request)]
        outcomes[service_request.pk] = (response.status_code, messages)

    run_together(lambda: give(browsers[0], first), lambda: give(browsers[1], second))

    codes = sorted(code for code, _messages in outcomes.values())
    assert codes == [302, 409]
    (told,) = [messages for code, messages in outcomes.values() if code == 409]
    assert "already has a job" in " ".join(told)
    slot.refresh_from_db()
    assert slot.booked == 1
    assert Assignment.objects.filter(engineer=engineer, slot=slot).count() == 1
    statuses = sorted(
        ServiceRequest.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    assert statuses == sorted([Status.ASSIGNED, Status.RECEIVED])


def test_two_engineers_after_a_windows_last_place_one_gets_it():
    area = make_area()
    slot = future_slot(area, capacity=2, booked=1)
    pairs = [(make_request(area=area), make_engineer(areas=[area])) for _ in range(2)]

    def give(service_request, engineer):
        return lambda: assign(
            job=service_request, engineer=engineer, slot=slot, actor=None, now=timezone.now()
        )

    outcomes = run_together(*(give(*pair) for pair in pairs), expected=(SlotFull, EngineerBusy))
    assert sum(isinstance(outcome, Assignment) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, SlotFull) for outcome in outcomes) == 1
    slot.refresh_from_db()
    assert slot.booked == slot.capacity == 2
    assert Assignment.objects.count() == 1


def test_done_sent_twice_at_once_makes_one_claim_and_one_stock_movement(today):
    cache.clear()
    ensure_tiers()  # registering the unit earns points: the tiers must be there
    area = make_area()
    engineer = make_working_engineer(areas=[area])
    n = uuid.uuid4().hex[:8]
    customer = get_user_model().objects.create_user(f"c{n}", f"c{n}@example.com", "pw-123456")
    unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=400))
    make_contract(unit, purchased_on=today - datetime.timedelta(days=100))
    job = make_job(engineer, status=Status.ARRIVED, unit=unit, customer=customer)
    part = make_consumable(price=Decimal("25.00"), stock=10)
    stockrecord = part.stockrecords.get()
    with translation.override("en"):
        address = reverse("engineer:done", kwargs={"number": job.job_number})
    data = {
        "resolution": "更换电容",
        "labour_minutes": "40",
        "confirmation": "signature",
        "signature": signature_data_url(),
        "parts-TOTAL_FORMS": "1",
        "parts-INITIAL_FORMS": "0",
        "parts-0-part": str(stockrecord.pk),
        "parts-0-quantity": "2",
    }
    phones = [logged_in(engineer.user), logged_in(engineer.user)]
    codes = []

    def submit(phone):
        codes.append(phone.post(address, data).status_code)

    run_together(lambda: submit(phones[0]), lambda: submit(phones[1]))

    assert sorted(codes) == [302, 409]
    stockrecord.refresh_from_db()
    assert stockrecord.num_in_stock == 8
    assert PartUsed.objects.count() == 1
    (claim,) = WarrantyClaim.objects.filter(service_request_id=job.request_id)
    assert claim.amount == Decimal("50.00") + Decimal("80.00")
    request = ServiceRequest.objects.get(pk=job.request_id)
    assert request.status == Status.DONE
    assert request.events.filter(action="complete").count() == 1
    assert request.attachments.count() == 1  # one signature kept, not two
