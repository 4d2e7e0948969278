"""A customer on a 360 px phone in Simplified Chinese pays with WeChat Pay and with Alipay
(issue #15, acceptance 5), Stripe answered at the HTTP layer.

The live server runs in this process, so `responses` answers its calls to Stripe. WeChat
Pay: the QR code shows, the customer "scans" (the fake Stripe marks the intent paid) and the
page's poll moves on to the thank-you page. Alipay: the tap-through link leads to Stripe's
redirect host, which the browser is given a stand-in page for (Alipay's cashier), whose
"paid" link returns to the site as Stripe would; the order is placed once.
"""

import re

import pytest
import responses
from django.conf import settings
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from payments.models import PaymentAttempt
from tests.factories import stripe as fake
from tests.factories.aftersales import make_appliance_model, make_unit
from tests.factories.catalog import make_plan
from tests.factories.shop import add_plan, checkout_to_preview, make_customer

pytestmark = [pytest.mark.browser]

Order = get_model("order", "Order")

PREVIEW = "/zh-hans/shop/checkout/preview/"


@pytest.fixture
def stripe_api(settings):
    settings.STRIPE_SECRET_KEY = fake.SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = fake.PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        # The live server's own address is not Stripe's: let those requests through.
        mock.add_passthru(re.compile(r"http://(localhost|127\.0\.0\.1)"))
        yield fake.FakeStripe(mock)


@pytest.fixture
def customer_at_preview(live_server, phone):
    """A zh-hans member with a plan in the basket, signed in on the phone at the preview."""
    customer = make_customer(email="wallet.phone@example.cn", tier="member")
    client = Client()
    client.force_login(customer)
    unit = make_unit(customer, make_appliance_model())
    add_plan(client, make_plan(term_years=2), unit)
    checkout_to_preview(client)
    phone.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    phone.goto(live_server.url + PREVIEW)
    return customer


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide"


def choose_and_pay(page, label: str):
    page.get_by_label(label, exact=True).check()
    fits_the_phone(page)
    page.locator("#place-order").click()
    page.wait_for_url(re.compile(r"/checkout/pay/"))
    fits_the_phone(page)


def test_paying_with_wechat_pay_by_scanning_the_qr_code(
    live_server, phone, stripe_api, customer_at_preview, shoot
):
    page = phone
    choose_and_pay(page, "微信支付")
    qr = page.locator("#wechat-qr")
    assert qr.is_visible()
    assert qr.get_attribute("alt") == "本订单的微信支付二维码"
    assert page.evaluate("document.getElementById('wechat-qr').naturalWidth") > 100
    assert page.get_by_role("status").inner_text().startswith("正在等待您付款")
    shoot(page, "wechat-pay-qr")
    attempt = PaymentAttempt.objects.get(user=customer_at_preview)
    assert attempt.method == PaymentAttempt.Method.WECHAT_PAY
    assert stripe_api.created[0]["payment_method_types[0]"] == "wechat_pay"

    stripe_api.confirm(attempt.intent_id)  # the customer scanned and paid in WeChat
    page.wait_for_url(re.compile(r"/checkout/thank-you/"), timeout=20_000)
    fits_the_phone(page)
    shoot(page, "wechat-pay-thank-you")
    assert Order.objects.filter(user=customer_at_preview).count() == 1


def test_paying_with_alipay_through_the_tap_through_link(
    live_server, phone, stripe_api, customer_at_preview, shoot
):
    page = phone
    choose_and_pay(page, "支付宝")
    link = page.locator("#go-to-alipay")
    assert link.inner_text().startswith("前往支付宝支付")
    href = link.get_attribute("href")
    assert href.startswith("https://pm-redirects.stripe.com/authorize/")
    shoot(page, "alipay-tap-through")
    attempt = PaymentAttempt.objects.get(user=customer_at_preview)
    intent = stripe_api.intents[attempt.intent_id]
    back = intent["next_action"]["alipay_handle_redirect"]["return_url"]
    assert back == live_server.url + reverse("checkout:return", kwargs={"token": attempt.token})

    def alipay_cashier(route):
        # Stripe's redirect leads to Alipay; paying there marks the intent succeeded and
        # sends the browser back with Stripe's query string.
        paid = stripe_api.confirm(attempt.intent_id)
        query = (
            f"payment_intent={paid['id']}&payment_intent_client_secret="
            f"{paid['client_secret']}&redirect_status=succeeded"
        )
        route.fulfill(
            content_type="text/html; charset=utf-8",
            body=(
                '<!doctype html><meta name="viewport" content="width=device-width">'
                f'<title>支付宝</title><a id="paid" href="{back}?{query}">已付款，返回商家</a>'
            ),
        )

    page.route("https://pm-redirects.stripe.com/**", alipay_cashier)
    link.click()  # a link, not a form: the CSP's form-action 'self' does not stop it
    page.wait_for_url("https://pm-redirects.stripe.com/**")
    page.locator("#paid").click()
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))
    fits_the_phone(page)
    shoot(page, "alipay-thank-you")
    # Coming back again (the back button, a second tab) places nothing more.
    page.goto(f"{back}?redirect_status=succeeded")
    assert Order.objects.filter(user=customer_at_preview).count() == 1
