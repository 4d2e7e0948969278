"""No paid intent without an order or a refund, whatever fails (issue #13, acceptance 1).

A signed payment_intent.succeeded arriving while the broker is down is stored and answered
503 (Stripe retries); the sweep places the order within one run; Stripe answering 500 to
the intent read is retried. Each way, one order and one credit of points.
"""

import datetime
from decimal import Decimal

import pytest
import responses
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.checkout import tasks
from membership import points
from membership.models import LedgerEntry
from payments.models import PaymentAttempt, StripeEvent
from portal.celery import app as celery_app
from tests.factories import stripe as fake
from tests.factories.aftersales import make_appliance_model, make_unit
from tests.factories.broker import reset_celery
from tests.factories.catalog import make_plan
from tests.factories.membership import make_member

Order = get_model("order", "Order")
WEBHOOK = "/webhooks/stripe/"


@pytest.fixture
def stripe_api(settings):
    settings.STRIPE_SECRET_KEY = fake.SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = fake.PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_passthru("redis://")
        yield fake.FakeStripe(mock)


@pytest.fixture
def paid(db, client, stripe_api):
    """A customer paid a plan by card on Stripe; the browser never came back."""
    member = make_member(email="paid@example.com")
    client.force_login(member.user)
    unit = make_unit(member.user, make_appliance_model(list_price=Decimal("3299.00")))
    plan = make_plan(price=Decimal("399.00"))
    client.post(reverse("basket:add", kwargs={"pk": plan.pk}), {"quantity": 1, "unit": unit.pk})
    client.get(reverse("checkout:index"), follow=True)
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 302
    attempt = PaymentAttempt.objects.get(user=member.user)
    intent = stripe_api.confirm(attempt.intent_id)
    return member, attempt, fake.event("payment_intent.succeeded", intent)


@pytest.fixture
def broker_down(monkeypatch):
    """Celery sends to a broker address where nothing listens, as when Redis is down."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    reset_celery(celery_app)
    yield
    reset_celery(celery_app)


def deliver(body):
    payload, header = fake.signed(body)
    return Client().post(
        WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def sweep_in(minutes: int):
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes)):
        return tasks.settle_leftovers()


def earned(order) -> int:
    return LedgerEntry.objects.filter(source_key=f"order:{order.number}:earn").count()


class TestAPaidEventWhileTheBrokerIsDown:
    def test_is_stored_and_answered_so_that_stripe_retries(self, paid, broker_down):
        member, attempt, body = paid
        response = deliver(body)
        assert response.status_code == 503
        stored = StripeEvent.objects.get(event_id=body["id"])
        assert stored.processed_at is None
        assert not Order.objects.filter(user=member.user).exists()

    def test_is_placed_once_by_the_sweep_after_the_broker_returns(
        self, paid, broker_down, monkeypatch, mailoutbox
    ):
        member, attempt, body = paid
        assert deliver(body).status_code == 503
        monkeypatch.undo()  # the broker is back
        sweep_in(minutes=3)
        order = Order.objects.get(user=member.user)
        assert order.number == attempt.order_number
        assert earned(order) == 1
        assert StripeEvent.objects.get(event_id=body["id"]).processed_at is not None
        # Stripe's own retry arrives later: acted on already, nothing more happens.
        assert deliver(body).status_code == 200
        sweep_in(minutes=10)
        assert Order.objects.filter(user=member.user).count() == 1
        assert earned(order) == 1
        assert len([m for m in mailoutbox if m.to == ["paid@example.com"]]) == 1

    def test_a_replay_of_an_unprocessed_event_is_queued_again(self, paid, broker_down, monkeypatch):
        member, attempt, body = paid
        assert deliver(body).status_code == 503
        monkeypatch.undo()
        assert deliver(body).status_code == 200
        assert Order.objects.filter(user=member.user).count() == 1


class TestStripeAnswering500:
    def test_to_the_intent_read_is_retried_and_places_one_order(self, paid, stripe_api):
        member, attempt, body = paid
        stripe_api.reads_failing = 1
        assert deliver(body).status_code == 200
        order = Order.objects.get(user=member.user)
        assert earned(order) == 1

    def test_through_every_retry_leaves_it_to_the_sweep(self, paid, stripe_api, settings):
        member, attempt, body = paid
        stripe_api.reads_failing = 100
        deliver(body)
        assert not Order.objects.filter(user=member.user).exists()
        stripe_api.reads_failing = 0
        sweep_in(minutes=3)
        order = Order.objects.get(user=member.user)
        assert earned(order) == 1
        assert points.balance_of(user=member.user) > 0


class TestAnEventWithoutData:
    def test_is_answered_and_marked_done(self, paid):
        member, attempt, body = paid
        body.pop("data")
        assert deliver(body).status_code == 200
        assert StripeEvent.objects.get(event_id=body["id"]).processed_at is not None
        assert not Order.objects.filter(user=member.user).exists()


class TestAPendingCardPaymentWithNoWebhook:
    def test_is_placed_by_the_sweep_once_the_customer_has_long_left(self, paid):
        member, attempt, body = paid
        sweep_in(minutes=5)
        assert not Order.objects.filter(user=member.user).exists()  # may still be paying
        sweep_in(minutes=20)
        assert Order.objects.filter(user=member.user).count() == 1
