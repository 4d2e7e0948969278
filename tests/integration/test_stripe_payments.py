"""Paying with Stripe: Stripe's API answered at the HTTP layer, webhooks signed for real."""

from decimal import Decimal

import pytest
import responses
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from aftersales.models import WarrantyContract
from payments.models import PaymentAttempt, Refund, StripeEvent
from tests.factories import stripe as fake
from tests.factories.aftersales import make_appliance_model, make_unit
from tests.factories.catalog import make_plan
from tests.factories.races import needs_postgres, run_together
from tests.factories.shop import add_plan, checkout_to_preview, make_customer, place_order

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

WEBHOOK = "/webhooks/stripe/"


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = fake.SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = fake.PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET


@pytest.fixture
def stripe_api(stripe_keys):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield fake.FakeStripe(mock)


def customer_with_a_plan_in_the_basket(client):
    """A signed-in customer at the preview with a 2-year plan for their air conditioner."""
    customer = make_customer(email="customer@example.com")
    client.force_login(customer)
    unit = make_unit(customer, make_appliance_model(list_price=Decimal("3299.00")))
    add_plan(client, make_plan(term_years=2, price=Decimal("329.00")), unit)
    checkout_to_preview(client)
    return customer, unit


def start_paying(client) -> PaymentAttempt:
    response = place_order(client)
    assert response.status_code == 302
    return PaymentAttempt.objects.latest("created_at")


def deliver(client, body, **kwargs):
    payload, header = fake.signed(body, **kwargs)
    return client.post(
        WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def webhook_client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def paying(db, client, stripe_api):
    customer, unit = customer_with_a_plan_in_the_basket(client)
    attempt = start_paying(client)
    return customer, unit, attempt


class TestThePayPage:
    def test_opens_a_payment_intent_for_the_order_total_in_fen(self, paying, client, stripe_api):
        customer, unit, attempt = paying
        intent = stripe_api.intents[attempt.intent_id]
        assert intent["amount"] == int(attempt.amount * 100)
        assert intent["currency"] == "cny"
        assert intent["metadata"]["order_number"] == attempt.order_number
        assert stripe_api.idempotency_keys == [f"intent-{attempt.token}"]
        page = client.get(reverse("checkout:pay", kwargs={"token": attempt.token}))
        html = page.content.decode()
        assert f'data-client-secret="{intent["client_secret"]}"' in html
        assert fake.PUBLISHABLE_KEY in html
        assert "js.stripe.com/v3" in html

    def test_paying_again_reuses_the_intent(self, paying, client, stripe_api):
        customer, unit, attempt = paying
        again = start_paying(client)
        assert again.pk == attempt.pk
        assert len(stripe_api.intents) == 1

    def test_another_customer_cannot_open_it(self, paying, django_user_model):
        customer, unit, attempt = paying
        other = django_user_model.objects.create_user(
            username="other", email="other@example.com", password="x"
        )
        stranger = Client()
        stranger.force_login(other)
        response = stranger.get(reverse("checkout:pay", kwargs={"token": attempt.token}))
        assert response.status_code == 404


class TestTheWebhook:
    def test_a_signed_success_places_exactly_one_order_under_replay(
        self, paying, stripe_api, django_capture_on_commit_callbacks
    ):
        customer, unit, attempt = paying
        body = fake.event("payment_intent.succeeded", stripe_api.confirm(attempt.intent_id))
        hook = webhook_client()
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(3):
                assert deliver(hook, body).status_code == 200
        assert StripeEvent.objects.filter(event_id=body["id"]).count() == 1
        order = Order.objects.get(user=customer)
        assert order.number == attempt.order_number
        assert WarrantyContract.objects.filter(order_line__order=order).count() == 1
        assert Basket._default_manager.get(pk=attempt.basket_id).status == Basket.SUBMITTED

    def test_the_same_payment_in_two_events_places_one_order(
        self, paying, stripe_api, django_capture_on_commit_callbacks
    ):
        customer, unit, attempt = paying
        intent = stripe_api.confirm(attempt.intent_id)
        hook = webhook_client()
        with django_capture_on_commit_callbacks(execute=True):
            deliver(hook, fake.event("payment_intent.succeeded", intent))
            deliver(hook, fake.event("payment_intent.succeeded", intent))
        assert Order.objects.filter(user=customer).count() == 1

    def test_webhook_first_then_the_customer_returns_to_the_same_order(
        self, paying, client, stripe_api, django_capture_on_commit_callbacks
    ):
        customer, unit, attempt = paying
        body = fake.event("payment_intent.succeeded", stripe_api.confirm(attempt.intent_id))
        with django_capture_on_commit_callbacks(execute=True):
            deliver(webhook_client(), body)
        response = client.get(reverse("checkout:return", kwargs={"token": attempt.token}))
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        assert Order.objects.filter(user=customer).count() == 1

    def test_return_first_then_the_webhook_changes_nothing(
        self, paying, client, stripe_api, django_capture_on_commit_callbacks
    ):
        customer, unit, attempt = paying
        intent = stripe_api.confirm(attempt.intent_id)
        response = client.get(reverse("checkout:return", kwargs={"token": attempt.token}))
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        with django_capture_on_commit_callbacks(execute=True):
            deliver(webhook_client(), fake.event("payment_intent.succeeded", intent))
            deliver(webhook_client(), fake.event("payment_intent.succeeded", intent))
        assert Order.objects.filter(user=customer).count() == 1
        assert WarrantyContract.objects.filter(unit=unit).count() == 1
        assert stripe_api.refunds == []

    def test_a_late_failure_event_after_success_changes_nothing(
        self, paying, client, stripe_api, django_capture_on_commit_callbacks
    ):
        customer, unit, attempt = paying
        stale = fake.event("payment_intent.payment_failed", stripe_api.decline(attempt.intent_id))
        succeeded = fake.event("payment_intent.succeeded", stripe_api.confirm(attempt.intent_id))
        with django_capture_on_commit_callbacks(execute=True):
            deliver(webhook_client(), succeeded)
            deliver(webhook_client(), stale)
        attempt.refresh_from_db()
        assert attempt.status == PaymentAttempt.Status.PLACED
        assert Order.objects.filter(user=customer).count() == 1

    def test_a_decline_leaves_the_basket_open_and_the_customer_is_told(
        self, paying, client, stripe_api, django_capture_on_commit_callbacks
    ):
        customer, unit, attempt = paying
        body = fake.event("payment_intent.payment_failed", stripe_api.decline(attempt.intent_id))
        with django_capture_on_commit_callbacks(execute=True):
            deliver(webhook_client(), body)
        attempt.refresh_from_db()
        assert attempt.status == PaymentAttempt.Status.FAILED
        assert attempt.failure_message == "Your card was declined."
        assert Basket.open.get(owner=customer).num_lines == 1
        response = client.get(reverse("checkout:return", kwargs={"token": attempt.token}))
        assert response["Location"].endswith(reverse("checkout:preview"))
        assert not Order.objects.filter(user=customer).exists()

    def test_ignored_event_types_get_200(self, db, stripe_api):
        body = fake.event("charge.updated", fake.recorded("payment_intent"))
        assert deliver(webhook_client(), body).status_code == 200

    @pytest.mark.parametrize(
        "signing",
        [
            {"secret": "whsec_not_ours"},
            {"seconds_ago": 3600},
        ],
        ids=["wrong secret", "signed an hour ago"],
    )
    def test_a_wrongly_signed_webhook_gets_400_and_changes_nothing(
        self, paying, stripe_api, signing
    ):
        customer, unit, attempt = paying
        body = fake.event("payment_intent.succeeded", stripe_api.confirm(attempt.intent_id))
        response = deliver(webhook_client(), body, **signing)
        assert response.status_code == 400
        assert not StripeEvent.objects.exists()
        assert not Order.objects.filter(user=customer).exists()

    def test_an_unsigned_webhook_gets_400(self, paying, stripe_api):
        customer, unit, attempt = paying
        body = fake.event("payment_intent.succeeded", stripe_api.confirm(attempt.intent_id))
        payload, _header = fake.signed(body)
        response = webhook_client().post(WEBHOOK, data=payload, content_type="application/json")
        assert response.status_code == 400
        assert not StripeEvent.objects.exists()

    def test_a_tampered_body_gets_400(self, paying, stripe_api):
        customer, unit, attempt = paying
        body = fake.event("payment_intent.succeeded", stripe_api.confirm(attempt.intent_id))
        payload, header = fake.signed(body)
        tampered = payload.replace(attempt.intent_id, "pi_someone_else")
        response = webhook_client().post(
            WEBHOOK, data=tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
        )
        assert response.status_code == 400

    def test_without_stripe_configured_the_endpoint_refuses(self, db, settings):
        settings.STRIPE_SECRET_KEY = ""
        body = fake.event("payment_intent.succeeded", fake.recorded("payment_intent"))
        assert deliver(webhook_client(), body).status_code == 400


class TestRefundsGoBackThroughStripe:
    def test_cancelling_within_30_days_refunds_in_full_once(
        self, paying, client, stripe_api, django_capture_on_commit_callbacks
    ):
        from aftersales.cancellations import refund_contract

        customer, unit, attempt = paying
        stripe_api.confirm(attempt.intent_id)
        client.get(reverse("checkout:return", kwargs={"token": attempt.token}))
        contract = WarrantyContract.objects.get(unit=unit)
        import datetime

        amount = refund_contract(contract=contract, today=datetime.date.today(), actor=customer)
        assert amount == contract.price
        [refund] = stripe_api.refunds
        assert refund["payment_intent"] == attempt.intent_id
        assert refund["amount"] == int(contract.price * 100)
        record = Refund.objects.get(key=f"contract-{contract.pk}")
        assert record.gateway_refund_id == refund["id"]
        order = contract.order_line.order
        assert order.payment_events.filter(event_type__code="refunded").get().amount == amount
        assert order.sources.get().amount_refunded == amount


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_webhook_and_customer_return_racing_place_one_order(stripe_api):
    browser = Client()
    customer, unit = customer_with_a_plan_in_the_basket(browser)
    attempt = start_paying(browser)
    body = fake.event("payment_intent.succeeded", stripe_api.confirm(attempt.intent_id))
    payload, header = fake.signed(body)

    def webhook():
        response = Client().post(
            WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
        )
        return response.status_code

    def customer_returns():
        visitor = Client()
        visitor.force_login(customer)
        response = visitor.get(reverse("checkout:return", kwargs={"token": attempt.token}))
        return response.status_code

    run_together(webhook, webhook, customer_returns, customer_returns)
    assert Order.objects.filter(user=customer).count() == 1
    assert WarrantyContract.objects.filter(unit=unit).count() == 1
    assert stripe_api.refunds == []


class TestARefundStripeCannotTakeYet:
    def test_the_cancellation_stands_and_the_refund_is_sent_later_once(
        self, paying, client, stripe_api
    ):
        import datetime

        from aftersales.cancellations import refund_contract
        from payments.refunds import retry_pending_refunds

        customer, unit, attempt = paying
        stripe_api.confirm(attempt.intent_id)
        client.get(reverse("checkout:return", kwargs={"token": attempt.token}))
        contract = WarrantyContract.objects.get(unit=unit)
        stripe_api.refunds_down = True
        refund_contract(contract=contract, today=datetime.date.today(), actor=customer)
        contract.refresh_from_db()
        assert contract.status == WarrantyContract.Status.CANCELLED
        pending = Refund.objects.get(key=f"contract-{contract.pk}")
        assert pending.gateway_refund_id == ""
        stripe_api.refunds_down = False
        assert retry_pending_refunds() == 1
        assert retry_pending_refunds() == 0
        pending.refresh_from_db()
        assert pending.gateway_refund_id.startswith("re_")
        assert len(stripe_api.refunds) == 1
