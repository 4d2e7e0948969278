"""Issue #15, acceptance 3: axe-core finds nothing critical or serious on any customer page.

axe-core 4.10.3 (tests/browser/vendor/axe-core/, from `npm pack axe-core@4.10.3`, its
axe.min.js checked against the package's sri-history.json) is evaluated in each page after
it has loaded, in Chromium at 360 px, and run with its default rules (WCAG 2.0/2.1 A and AA
and best practices). Every customer page, in both languages: what a visitor reaches
without an account, then what the demo customer sees signed in. One walk per language, so
the demo data loads once for each, and the failure lists every finding of every page.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_class, get_model

from aftersales.feedback.ratings import rating_link
from aftersales.models import RegisteredUnit
from appliances.models import ApplianceModel
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.demo, pytest.mark.usefixtures("demo_transactional")]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
BLOCKING = ("critical", "serious")
CUSTOMER = "customer@aftercare.demo"

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
Category = get_model("catalogue", "Category")
ShippingEventType = get_model("order", "ShippingEventType")
EventHandler = get_class("order.processing", "EventHandler")


def first_url(queryset) -> str:
    return queryset.order_by("pk").first().get_absolute_url()


def visitor_pages(lang: str) -> dict[str, str]:
    from appliances.models import ApplianceModel
    from catalog.bymodel.selectors import offers_for
    from cms.models import GuidePage, ManualPage

    model = ApplianceModel.objects.filter(is_active=True).order_by("pk").first()
    air_conditioner = ApplianceModel.objects.filter(
        category="air_conditioner", is_active=True
    ).first()
    browsable = Product.objects.browsable()
    with translation.override(lang):
        pages = {
            "home": f"/{lang}/",
            "service promise": f"/{lang}/service-promise/",
            "QR landing": f"/q/{model.public_code}",
            "manuals": f"/{lang}/manuals/",
            "manual": ManualPage.objects.live().filter(locale__language_code=lang).first().url,
            "guides": f"/{lang}/guides/",
            "guide": GuidePage.objects.live().filter(locale__language_code=lang).first().url,
            "site search": f"/{lang}/search/?q=" + ("滤芯" if lang == "zh-hans" else "filter"),
            "site search, nothing found": f"/{lang}/search/?q=zeppelin",
            "catalogue": reverse("catalogue:index"),
            "category": Category.objects.get(code="deep-cleaning").get_absolute_url(),
            "consumable": first_url(browsable.filter(product_class__slug="consumable")),
            "cleaning visit": offers_for(air_conditioner).cleaning[0].get_absolute_url(),
            "warranty plan": first_url(browsable.filter(product_class__slug="extended-warranty")),
            "shop search": reverse("search:search") + "?q=filter",
            "shop by model": reverse("appliances:index"),
            "everything for a model": reverse(
                "appliances:model", kwargs={"model_number": model.model_number}
            ),
            "basket, empty": reverse("basket:summary"),
            "sign in": reverse("customer:login"),
            "register": reverse("customer:register"),
            "password reset": reverse("password-reset"),
            "progress lookup": reverse("feedback:track"),
            "director's mailbox": reverse("feedback:mailbox"),
            "open a request as a guest": reverse("aftersales:service-new"),
            "rating (signed link)": rating_link(unrated_finished_job(), language=lang),
            "page not found": f"/{lang}/no-such-page/",
        }
    return pages


def unrated_finished_job():
    from aftersales.models import ServiceRequest

    return (
        ServiceRequest.objects.filter(
            status__in=[ServiceRequest.Status.DONE, ServiceRequest.Status.CONFIRMED],
            rating__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def customer_pages(lang: str, user) -> dict[str, str]:
    """The account's pages, with a device, a plan, a booking and a shop order to list."""
    with translation.override(lang):
        pages = {
            "my devices": reverse("aftersales:devices"),
            "register a device": reverse("aftersales:register"),
            "my warranties": reverse("aftersales:warranties"),
            "my bookings": reverse("aftersales:bookings"),
            "my service requests": reverse("aftersales:service-requests"),
            "open a request": reverse("aftersales:service-new"),
            "open a request for my unit": reverse("aftersales:service-new")
            + f"?unit={RegisteredUnit.objects.filter(owner=user).first().pk}",
            "member centre": reverse("membership:centre"),
            "points history": reverse("membership:history"),
            "rewards": reverse("membership:rewards"),
            "account": reverse("customer:summary"),
            "profile": reverse("customer:profile-view"),
            "orders": reverse("customer:order-list"),
            "addresses": reverse("customer:address-list"),
            "new address (division picker)": reverse("customer:address-create"),
            "notifications": reverse("customer:notifications-inbox"),
            "my reward vouchers": reverse("membership:my-vouchers"),
            "my mailbox": reverse("feedback:my-messages"),
        }
    return pages


def give_the_customer_records(user) -> None:
    """A unit with a plan on it and a booked cleaning visit: the demo customer has none."""
    from aftersales.models import ServiceSlot
    from tests.factories.aftersales import make_booking, make_contract, make_unit

    model = ApplianceModel.objects.filter(category="air_conditioner", is_active=True).first()
    unit = make_unit(user, model)
    make_contract(unit)
    slot = ServiceSlot.objects.bookable(after=timezone.now()).order_by("date", "pk").first()
    make_booking(user, slot, unit=unit)


def shopping_pages(lang: str, client) -> list[tuple[str, object]]:
    """Checkout from a full basket to a delivered order and a return; each step's setup is
    done by `client`, whose session the browser shares, just before the page is read."""
    from tests.factories.shop import add_to_basket, pay, place_order, ship_to_china

    part = Product.objects.browsable().filter(product_class__slug="consumable").order_by("pk")[0]
    state = {}

    def at(name, **kwargs):
        return lambda: _reverse(lang, name, **kwargs)

    def basket():
        assert add_to_basket(client, part).status_code == 302
        return _reverse(lang, "basket:summary")

    def shipped():
        ship_to_china(client)
        return _reverse(lang, "checkout:preview")

    def paying():
        response = place_order(client)
        assert response.status_code == 302, response.content[:300]
        state["pay"] = response["Location"]
        return response["Location"]

    def thank_you():
        pay(client)
        return _reverse(lang, "checkout:thank-you")

    def order():
        placed = Order.objects.filter(lines__product=part).order_by("-pk").first()
        state["line"] = deliver_everything(placed)
        state["order"] = _reverse(lang, "customer:order", order_number=placed.number)
        return state["order"]

    def start_return():
        return _reverse(lang, "returns:start", line_id=state["line"].pk)

    def return_sent():
        line = state["line"]
        url = _reverse(lang, "returns:start", line_id=line.pk)
        response = client.post(url, {"kind": "return", "quantity": 1, "unopened": "on"})
        assert response.status_code == 302, response.content[:300]
        return response["Location"]

    return [
        ("basket with a part", basket),
        ("checkout: shipping address (division picker)", at("checkout:shipping-address")),
        ("checkout: preview with the invoice section", shipped),
        ("checkout: card page", paying),
        ("checkout: thank you", thank_you),
        ("an order, delivered", order),
        ("returns: start a return", start_return),
        ("returns: the return sent", return_sent),
        ("the order with its return", lambda: state["order"]),
        ("addresses, one saved", at("customer:address-list")),
    ]


def deliver_everything(order):
    """Staff's "Delivered" event for the order's line, yesterday: returns are open."""
    line = order.lines.get()
    event_type, _created = ShippingEventType.objects.get_or_create(
        code="delivered", defaults={"name": "Delivered"}
    )
    event = EventHandler().handle_shipping_event(
        order, event_type, [line], [line.quantity], reference="SF1234567890"
    )
    order.shipping_events.filter(pk=event.pk).update(
        date_created=timezone.now() - datetime.timedelta(days=1)
    )
    return line


def _reverse(lang: str, name: str, **kwargs) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def findings(page) -> list[dict]:
    """axe-core's critical and serious violations on the page loaded in `page`."""
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "where": [node["target"] for node in violation["nodes"][:5]],
            "why": violation["nodes"][0]["failureSummary"].splitlines()[-1].strip(),
        }
        for violation in result["violations"]
        if violation["impact"] in BLOCKING
    ]


def walk(browser, live_server, pages, cookies=()) -> dict[str, list]:
    """axe's findings on each of `pages` (name → path, or → a callable giving the path)."""
    # The policy forbids inline scripts; axe is put in by Playwright, not by the site.
    context = browser.new_context(viewport=PHONE, is_mobile=True, bypass_csp=True)
    context.add_cookies(list(cookies))
    page = context.new_page()
    found = {}
    try:
        for name, path in pages.items() if isinstance(pages, dict) else pages:
            if callable(path):
                path = path()
            response = page.goto(live_server.url + path)
            assert response is not None and response.status < 500, (name, path)
            if name != "page not found":
                assert response.status == 200, (name, path, response.status)
            problems = findings(page)
            if problems:
                found[f"{name} {path}"] = problems
    finally:
        context.close()
    return found


def report(found: dict[str, list]) -> str:
    lines = []
    for where, problems in found.items():
        lines.append(where)
        for problem in problems:
            lines.append(
                f"  {problem['impact']} {problem['rule']}: {problem['help']} {problem['where']}"
                f" ({problem['why']})"
            )
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_no_critical_or_serious_finding_on_any_customer_page(browser, live_server, lang):
    user = get_user_model().objects.get(email=CUSTOMER)
    give_the_customer_records(user)
    visitor = visitor_pages(lang)
    customer = customer_pages(lang, user)
    client = Client()
    client.force_login(user)
    shopping = shopping_pages(lang, client)
    assert len(visitor) + len(customer) + len(shopping) >= 50
    found = walk(browser, live_server, visitor)
    signed_in = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }
    found |= walk(browser, live_server, customer, [signed_in])
    found |= walk(browser, live_server, shopping, [signed_in])
    assert not found, "axe-core found:\n" + report(found)


def test_axe_is_the_pinned_release():
    assert re.match(r"/\*! axe v4\.10\.3\b", AXE)
