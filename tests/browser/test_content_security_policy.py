"""Issue #13 in Chromium on a 360 px phone: what a scan and a purchase open breaks no rule
of the Content-Security-Policy.

A violation is caught twice: Chromium's console message ("... violates the following
Content Security Policy directive ..."), and a securitypolicyviolation listener put into
every page and frame before the page's own scripts run. Stripe.js cannot load offline:
js.stripe.com, hooks.stripe.com and api.stripe.com are answered by Playwright's router,
which sees a request only if the policy let the page make it.
"""

import re

import pytest
import responses

from appliances.models import ApplianceModel
from tests.browser import test_buying_services as buying
from tests.browser.test_buying_services import (
    air_conditioner_with_plans,
    new_serial,
    plan_for,
    product_url,
    sign_in,
)
from tests.factories import stripe as fake
from tests.factories.aftersales import make_unit

# The buying walks' fixtures: a 360 x 740 touch phone that fails on JavaScript errors, a
# new customer, and the member tiers a transactional test would otherwise lose.
phone = buying.phone
customer = buying.customer
membership_tiers = buying.membership_tiers

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("membership_tiers")]

LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => window.cspViolation({
    directive: e.effectiveDirective, blocked: e.blockedURI, page: e.documentURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample,
}));
"""


@pytest.fixture
def violations(phone):
    found = []
    phone.context.expose_binding("cspViolation", lambda source, event: found.append(event))
    phone.context.add_init_script(LISTEN)
    phone.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def to_the_pay_page(page, live_server, customer):
    """Sign in, put a 2-year plan for a new unit in the basket, place the order."""
    model = air_conditioner_with_plans()
    unit = make_unit(customer, model, serial=new_serial(model))
    sign_in(page, live_server, customer, "zh-hans")
    page.goto(live_server.url + product_url(plan_for(model, 2), "zh-hans"))
    page.locator("#id_unit").select_option(str(unit.pk))
    with page.expect_navigation():
        page.locator("#add_to_basket_form [type=submit]").tap()
    page.goto(f"{live_server.url}/zh-hans/shop/basket/")
    page.locator("#content_inner a[href$='/shop/checkout/']").first.tap()
    page.wait_for_url(re.compile(r"/zh-hans/shop/checkout/preview/"))
    page.locator("#place-order").tap()
    page.wait_for_url(re.compile(r"/shop/checkout/pay/[0-9a-f-]+/"))


class TestScanningACodeOnAPhone:
    def test_the_manual_its_video_and_its_beacons_break_no_rule(
        self, live_server, phone, violations
    ):
        from cms.models import ManualPage

        manual = (
            ManualPage.objects.live()
            .filter(locale__language_code="zh-hans", body__icontains='"video"')
            .select_related("appliance_model")
            .first()
        )
        assert manual is not None, "the demo has a manual with a video"
        model: ApplianceModel = manual.appliance_model
        page = phone
        page.set_extra_http_headers({"Accept-Language": "zh-CN,zh;q=0.9"})

        page.goto(f"{live_server.url}/q/{model.public_code}")
        assert re.search(r"/zh-hans/manuals/", page.url), page.url

        video = page.locator("video").first
        video.scroll_into_view_if_needed()
        with page.expect_request(lambda r: r.url.endswith("/open") and r.method == "POST"):
            page.evaluate(
                """async (el) => {
                    el.muted = true;
                    await el.play();
                    await new Promise((r) => setTimeout(r, 300));
                    el.pause();
                }""",
                video.element_handle(),
            )
        assert video.evaluate("el => el.readyState") >= 2, "the video loaded"

        with page.expect_request(lambda r: r.url.endswith("/open") and r.method == "POST"):
            page.locator("a[data-track='section']").first.tap()
        fault = page.locator("details[data-track='troubleshooting']").first
        fault.scroll_into_view_if_needed()
        with page.expect_request(lambda r: r.url.endswith("/open") and r.method == "POST"):
            fault.locator("summary").tap()

        assert page.evaluate("document.documentElement.className") == "js"
        assert violations == []


class TestPayingWithTheDemoGatewayOnAPhone:
    def test_the_basket_preview_pay_and_thank_you_pages_break_no_rule(
        self,
        live_server,
        phone,
        violations,
        customer,
    ):
        page = phone
        to_the_pay_page(page, live_server, customer)
        assert page.locator("#id_card_number").is_visible(), "the demo gateway's own form"
        page.fill("#id_card_number", "4242 4242 4242 4242")
        with page.expect_navigation():
            page.locator("#pay-now").tap()
        page.wait_for_url(re.compile(r"/zh-hans/shop/checkout/thank-you/"))
        assert page.locator("a[data-behaviours~='print']").count() == 1
        assert violations == []


# Stand-ins for Stripe's hosts: the script mounts the card frame and the 3-D Secure frame
# and calls the API, as Stripe.js does, so that each of its directives is exercised.
STRIPE_JS = """
window.Stripe = function (key) {
    return {
        elements: function () {
            return {create: function () {
                return {mount: function (selector) {
                    var host = document.querySelector(selector);
                    ["https://js.stripe.com/v3/elements-inner-card.html",
                     "https://hooks.stripe.com/3d_secure_2/hosted"].forEach(function (src) {
                        var frame = document.createElement("iframe");
                        frame.src = src;
                        frame.title = "Stripe";
                        host.appendChild(frame);
                    });
                    fetch("https://api.stripe.com/v1/elements/sessions?key=" + key);
                }};
            }};
        },
        confirmPayment: function () { return Promise.resolve({}); }
    };
};
"""


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = fake.SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = fake.PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield fake.FakeStripe(mock)


@pytest.fixture
def stripe_hosts(phone):
    """Answers for Stripe's hosts; returns the URLs the page reached."""
    reached = []

    def answer(route):
        url = route.request.url
        reached.append(url)
        if url.startswith("https://js.stripe.com/v3/") and url.endswith("/v3/"):
            route.fulfill(body=STRIPE_JS, content_type="application/javascript")
        elif url.startswith("https://api.stripe.com/"):
            route.fulfill(
                json={"object": "elements_session"},
                headers={"Access-Control-Allow-Origin": "*"},
            )
        else:
            route.fulfill(body="<!DOCTYPE html><p>card</p>", content_type="text/html")

    for host in ("js.stripe.com", "hooks.stripe.com", "api.stripe.com"):
        phone.context.route(f"https://{host}/**", answer)
    return reached


class TestPayingWithStripeOnAPhone:
    def test_stripe_js_its_frames_and_its_api_break_no_rule(
        self,
        live_server,
        phone,
        violations,
        customer,
        stripe_keys,
        stripe_hosts,
    ):
        page = phone
        to_the_pay_page(page, live_server, customer)
        page.wait_for_selector("#payment-element iframe[src^='https://hooks.stripe.com']")
        page.wait_for_function("document.querySelectorAll('#payment-element iframe').length == 2")
        page.wait_for_timeout(300)  # the API call is not awaited by the stand-in

        assert any(url.endswith("/v3/") for url in stripe_hosts), stripe_hosts
        assert any("elements-inner-card" in url for url in stripe_hosts), stripe_hosts
        assert any(url.startswith("https://hooks.stripe.com/") for url in stripe_hosts)
        assert any(url.startswith("https://api.stripe.com/") for url in stripe_hosts)
        assert violations == []

    def test_the_header_allows_stripe_js_and_its_tag_carries_the_nonce(
        self,
        live_server,
        phone,
        violations,
        customer,
        stripe_keys,
        stripe_hosts,
    ):
        page = phone
        to_the_pay_page(page, live_server, customer)
        response = page.reload()
        header = response.headers["content-security-policy"]
        script_src = next(d.split()[1:] for d in header.split(";") if d.split()[0] == "script-src")
        assert "https://js.stripe.com" in script_src
        [nonce] = [s[len("'nonce-") : -1] for s in script_src if s.startswith("'nonce-")]
        # Chromium hides a parsed nonce from getAttribute(); the property keeps it.
        tags = page.eval_on_selector_all(
            "script[src]", "els => els.map((el) => [el.getAttribute('src'), el.nonce])"
        )
        stripe_nonces = [n for src, n in tags if src.startswith("https://js.stripe.com/")]
        assert stripe_nonces == [nonce]
        assert violations == []
