"""Two customers after the last place in a slot, at the same moment, on PostgreSQL."""

import datetime
import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from aftersales.models import ServiceBooking, ServiceSlot
from aftersales.services import SlotFull, take_place
from appliances.models import ApplianceModel
from catalog.bymodel.selectors import offers_for
from payments.models import PaymentAttempt

Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.demo,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


def last_place_slot():
    after = timezone.now() + datetime.timedelta(days=3)
    slot = ServiceSlot.objects.bookable(after=after).first()
    ServiceSlot.objects.filter(pk=slot.pk).update(booked=slot.capacity - 1)
    return slot


def run_together(*targets):
    start = threading.Barrier(len(targets))
    errors = []

    def wrapped(target):
        try:
            start.wait()
            target()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrapped, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_only_one_of_eight_takes_the_last_place(demo_transactional):
    slot = last_place_slot()
    won, lost = [], []

    def take():
        try:
            take_place(slot_id=slot.pk, now=timezone.now())
            won.append(1)
        except SlotFull:
            lost.append(1)

    run_together(*[take] * 8)
    slot.refresh_from_db()
    assert (len(won), len(lost)) == (1, 7)
    assert slot.booked == slot.capacity


def test_two_customers_paying_for_the_last_place_one_books_the_other_is_told(
    demo_transactional, django_user_model
):
    slot = last_place_slot()
    model = ApplianceModel.objects.filter(category="air_conditioner", is_active=True).first()
    cleaning = offers_for(model).cleaning[0]
    pay_urls, outcomes = {}, {}
    for name in ("first", "second"):
        user = django_user_model.objects.create_user(
            username=name, email=f"{name}@example.com", password="x"
        )
        browser = Client()
        browser.force_login(user)
        browser.post(
            reverse("basket:add", kwargs={"pk": cleaning.pk}),
            {
                "quantity": 1,
                "slot": slot.pk,
                "address": "上海市徐汇区漕溪北路1号",
                "contact_name": name,
                "contact_phone": "13900139000",
            },
        )
        browser.get(reverse("checkout:index"), follow=True)
        response = browser.post(reverse("checkout:preview"), {"action": "place_order"})
        assert "/pay/" in response["Location"], "both may start paying: the place is free"
        pay_urls[name] = (browser, response["Location"])

    def pay(name):
        browser, url = pay_urls[name]
        response = browser.post(url, {"card_number": "4242424242424242"})
        outcomes[name] = (
            response["Location"],
            [str(m) for m in get_messages(response.wsgi_request)],
        )

    run_together(lambda: pay("first"), lambda: pay("second"))

    thanked = [n for n, (where, _m) in outcomes.items() if where.endswith("/thank-you/")]
    told = [n for n, (where, _m) in outcomes.items() if where.endswith("/basket/")]
    assert len(thanked) == 1 and len(told) == 1
    message = " ".join(outcomes[told[0]][1])
    assert "refunded" in message or "退款" in message
    assert ServiceBooking.objects.filter(slot=slot).count() == 1
    slot.refresh_from_db()
    assert slot.booked == slot.capacity
    loser = PaymentAttempt.objects.get(user__username=told[0])
    assert loser.status == PaymentAttempt.Status.REFUNDED
    assert Order.objects.filter(user__username__in=["first", "second"]).count() == 1
