"""Issue #13: every response carries an enforcing Content-Security-Policy.

Customer pages may load our own files and Stripe.js, nothing inline unless it carries the
request's nonce; only the staff screens (Wagtail's admin, Oscar's dashboard) may run
inline code. The browser half (no violation in Chromium) is tests/browser/.
"""

import re
from pathlib import Path

import pytest
import responses
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse
from oscar.core.loading import get_model

from appliances.models import ApplianceModel
from tests.factories import stripe as fake
from tests.integration.test_production_settings import (
    OBJECT_STORAGE_ENV,
    PRODUCTION_ENV,
    run_manage,
)
from tests.integration.test_stripe_payments import customer_with_a_plan_in_the_basket

# Walks the demo site (its customer, member, staff and pages).
pytestmark = [pytest.mark.demo, pytest.mark.usefixtures("demo")]

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Content-Security-Policy"
Product = get_model("catalogue", "Product")


def policy(response) -> dict[str, list[str]]:
    """The enforced header as {directive: [sources]}; fails if there is none."""
    assert HEADER in response, f"no {HEADER} on {response.status_code} {response}"
    directives = (part.split() for part in response[HEADER].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def user(email: str):
    return get_user_model().objects.get(email=email)


def signed_in(email: str) -> Client:
    client = Client()
    client.force_login(user(email))
    return client


def page_for(email: str, path: str):
    return lambda client, settings: signed_in(email).get(path)


def manual_url() -> str:
    from cms.models import ManualPage

    return ManualPage.objects.live().filter(locale__language_code="zh-hans").first().url


def qr_code() -> str:
    return ApplianceModel.objects.filter(is_active=True).first().public_code


def product_url() -> str:
    return Product.objects.filter(product_class__slug="consumable").first().get_absolute_url()


def checkout_preview(client: Client):
    customer_with_a_plan_in_the_basket(client)
    return client.get(reverse("checkout:preview"))


def pay_page(client: Client) -> str:
    """The demo gateway's page for an order of one plan, as the demo customer."""
    customer_with_a_plan_in_the_basket(client)
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 302, response.content[:300]
    return response["Location"]


def thank_you(client: Client):
    client.post(pay_page(client), {"card_number": "4242 4242 4242 4242"})
    return client.get(reverse("checkout:thank-you"))


def stripe_webhook_with_a_bad_signature(client: Client, settings):
    settings.STRIPE_SECRET_KEY = fake.SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET
    return client.post(
        "/webhooks/stripe/",
        data=b"{}",
        content_type="application/json",
        headers={"Stripe-Signature": "t=1,v1=forged"},
    )


# What each walk step fetches and the status that shows it reached the page it meant.
CUSTOMER_PAGES = {
    "home": (200, lambda c, s: c.get("/zh-hans/")),
    "qr landing": (302, lambda c, s: c.get(f"/q/{qr_code()}")),
    "manual": (200, lambda c, s: c.get(manual_url())),
    "catalogue": (200, lambda c, s: c.get("/zh-hans/shop/catalogue/")),
    "product": (200, lambda c, s: c.get(product_url())),
    "basket": (200, lambda c, s: c.get("/zh-hans/shop/basket/")),
    "login": (200, lambda c, s: c.get("/zh-hans/shop/accounts/login/")),
    "checkout preview": (200, lambda c, s: checkout_preview(c)),
    "pay (demo gateway)": (200, lambda c, s: c.get(pay_page(c))),
    "thank you": (200, lambda c, s: thank_you(c)),
    "member centre": (200, page_for("member@aftercare.demo", "/zh-hans/members/")),
    "not found": (404, lambda c, s: c.get("/zh-hans/no-such-page/")),
    "healthz": (200, lambda c, s: c.get("/healthz")),
    "stripe webhook, bad signature": (400, stripe_webhook_with_a_bad_signature),
    "static file": (200, lambda c, s: c.get("/static/js/site.js")),
    "too large": (413, lambda c, s: c.post("/zh-hans/shop/basket/", CONTENT_LENGTH=str(1 << 40))),
    # Django's admin works under the customer policy: it gets no allowance.
    "django admin": (200, page_for("admin@aftercare.demo", "/django-admin/")),
}
STAFF_PAGES = {
    "oscar dashboard": (200, page_for("staff@aftercare.demo", "/dashboard/")),
    "wagtail admin": (200, page_for("editor@aftercare.demo", "/cms/")),
}


@pytest.fixture
def visit(client, settings):
    def fetch(pages: dict, name: str):
        status, get = pages[name]
        response = get(client, settings)
        assert response.status_code == status, (name, response.status_code)
        return response

    return fetch


class TestEveryResponse:
    @pytest.mark.parametrize("name", [*CUSTOMER_PAGES, *STAFF_PAGES])
    def test_carries_an_enforcing_policy(self, visit, name):
        pages = CUSTOMER_PAGES if name in CUSTOMER_PAGES else STAFF_PAGES
        response = visit(pages, name)
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert "Content-Security-Policy-Report-Only" not in response


class TestACustomerPage:
    @pytest.mark.parametrize("name", CUSTOMER_PAGES)
    def test_runs_no_inline_script_or_style(self, visit, name):
        directives = policy(visit(CUSTOMER_PAGES, name))
        for directive in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in directives[directive], (name, directive)
            assert "'unsafe-eval'" not in directives[directive], (name, directive)

    def test_loads_scripts_from_the_site_and_stripe_only(self, client):
        directives = policy(client.get("/zh-hans/"))
        assert directives["script-src"] == ["'self'", "https://js.stripe.com"]
        assert directives["style-src"] == ["'self'"]

    def test_lets_stripe_frame_its_card_fields_and_call_its_api(self, client):
        directives = policy(client.get("/zh-hans/"))
        assert directives["frame-src"] == ["https://js.stripe.com", "https://hooks.stripe.com"]
        assert directives["connect-src"] == ["'self'", "https://api.stripe.com"]

    def test_shows_pictures_and_video_from_the_site(self, client):
        directives = policy(client.get("/zh-hans/"))
        assert directives["img-src"] == ["'self'", "data:"]
        assert directives["media-src"] == ["'self'"]

    def test_cannot_be_framed_or_post_elsewhere(self, client):
        directives = policy(client.get("/zh-hans/"))
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["form-action"] == ["'self'"]
        assert directives["base-uri"] == ["'self'"]


class TestTheServerErrorPage:
    def test_applies_its_own_styles_with_the_requests_nonce(self, monkeypatch):
        def fail():
            raise RuntimeError("the database is gone")

        monkeypatch.setattr("portal.views._database_answers", fail)
        response = Client(raise_request_exception=False).get("/healthz")
        assert response.status_code == 500
        style_src = policy(response)["style-src"]
        [nonce] = [s[len("'nonce-") : -1] for s in style_src if s.startswith("'nonce-")]
        assert f'<style nonce="{nonce}">' in response.content.decode()


class TestTheStripePayPage:
    @pytest.fixture
    def stripe_pay_page(self, client, settings):
        settings.STRIPE_SECRET_KEY = fake.SECRET_KEY
        settings.STRIPE_PUBLISHABLE_KEY = fake.PUBLISHABLE_KEY
        settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET
        with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
            fake.FakeStripe(mock)
            url = pay_page(client)
            return client.get(url)

    def test_allows_stripe_js_by_host_and_by_the_requests_nonce(self, stripe_pay_page):
        script_src = policy(stripe_pay_page)["script-src"]
        assert "https://js.stripe.com" in script_src
        [nonce] = [s[len("'nonce-") : -1] for s in script_src if s.startswith("'nonce-")]
        html = stripe_pay_page.content.decode()
        tags = re.findall(r"<script\b[^>]*>", html)
        stripe_tag = next(tag for tag in tags if "https://js.stripe.com/v3/" in tag)
        ours = next(tag for tag in tags if "stripe-checkout.js" in tag)
        assert f'nonce="{nonce}"' in stripe_tag
        assert f'nonce="{nonce}"' in ours

    def test_a_page_without_an_inline_need_names_no_nonce(self, client):
        script_src = policy(client.get("/zh-hans/"))["script-src"]
        assert not any(source.startswith("'nonce-") for source in script_src)


class TestStaffScreens:
    @pytest.mark.parametrize("name", STAFF_PAGES)
    def test_may_run_their_frameworks_inline_scripts_and_styles(self, visit, name):
        directives = policy(visit(STAFF_PAGES, name))
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"]

    def test_wagtail_may_frame_its_own_preview(self, client):
        directives = policy(signed_in("editor@aftercare.demo").get("/cms/"))
        assert directives["frame-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'self'"]

    def test_a_wagtail_preview_gets_the_admins_policy_not_the_pages(self):
        # Wagtail renders a preview by sending a made-up request for the page's public
        # address through the middleware; the editor sees the answer inside the admin.
        from cms.models import ManualPage

        page = ManualPage.objects.live().first()
        original = RequestFactory().get(f"/cms/pages/{page.pk}/edit/preview/")
        original.user = user("editor@aftercare.demo")
        response = page.make_preview_request(original_request=original)
        assert response.status_code == 200
        assert policy(response)["frame-ancestors"] == ["'self'"]

    def test_gravatar_is_not_asked_for_avatars(self):
        html = signed_in("editor@aftercare.demo").get("/cms/").content.decode()
        assert "gravatar.com" not in html


# Markup the customer policy refuses: inline <script> or <style> without the nonce (a
# script with src= is a file), event-handler attributes, javascript: URLs, style attributes.
REFUSED = {
    "inline script": re.compile(r"<script\b(?![^>]*\b(?:src|nonce)=)[^>]*>", re.I),
    "inline style": re.compile(r"<style\b(?![^>]*\bnonce=)[^>]*>", re.I),
    "event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
}


def refused(markup: str) -> list[str]:
    return [
        f"{kind}: {match.group(0)[:80]}"
        for kind, pattern in REFUSED.items()
        for match in pattern.finditer(markup)
    ]


TEMPLATE_SYNTAX = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|{%.*?%}", re.S)
# Oscar's dashboard base (staff policy: its pages fill onbodyload) and e-mails (not pages).
NOT_CUSTOMER_PAGES = ("portal/templates/oscar/base.html", "/communication/emails/", "/dashboard/")


def customer_templates() -> list[Path]:
    found = []
    for folder in ("portal", "cms", "catalog", "aftersales", "membership"):
        for path in (ROOT / folder).rglob("templates/**/*.html"):
            name = path.relative_to(ROOT).as_posix()
            if not any(skip in name for skip in NOT_CUSTOMER_PAGES):
                found.append(path)
    return found


class TestOurTemplates:
    def test_are_found(self):
        assert len(customer_templates()) > 50

    def test_carry_nothing_the_policy_refuses(self):
        offending = [
            f"{path.relative_to(ROOT)}: {problem}"
            for path in customer_templates()
            for problem in refused(TEMPLATE_SYNTAX.sub("", path.read_text()))
        ]
        assert offending == []


# Oscar's own account templates render inside ours, some with onclick="" in the original.
ACCOUNT_PAGES = {
    "profile": "/zh-hans/shop/accounts/profile/edit/",
    "password": "/zh-hans/shop/accounts/change-password/",
    "new address": "/zh-hans/shop/accounts/addresses/add/",
    "new wish list": "/zh-hans/shop/accounts/wishlists/create/",
    "orders": "/zh-hans/shop/accounts/orders/",
    "e-mails": "/zh-hans/shop/accounts/emails/",
    "notifications": "/zh-hans/shop/accounts/notifications/inbox/",
}


class TestTheRenderedPages:
    @pytest.mark.parametrize(
        "name", [n for n, (status, _get) in CUSTOMER_PAGES.items() if status in (200, 404)]
    )
    def test_of_the_walk_carry_nothing_the_policy_refuses(self, visit, name):
        response = visit(CUSTOMER_PAGES, name)
        if response["Content-Type"].startswith("text/html"):
            assert refused(response.content.decode()) == []

    @pytest.mark.parametrize("name", ACCOUNT_PAGES)
    def test_of_the_account_carry_nothing_the_policy_refuses(self, name):
        response = signed_in("customer@aftercare.demo").get(ACCOUNT_PAGES[name])
        assert response.status_code == 200
        assert refused(response.content.decode()) == []


# Production links media on object storage; the policy must allow exactly where.
SHOW_MEDIA_POLICY = """
from django.conf import settings
from django.core.files.storage import storages
d = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
print("url", storages["default"].url("videos/filter.mp4"))
print("img-src", " ".join(d["img-src"]))
print("media-src", " ".join(d["media-src"]))
"""


MINIO_ENV = {
    "AWS_S3_ENDPOINT_URL": "https://minio.internal:9000",
    "AWS_S3_ADDRESSING_STYLE": "path",
}


def allows(sources: list[str], url: str) -> bool:
    """CSP source matching, enough for these: an origin, or an origin and a path ending in /."""
    return any(
        url.startswith(source) if source.endswith("/") else url.startswith(source + "/")
        for source in sources
        if source.startswith("https://")
    )


class TestProductionMediaSources:
    @pytest.mark.parametrize(
        "storage_env",
        [
            pytest.param(OBJECT_STORAGE_ENV, id="cdn"),
            pytest.param({**OBJECT_STORAGE_ENV, "AWS_S3_CUSTOM_DOMAIN": ""}, id="oss-bucket"),
            pytest.param(MINIO_ENV, id="minio-path-style"),
            pytest.param({"AWS_S3_REGION_NAME": "ap-east-1"}, id="aws"),
        ],
    )
    def test_allow_the_storages_links_and_no_other_host(self, storage_env):
        result = run_manage("shell", "-c", SHOW_MEDIA_POLICY, env={**PRODUCTION_ENV, **storage_env})
        assert result.returncode == 0, result.stdout + result.stderr
        facts = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
        for directive in ("img-src", "media-src"):
            sources = facts[directive].split()
            assert allows(sources, facts["url"]), (directive, sources, facts["url"])
            assert not allows(sources, "https://another-bucket.oss-cn-hangzhou.aliyuncs.com/x.mp4")
            assert not allows(sources, "https://minio.internal:9000/another-bucket/x.mp4")
