"""Two customers after the last place in a slot, at the same moment, on PostgreSQL."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from aftersales.models import ServiceBooking
from aftersales.services import SlotFull, take_place
from payments.models import PaymentAttempt
from tests.factories.aftersales import make_slot
from tests.factories.catalog import make_cleaning
from tests.factories.membership import ensure_tiers
from tests.factories.races import needs_postgres, run_together
from tests.factories.shop import add_visit, checkout_to_preview, make_visit_address, place_order

Order = get_model("order", "Order")

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def last_place_slot():
    """A slot a week ahead with one of its three places left."""
    return make_slot(capacity=3, booked=2)


def test_only_one_of_eight_takes_the_last_place():
    slot = last_place_slot()

    def take():
        take_place(slot_id=slot.pk, now=timezone.now())
        return "won"

    outcomes = run_together(*[take] * 8, expected=(SlotFull,))
    won = [outcome for outcome in outcomes if outcome == "won"]
    lost = [outcome for outcome in outcomes if isinstance(outcome, SlotFull)]
    slot.refresh_from_db()
    assert (len(won), len(lost)) == (1, 7)
    assert slot.booked == slot.capacity


def test_two_customers_paying_for_the_last_place_one_books_the_other_is_told(django_user_model):
    ensure_tiers()  # paying earns points: the entry tier must be there
    slot = last_place_slot()
    cleaning = make_cleaning()
    pay_urls, outcomes = {}, {}
    for name in ("first", "second"):
        user = django_user_model.objects.create_user(
            username=name, email=f"{name}@example.com", password="x"
        )
        browser = Client()
        browser.force_login(user)
        add_visit(
            browser,
            cleaning,
            slot,
            address=make_visit_address(
                user, district_code="310104", street="漕溪北路1号", consignee=name
            ),
        )
        checkout_to_preview(browser)
        response = place_order(browser)
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
