"""Paying with Alipay and WeChat Pay (issue #15, acceptance 5).

Stripe's API is answered at the HTTP layer (tests/factories/stripe.py, recorded bodies);
webhooks are signed for real with the stripe library. The order is placed once whichever of
the redirect return, the status poll and the webhook comes first, or all of them.
"""

import base64
import html
import io
from decimal import Decimal

import pytest
import responses
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image

from aftersales.models import WarrantyContract
from catalog.checkout import wallets
from payments.models import PaymentAttempt
from tests.factories import stripe as fake
from tests.factories.aftersales import make_appliance_model, make_unit
from tests.factories.catalog import make_plan
from tests.factories.races import needs_postgres, run_together
from tests.factories.shop import add_plan, checkout_to_preview, make_customer

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

WEBHOOK = "/webhooks/stripe/"
PLAN_PRICE = Decimal("329.00")


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = fake.SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = fake.PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET


@pytest.fixture
def stripe_api(stripe_keys):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield fake.FakeStripe(mock)


def customer_at_the_preview(client):
    """A signed-in customer at the preview with a 2-year plan (¥329) for their unit."""
    customer = make_customer(email="wallet@example.com", tier="member")
    client.force_login(customer)
    unit = make_unit(customer, make_appliance_model(list_price=Decimal("3299.00")))
    add_plan(client, make_plan(term_years=2, price=PLAN_PRICE), unit)
    checkout_to_preview(client)
    return customer, unit


def pay_with(client, method: str):
    return client.post(
        reverse("checkout:preview"), {"action": "place_order", "payment_method": method}
    )


def start(client, method: str) -> PaymentAttempt:
    response = pay_with(client, method)
    assert response.status_code == 302, response.content[:500]
    attempt = PaymentAttempt.objects.latest("created_at")
    assert response["Location"] == reverse("checkout:pay", kwargs={"token": attempt.token})
    return attempt


def deliver(body):
    payload, header = fake.signed(body)
    return Client(enforce_csrf_checks=True).post(
        WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def stripe_return(client, attempt, intent, status="succeeded"):
    """The browser coming back from Alipay through Stripe, with Stripe's query string."""
    return client.get(
        reverse("checkout:return", kwargs={"token": attempt.token}),
        {
            "payment_intent": intent["id"],
            "payment_intent_client_secret": intent["client_secret"],
            "redirect_status": status,
        },
    )


def poll(client, attempt):
    response = client.get(reverse("checkout:status", kwargs={"token": attempt.token}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.json()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def html_of(response) -> str:
    return html.unescape(response.content.decode())


NOT_AVAILABLE = (
    "This way to pay is not available right now. Nothing was charged: choose another way to "
    "pay or try again in a moment."
)


def in_language(response, text) -> str:
    """`text` as the customer (a zh-hans member) reads it; fails if it is not translated."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        translated = translation.gettext(text)
    assert translated != text or response.wsgi_request.LANGUAGE_CODE == "en", text
    return translated


@pytest.fixture
def at_preview(db, client, stripe_api):
    return customer_at_the_preview(client)


class TestThePreview:
    def test_offers_card_alipay_and_wechat_pay_when_stripe_is_set_up(self, at_preview, client):
        html = client.get(reverse("checkout:preview")).content.decode()
        for method in ("card", "alipay", "wechat_pay"):
            assert f'name="payment_method" id="id_payment_method_{method}"' in html
        assert 'value="card" aria-describedby="hint_payment_method_card" checked' in html

    def test_an_unknown_way_to_pay_is_refused_with_a_message(self, at_preview, client, stripe_api):
        response = pay_with(client, "paypal")
        assert response.status_code == 400
        assert in_language(response, "Choose one of the ways to pay shown below.") in html_of(
            response
        )
        assert stripe_api.created == []
        assert not PaymentAttempt.objects.exists()

    def test_the_card_is_kept_as_it_was(self, at_preview, client, stripe_api):
        attempt = start(client, "card")
        [params] = stripe_api.created
        assert params["payment_method_types[0]"] == "card"
        assert "confirm" not in params
        assert attempt.method == PaymentAttempt.Method.CARD
        page = client.get(reverse("checkout:pay", kwargs={"token": attempt.token}))
        assert f'data-client-secret="{attempt.client_secret}"' in page.content.decode()


class TestWithoutStripe:
    def test_the_demo_gateway_offers_only_the_card(self, db, client, settings):
        settings.STRIPE_SECRET_KEY = ""
        customer_at_the_preview(client)
        html = client.get(reverse("checkout:preview")).content.decode()
        assert 'name="payment_method"' not in html
        assert pay_with(client, "alipay").status_code == 400
        assert not PaymentAttempt.objects.exists()


class TestPayingWithWeChatPay:
    def test_opens_a_confirmed_wechat_pay_intent_for_the_total_in_fen(
        self, at_preview, client, stripe_api
    ):
        attempt = start(client, "wechat_pay")
        [params] = stripe_api.created
        assert params["payment_method_types[0]"] == "wechat_pay"
        assert "payment_method_types[1]" not in params
        assert params["amount"] == "32900"
        assert params["currency"] == "cny"
        assert params["confirm"] == "true"
        assert params["payment_method_data[type]"] == "wechat_pay"
        assert params["payment_method_options[wechat_pay][client]"] == "web"
        assert stripe_api.idempotency_keys == [f"intent-{attempt.token}"]
        assert attempt.method == PaymentAttempt.Method.WECHAT_PAY
        assert attempt.amount == PLAN_PRICE

    def test_the_pay_page_shows_stripes_qr_code_and_polls(self, at_preview, client, stripe_api):
        import zxingcpp

        attempt = start(client, "wechat_pay")
        response = client.get(reverse("checkout:pay", kwargs={"token": attempt.token}))
        assert response.status_code == 200
        html = response.content.decode()
        start_at = html.index('src="data:image/png;base64,') + len('src="data:image/png;base64,')
        png = base64.b64decode(html[start_at : html.index('"', start_at)])
        [symbol] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
        qr = fake.recorded("next_action_wechat_pay")["wechat_pay_display_qr_code"]
        assert symbol.text == qr["data"]
        assert reverse("checkout:status", kwargs={"token": attempt.token}) in html
        assert "js/wallet-status.js" in html

    def test_the_poll_places_the_order_once_it_is_paid(
        self, at_preview, client, stripe_api, django_capture_on_commit_callbacks
    ):
        customer, unit = at_preview
        attempt = start(client, "wechat_pay")
        assert poll(client, attempt)["done"] is False
        stripe_api.confirm(attempt.intent_id)
        with django_capture_on_commit_callbacks(execute=True):
            body = poll(client, attempt)
            again = poll(client, attempt)
        assert (
            body
            == again
            == {
                "status": "placed",
                "done": True,
                "next": reverse("checkout:return", kwargs={"token": attempt.token}),
            }
        )
        response = client.get(body["next"])
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        order = Order.objects.get(user=customer)
        assert order.sources.get().source_type.code == "wechat_pay"
        assert order.sources.get().amount_debited == PLAN_PRICE
        assert WarrantyContract.objects.filter(unit=unit).count() == 1

    def test_a_cancelled_payment_gives_the_basket_back_with_a_message(
        self, at_preview, client, stripe_api, django_capture_on_commit_callbacks
    ):
        customer, unit = at_preview
        attempt = start(client, "wechat_pay")
        with django_capture_on_commit_callbacks(execute=True):
            response = deliver(
                fake.event("payment_intent.canceled", stripe_api.cancel(attempt.intent_id))
            )
        assert response.status_code == 200
        attempt.refresh_from_db()
        assert attempt.status == PaymentAttempt.Status.FAILED
        assert poll(client, attempt)["done"] is True
        response = client.get(reverse("checkout:return", kwargs={"token": attempt.token}))
        assert response["Location"].endswith(reverse("checkout:preview"))
        [message] = messages_of(response)
        assert "微信支付" in message and "未产生任何扣款" in message
        assert Basket.open.get(owner=customer).num_lines == 1
        assert not Order.objects.filter(user=customer).exists()
        # Paying again opens a new intent: the cancelled one cannot be paid.
        again = start(client, "wechat_pay")
        assert again.pk != attempt.pk and again.intent_id != attempt.intent_id

    def test_a_page_polling_too_fast_reads_stripe_within_a_budget(
        self, at_preview, client, stripe_api, django_capture_on_commit_callbacks
    ):
        from catalog.checkout.views import INTENT_READS_PER_WINDOW

        def stripe_reads():
            return sum(1 for call in stripe_api.mock.calls if call.request.method == "GET")

        attempt = start(client, "wechat_pay")
        before = stripe_reads()  # the pay page's own read of the intent
        answers = [poll(client, attempt) for _ in range(INTENT_READS_PER_WINDOW + 30)]
        assert {answer["status"] for answer in answers} == {"pending"}
        assert stripe_reads() - before == INTENT_READS_PER_WINDOW
        # Past the budget the stored status answers: the webhook's news still gets through.
        with django_capture_on_commit_callbacks(execute=True):
            response = deliver(
                fake.event("payment_intent.succeeded", stripe_api.confirm(attempt.intent_id))
            )
        assert response.status_code == 200
        reads = stripe_reads()  # the webhook's handler may read the intent itself
        assert poll(client, attempt)["done"] is True
        assert stripe_reads() == reads

    def test_another_customer_cannot_poll_it(self, at_preview, client, django_user_model):
        attempt = start(client, "wechat_pay")
        stranger = Client()
        stranger.force_login(
            django_user_model.objects.create_user(username="x", email="x@example.com")
        )
        response = stranger.get(reverse("checkout:status", kwargs={"token": attempt.token}))
        assert response.status_code == 404


class TestPayingWithAlipay:
    def test_opens_a_confirmed_alipay_intent_that_returns_here(
        self, at_preview, client, stripe_api
    ):
        attempt = start(client, "alipay")
        [params] = stripe_api.created
        assert params["payment_method_types[0]"] == "alipay"
        assert "payment_method_types[1]" not in params
        assert params["amount"] == "32900"
        assert params["currency"] == "cny"
        assert params["confirm"] == "true"
        assert params["payment_method_data[type]"] == "alipay"
        assert params["return_url"] == "http://testserver" + reverse(
            "checkout:return", kwargs={"token": attempt.token}
        )
        assert attempt.method == PaymentAttempt.Method.ALIPAY

    def test_the_pay_page_is_a_link_to_alipay_and_the_csp_is_not_loosened(
        self, at_preview, client, stripe_api
    ):
        attempt = start(client, "alipay")
        response = client.get(reverse("checkout:pay", kwargs={"token": attempt.token}))
        assert response.status_code == 200
        url = fake.recorded("next_action_alipay")["alipay_handle_redirect"]["url"]
        html = response.content.decode()
        assert f'id="go-to-alipay" href="{url}"' in html
        assert "form-action 'self'" in response["Content-Security-Policy"]
        assert "pm-redirects.stripe.com" not in response["Content-Security-Policy"]

    @pytest.mark.parametrize(
        "url",
        [
            "https://alipay.example.com/pay",
            "http://pm-redirects.stripe.com/authorize/acct_1/pa_nonce_1",
            "https://pm-redirects.stripe.com.example.org/authorize",
            "https://user@pm-redirects.stripe.com/authorize",
            "javascript:alert(1)",
            None,
        ],
    )
    def test_a_redirect_off_stripe_is_never_shown(self, at_preview, client, stripe_api, url):
        attempt = start(client, "alipay")
        stripe_api.intents[attempt.intent_id]["next_action"]["alipay_handle_redirect"]["url"] = url
        response = client.get(reverse("checkout:pay", kwargs={"token": attempt.token}))
        assert response["Location"].endswith(reverse("checkout:preview"))
        assert messages_of(response) == [in_language(response, NOT_AVAILABLE)]
        assert not Order.objects.exists()

    def test_the_redirect_return_places_the_order_exactly_once(
        self, at_preview, client, stripe_api, django_capture_on_commit_callbacks
    ):
        customer, unit = at_preview
        attempt = start(client, "alipay")
        intent = stripe_api.confirm(attempt.intent_id)
        with django_capture_on_commit_callbacks(execute=True):
            first = stripe_return(client, attempt, intent)
            second = stripe_return(client, attempt, intent)
        for response in (first, second):
            assert response["Location"].endswith(reverse("checkout:thank-you"))
        order = Order.objects.get(user=customer)
        assert order.number == attempt.order_number
        assert order.total_incl_tax == PLAN_PRICE
        assert order.sources.get().source_type.code == "alipay"
        assert WarrantyContract.objects.filter(unit=unit).count() == 1
        assert Basket._default_manager.get(pk=attempt.basket_id).status == Basket.SUBMITTED

    @pytest.mark.parametrize("return_first", [True, False], ids=["return first", "webhook first"])
    def test_return_and_webhook_together_place_one_order(
        self, at_preview, client, stripe_api, django_capture_on_commit_callbacks, return_first
    ):
        customer, unit = at_preview
        attempt = start(client, "alipay")
        intent = stripe_api.confirm(attempt.intent_id)
        body = fake.event("payment_intent.succeeded", intent)
        steps = [lambda: stripe_return(client, attempt, intent), lambda: deliver(body)]
        with django_capture_on_commit_callbacks(execute=True):
            for step in steps if return_first else reversed(steps):
                step()
            deliver(body)
        assert Order.objects.filter(user=customer).count() == 1
        assert WarrantyContract.objects.filter(unit=unit).count() == 1
        assert stripe_api.refunds == []

    def test_a_payment_refused_at_alipay_leaves_the_basket_with_a_message(
        self, at_preview, client, stripe_api
    ):
        customer, unit = at_preview
        attempt = start(client, "alipay")
        intent = stripe_api.decline(attempt.intent_id)
        response = stripe_return(client, attempt, intent, status="failed")
        assert response["Location"].endswith(reverse("checkout:preview"))
        [message] = messages_of(response)
        assert "支付宝" in message and "未产生任何扣款" in message
        assert Basket.open.get(owner=customer).num_lines == 1
        assert not Order.objects.exists()


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://pm-redirects.stripe.com/authorize/acct_1/pa_nonce_1", True),
        ("https://hooks.stripe.com/redirect/authenticate/src_1", True),
        ("https://stripe.com/", True),
        ("https://evilstripe.com/", False),
        ("https://stripe.com.evil.cn/", False),
        ("http://hooks.stripe.com/", False),
        ("//hooks.stripe.com/", False),
        ("https://a:b@hooks.stripe.com/", False),
        ("https://[::1", False),
        (42, False),
    ],
)
def test_only_https_links_on_stripe_hosts_are_followed(url, safe):
    assert wallets.is_stripe_url(url) is safe


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_return_poll_and_webhook_racing_place_one_order(stripe_api):
    browser = Client()
    customer, unit = customer_at_the_preview(browser)
    attempt = start(browser, "alipay")
    intent = stripe_api.confirm(attempt.intent_id)
    payload, header = fake.signed(fake.event("payment_intent.succeeded", intent))

    def webhook():
        return (
            Client()
            .post(
                WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
            )
            .status_code
        )

    def as_customer(path):
        def visit():
            visitor = Client()
            visitor.force_login(customer)
            return visitor.get(path).status_code

        return visit

    returns = as_customer(reverse("checkout:return", kwargs={"token": attempt.token}))
    polls = as_customer(reverse("checkout:status", kwargs={"token": attempt.token}))
    outcomes = run_together(webhook, returns, polls, returns, polls, webhook)
    assert all(status in (200, 302) for status in outcomes), outcomes
    assert Order.objects.filter(user=customer).count() == 1
    assert WarrantyContract.objects.filter(unit=unit).count() == 1
    assert stripe_api.refunds == []
