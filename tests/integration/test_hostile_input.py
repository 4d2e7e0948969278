"""No input gives a 500 (issue #13): every route, every form, three kinds of visitor.

The walk enumerates every URL pattern of the site (Django's admin, Wagtail's, Oscar's
shop and dashboard, ours; under each language prefix) and, as an anonymous visitor, a
signed-in customer and a superuser:

- opens the route with real ids from the demo data, and with a hostile value in each
  path parameter that its converter lets through;
- sends hostile values in every query parameter the site's views read (DECLARED_QUERY)
  and in every field of the page's GET forms;
- posts to every form the page declares: every field hostile, no field at all, and for
  this project's own forms one hostile field at a time beside the rendered values, so the
  hostile value gets past the other fields' validation to where it is used.

The values come from Hypothesis strategies drawn once with a fixed seed (tests/hostile/).
Every server error is collected and reported together, with the URL and the value.
"""

import json
import logging
import re

import pytest
import stripe
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import stripe as fake
from tests.hostile import SUMMARY
from tests.hostile.demo_values import CUSTOMER_EMAIL, STAFF_EMAIL, DemoValues
from tests.hostile.forms import Form, forms_in
from tests.hostile.routes import Route, languages, site_routes
from tests.hostile.values import draw, hostile_pool, stripe_event_bodies
from tests.hostile.walker import Walker

# Walks the whole demo site, with its real ids, as a visitor, a customer and staff.
pytestmark = [pytest.mark.demo, pytest.mark.usefixtures("demo")]

# Query parameters views read outside a form (grep request.GET across the project; Oscar's,
# Wagtail's and Django admin's listings: paging, ordering, searching, filtering).
DECLARED_QUERY = [
    "q",
    "page",
    "p",
    "o",
    "category",
    "model",
    "tag",
    "format",
    "phone",
    "serial",
    "sig",
    "next",
    "sort_by",
    "ordering",
    "status",
    "date_from",
    "date_to",
    "kind",
    "before",
    "after",
]
# This project's own pages: their forms also get one hostile field at a time.
OWN_PAGES = re.compile(
    r"^/(zh-hans|en)/(?!shop/accounts/)|^/[qQ]/|^/dashboard/(aftersales|membership)/"
)
# Which language prefixes each visitor walks: both for the anonymous visitor, one each else.
VISITORS = [
    ("anonymous", None, languages()),
    ("customer", CUSTOMER_EMAIL, languages()[:1]),
    ("staff", STAFF_EMAIL, languages()[1:]),
]
WEBHOOK = "/webhooks/stripe/"
StripeEvent = apps.get_model("payments", "StripeEvent")


def visitor(email: str | None) -> Client:
    client = Client()
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    return client


class Walk:
    """One visitor's walk over every route."""

    def __init__(self, walker: Walker, demo: DemoValues, role: str, client: Client):
        self.walker, self.demo, self.role, self.client = walker, demo, role, client
        self.posted: set = set()
        self.pages = 0

    def every_route(self, languages: list[str]) -> None:
        for route in site_routes():
            for language in languages if route.localised else [None]:
                reached = False
                for real in self.demo.values_for(route):
                    path = route.path(lambda p, real=real: str(real[p.name]), language=language)
                    if path is not None:
                        reached = self.open(path) or reached
                if reached:
                    self.hostile_path(route, language)

    def open(self, path: str) -> bool:
        """Sends what the route reads; False if it sent the visitor to sign in instead."""
        walker, role, client = self.walker, self.role, self.client
        response = walker.get(client, role, path)
        if _asks_to_sign_in(response):
            return False  # the view behind it is walked as a visitor who may see it
        forms = []
        if response is not None and response.status_code == 200 and _is_html(response):
            self.pages += 1
            forms = forms_in(response.content.decode(errors="replace"), page=path)
        names = DECLARED_QUERY + [name for f in forms if f.method == "get" for name in f.names]
        walker.get(client, role, path, walker.fill(names))
        if response is not None and response.status_code == 405:
            walker.post(client, role, path, walker.fill(DECLARED_QUERY, passing=True))
        for form in forms:
            key = (form.action.split("?")[0], form.method, tuple(form.names))
            if key not in self.posted:
                self.posted.add(key)
                self.submit(form)
        return True

    def submit(self, form: Form) -> None:
        def send(pairs):
            if form.method == "get":
                self.walker.get(self.client, self.role, form.action, pairs)
            else:
                self.walker.post(
                    self.client, self.role, form.action, pairs, multipart=form.multipart
                )

        send(self.walker.fill(form.names, passing=True))
        send([])  # no field at all, management forms included
        send([(name, value) for name, value in form.fields if name not in form.hidden])
        if OWN_PAGES.match(form.action):
            for name in form.names:
                hostile = self.walker.fill([name], passing=True)[0][1]
                send([(n, hostile if n == name else value) for n, value in form.fields])

    def hostile_path(self, route: Route, language: str | None) -> None:
        real = self.demo.values_for(route)[0]
        for param in route.params:
            hostile = self.walker.fitting(param.regex)
            if hostile is None:
                continue
            path = route.path(
                lambda p, param=param, hostile=hostile: (
                    hostile if p.name == param.name else str(real[p.name])
                ),
                language=language,
            )
            if path is not None:
                self.walker.get(self.client, self.role, path)


def _asks_to_sign_in(response) -> bool:
    return (
        response is not None
        and response.status_code in (301, 302)
        and "/login/" in response.get("Location", "")
    )


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


@pytest.fixture
def quiet_logs():
    """Thousands of 4xx (and any 5xx, which the walk reports itself) stay out of the log."""
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


@pytest.fixture
def summary(request):
    lines = request.config.stash.setdefault(SUMMARY, [])
    start = len(lines)
    yield lines
    # Under xdist the summary is printed by the controller, which sees only the reports.
    request.node.user_properties.extend(("hostile-walk", line) for line in lines[start:])


def report(walker: Walker, summary: list, title: str, details: str = "") -> str:
    line = f"{title}: {walker.requests} requests, {len(walker.failures)} server errors{details}"
    known = sum(walker.upstream.values())
    if known:
        line += f"; {known} more inside Django, Wagtail or Oscar (tests/hostile/upstream.py)"
    upstream = [
        f"  known upstream, {count}x: {reason}" for reason, count in walker.upstream.items()
    ]
    print("\n".join([line, *upstream]))
    summary.extend([line, *upstream])
    return line + "".join(f"\n  {failure}" for failure in walker.failures)


class TestEveryRouteWithHostileInput:
    def test_gets_no_server_error(self, quiet_logs, summary):
        walker = Walker(hostile_pool())
        demo = DemoValues()
        pages = forms = 0
        for role, email, walked_languages in VISITORS:
            walk = Walk(walker, demo, role, visitor(email))
            walk.every_route(walked_languages)
            pages, forms = pages + walk.pages, forms + len(walk.posted)
        line = report(
            walker,
            summary,
            "hostile-input walk",
            f" ({len(site_routes())} routes, {pages} pages rendered, {forms} forms filled)",
        )
        assert not walker.failures, line
        assert pages > len(site_routes()) // 2, "the walk no longer reaches most pages"


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = fake.SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET


def deliver(client, body: dict):
    payload, header = fake.signed(body)
    return client.post(
        WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


@pytest.mark.usefixtures("stripe_keys")
class TestTheStripeWebhookWithHostileBodies:
    def test_gets_no_server_error_signed_or_not(self, quiet_logs, summary):
        # Stored events are processed on commit, as the embedded default does in-request.
        walker = Walker(hostile_pool(), run_on_commit=True)
        client = Client()
        for body in draw(stripe_event_bodies(), count=150):
            payload = json.dumps(body)
            for secret in (fake.WEBHOOK_SECRET, "whsec_forged"):
                header = stripe.WebhookSignature.generate_signature_header(payload, secret)
                walker.post_raw(client, "stripe", WEBHOOK, payload.encode(), signature=header)
        for text in walker.pool:
            raw = text.encode("utf-8", "surrogatepass")
            walker.post_raw(client, "stripe", WEBHOOK, raw, signature="t=1,v1=0")
            if not _has_surrogates(text):
                header = stripe.WebhookSignature.generate_signature_header(
                    text, fake.WEBHOOK_SECRET
                )
                walker.post_raw(client, "stripe", WEBHOOK, raw, signature=header)
        line = report(walker, summary, "hostile Stripe webhook bodies")
        assert not walker.failures, line
        assert walker.statuses[200] > 0, "no signed body got past the signature check"


def _has_surrogates(text: str) -> bool:
    return any(0xD800 <= ord(char) <= 0xDFFF for char in text)


@pytest.mark.usefixtures("stripe_keys")
class TestASignedStripeEventWithHostileFields:
    def test_with_an_id_longer_than_its_column_is_not_an_event(self, client):
        body = fake.event("payment_intent.succeeded", {"id": "pi_x"}, event_id="evt_" + "x" * 61)
        response = deliver(client, body)
        assert response.status_code == 400
        assert not StripeEvent.objects.filter(type="payment_intent.succeeded").exists()

    def test_with_a_nul_or_a_lone_surrogate_is_stored_with_them_replaced(
        self, client, django_capture_on_commit_callbacks
    ):
        intent = {"id": "pi_unknown\u0000", "description": "a\ud800b", "amount": float("nan")}
        body = fake.event("payment_intent.succeeded", intent, event_id="evt_hostile_nul")
        with django_capture_on_commit_callbacks(execute=True):
            response = deliver(client, body)
        assert response.status_code == 200
        stored = StripeEvent.objects.get(event_id="evt_hostile_nul")
        assert stored.payload["data"]["object"]["description"] == "a\ufffdb"
        assert stored.payload["data"]["object"]["amount"] == "nan"
        assert stored.processed_at is not None  # an unknown intent is logged, not a crash

    def test_without_data_object_is_stored_and_processed_without_error(
        self, client, django_capture_on_commit_callbacks
    ):
        body = {"id": "evt_hostile_shape", "type": "payment_intent.payment_failed", "data": []}
        with django_capture_on_commit_callbacks(execute=True):
            assert deliver(client, body).status_code == 200
        assert StripeEvent.objects.get(event_id="evt_hostile_shape").processed_at is not None
