"""A customer on a phone buys a plan and a cleaning visit and pays with the demo gateway.

Issue #5, acceptance 1, at 360 x 740 with touch: register a unit, buy a 2-year plan, pay,
download the certificate (its dates right); book a cleaning slot, pay, see the booking and
the slot one place fuller; a declined card leaves the basket as it was. Every page of the
walk fits the phone's width and labels each of its form controls.

The live server runs in this process on the same test database, so the tests read what
the walk wrote (units, contracts, slots, baskets) straight from the ORM.
"""

import datetime
import importlib
import re
import subprocess
import uuid

import pytest
from django.apps import apps
from django.utils import timezone, translation
from oscar.core.loading import get_model
from playwright.sync_api import expect

from aftersales.coverage import warranty_end
from aftersales.models import RegisteredUnit, ServiceBooking, ServiceSlot, WarrantyContract
from appliances.models import ApplianceModel
from catalog.bymodel.selectors import offers_for
from membership.models import Tier
from tests.factories.aftersales import make_unit
from tests.factories.shop import make_visit_address

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("membership_tiers")]

Product = get_model("catalogue", "Product")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

PHONE = {"width": 360, "height": 740}
PASSWORD = "a-Long-pass-phrase-42"
PAYS = "4242 4242 4242 4242"
DECLINED = "4000 0000 0000 0002"

BASKET_QUANTITY = "input[name^='form-'][name$='-quantity']"

# Every visible form control with no accessible name: no <label> with text, no aria-label,
# no aria-labelledby pointing at text, no title; a button with no text or value. Controls
# matching the `skip` selector are left out.
UNLABELLED_CONTROLS = """(skip) => {
    const text = (s) => (s || "").trim();
    const labelledBy = (el) => (el.getAttribute("aria-labelledby") || "").split(/\\s+/)
        .map((id) => document.getElementById(id)).some((ref) => ref && text(ref.textContent));
    const named = (el) => text(el.getAttribute("aria-label")) || labelledBy(el) || text(el.title);
    return Array.from(document.querySelectorAll("input, select, textarea, button"))
        .filter((el) => el.type !== "hidden" && el.getClientRects().length > 0)
        .filter((el) => !(skip && el.matches(skip)))
        .filter((el) => {
            if (el.tagName === "BUTTON" || ["submit", "button", "reset"].includes(el.type)) {
                return !(text(el.textContent) || text(el.value) || named(el));
            }
            const labels = Array.from(el.labels || []).some((l) => text(l.textContent));
            return !(labels || named(el));
        })
        .map((el) => el.outerHTML.slice(0, 160));
}"""


class PageChecks:
    """What each page of a walk must do on a phone, gathered so one run reports every page."""

    def __init__(self, shoot):
        self.shoot = shoot
        self.problems = []

    def __call__(self, page, name):
        self.shoot(page, name)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            self.problems.append(f"{name}: {page.url} scrolls sideways, {width}px wide")
        unlabelled = page.evaluate(UNLABELLED_CONTROLS, None)
        if unlabelled:
            self.problems.append(f"{name}: {page.url} has controls without a label: {unlabelled}")


def product_url(product, lang):
    with translation.override(lang):
        return product.get_absolute_url()


def air_conditioner_with_plans() -> ApplianceModel:
    """An AC on sale for a while (a purchase a month ago is valid) with a 2-year plan."""
    launched_before = timezone.localdate() - datetime.timedelta(days=60)
    for model in ApplianceModel.objects.filter(
        category="air_conditioner", is_active=True, launch_date__lte=launched_before
    ).order_by("pk"):
        if any(plan.term_years == 2 for plan in offers_for(model).plans):
            return model
    raise AssertionError("the demo has an air conditioner with a 2-year plan")


def plan_for(model, years):
    return next(plan for plan in offers_for(model).plans if plan.term_years == years)


def new_serial(model: ApplianceModel) -> str:
    """A serial of `model` no one has registered: the demo's patterns, a random tail."""
    tail = uuid.uuid4().hex.upper()
    for candidate in (f"KG2403{tail[:12]}", f"KL2403{tail[:12]}", tail[:16]):
        if model.serial_is_valid(candidate):
            return candidate
    raise AssertionError(f"no test serial fits {model.serial_pattern}")


def free_places_shown(page, slot) -> int:
    """The free places the product page's slot list shows for `slot`: its last number."""
    radio = page.locator(f"input[name=slot][value='{slot.pk}']")
    label = page.locator(f"label[for='{radio.get_attribute('id')}']").inner_text()
    return int(re.findall(r"\d+", label)[-1])


@pytest.fixture
def membership_tiers(demo_transactional):
    """The tiers a migration seeds: registering a unit awards points in the entry tier.

    A transactional test empties every table when it ends and load_demo does not seed
    tiers, so after one (or after each of these walks) there would be none.
    """
    if not Tier.objects.exists():
        seed = importlib.import_module("membership.migrations.0003_seed_tiers")
        seed.seed_tiers(apps, None)


@pytest.fixture
def phone(browser):
    """A 360 x 740 touch screen; JavaScript errors on any page fail the test."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.fixture
def check_page(shoot):
    """Call on each page of the walk; the walk ends with `assert check_page.problems == []`."""
    return PageChecks(shoot)


@pytest.fixture
def customer(django_user_model):
    return django_user_model.objects.create_user(
        username=f"walker-{uuid.uuid4().hex[:8]}",
        email=f"walker-{uuid.uuid4().hex[:8]}@example.com",
        password=PASSWORD,
        first_name="小明",
        last_name="王",
    )


def submit(page, button):
    """Tap `button` and wait for the page the form leads to."""
    with page.expect_navigation():
        button.tap()


def add_plan(page, live_server, lang, plan, unit, check_page, step):
    page.goto(live_server.url + product_url(plan, lang))
    page.locator("#id_unit").select_option(str(unit.pk))
    check_page(page, step)
    submit(page, page.locator("#add_to_basket_form [type=submit]"))


def sign_in(page, live_server, customer, lang):
    page.set_extra_http_headers({"Accept-Language": lang})
    page.goto(f"{live_server.url}/{lang}/shop/accounts/login/")
    page.fill("#id_login-username", customer.email)
    page.fill("#id_login-password", PASSWORD)
    page.locator("button[name=login_submit]").tap()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def checkout_and_pay(page, live_server, lang, check_page, card, step):
    """From the basket through the preview to the demo gateway, paying with `card`."""
    page.goto(f"{live_server.url}/{lang}/shop/basket/")
    check_page(page, f"{step}-basket")
    page.locator("#content_inner a[href$='/shop/checkout/']").first.tap()
    page.wait_for_url(re.compile(rf"/{lang}/shop/checkout/preview/"))
    check_page(page, f"{step}-preview")
    page.locator("#place-order").tap()
    page.wait_for_url(re.compile(r"/shop/checkout/pay/[0-9a-f-]+/"))
    check_page(page, f"{step}-pay")
    page.fill("#id_card_number", card)
    submit(page, page.locator("#pay-now"))


class TestACustomerBuyingATwoYearPlanOnAPhone:
    def test_registers_the_unit_pays_and_downloads_a_certificate_with_its_dates(
        self, live_server, phone, check_page, customer, tmp_path
    ):
        page = phone
        model = air_conditioner_with_plans()
        serial = new_serial(model)
        purchase = timezone.localdate() - datetime.timedelta(days=30)
        sign_in(page, live_server, customer, "zh-hans")

        page.goto(f"{live_server.url}/zh-hans/devices/register/?model={model.public_code}")
        page.fill("#id_serial", serial)
        page.fill("#id_purchase_date", purchase.isoformat())
        check_page(page, "plan-1-register")
        page.locator("form.register-unit__form [type=submit]").tap()
        page.wait_for_url(re.compile(r"/zh-hans/devices/$"))
        check_page(page, "plan-2-my-devices")
        unit = RegisteredUnit.objects.get(serial=serial, owner=customer)
        assert page.locator(".device__serial").first.inner_text() == serial

        add_plan(page, live_server, "zh-hans", plan_for(model, 2), unit, check_page, "plan-3")

        checkout_and_pay(page, live_server, "zh-hans", check_page, PAYS, "plan-4")
        page.wait_for_url(re.compile(r"/zh-hans/shop/checkout/thank-you/"))
        order = Order.objects.get(user=customer)
        assert order.number in page.content()
        check_page(page, "plan-5-thank-you")

        contract = WarrantyContract.objects.get(unit=unit)
        starts = unit.base_warranty_end + datetime.timedelta(days=1)
        ends = warranty_end(starts, 24)
        assert (contract.starts_on, contract.ends_on, contract.term_months) == (starts, ends, 24)
        page.goto(f"{live_server.url}/zh-hans/devices/warranties/")
        card = page.locator(f"#contract-{contract.number}")
        cover = card.locator(".contract__cover")
        assert cover.get_attribute("data-starts") == starts.isoformat()
        assert cover.get_attribute("data-ends") == ends.isoformat()
        check_page(page, "plan-6-my-warranties")

        with page.expect_download() as download:
            card.locator("a[href$='/certificate.pdf']").tap()
        pdf = tmp_path / "certificate.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode()
        flat = " ".join(text.split())
        assert contract.number in flat
        assert serial in flat
        assert f"{starts.isoformat()} – {ends.isoformat()}" in flat, flat
        assert check_page.problems == []


class TestACustomerBookingACleaningVisitOnAPhone:
    def test_pays_sees_the_booking_and_the_slot_has_one_place_fewer(
        self, live_server, phone, check_page, customer
    ):
        page = phone
        model = air_conditioner_with_plans()
        cleaning = offers_for(model).cleaning[0]
        after = timezone.now() + datetime.timedelta(days=3)
        # A saved address in Pudong: the form offers the Pudong team's windows.
        make_visit_address(customer, district_code="310115")
        pudong = ServiceSlot.objects.bookable(after=after).filter(
            area__districts__district_code="310115"
        )
        slot = next(s for s in pudong if s.free >= 2)
        booked_before = slot.booked
        sign_in(page, live_server, customer, "zh-hans")

        page.goto(live_server.url + product_url(cleaning, "zh-hans"))
        shown_before = free_places_shown(page, slot)
        assert shown_before == slot.free
        page.locator(f"input[name=slot][value='{slot.pk}']").check()
        check_page(page, "visit-1-product")
        submit(page, page.locator("#add_to_basket_form [type=submit]:not([name])"))

        checkout_and_pay(page, live_server, "zh-hans", check_page, PAYS, "visit-2")
        page.wait_for_url(re.compile(r"/zh-hans/shop/checkout/thank-you/"))
        assert Order.objects.get(user=customer).number in page.content()
        check_page(page, "visit-3-thank-you")

        booking = ServiceBooking.objects.get(customer=customer)
        assert booking.slot_id == slot.pk
        slot.refresh_from_db()
        assert slot.booked == booked_before + 1

        page.goto(f"{live_server.url}/zh-hans/devices/bookings/")
        listed = page.locator(f"#booking-{booking.number}")
        assert listed.locator(".booking__number").inner_text() == booking.number
        when = listed.locator(".visit-when")
        assert when.get_attribute("data-date") == slot.date.isoformat()
        assert when.get_attribute("data-starts") == f"{slot.starts_at:%H:%M}"
        check_page(page, "visit-4-my-bookings")

        page.goto(live_server.url + product_url(cleaning, "zh-hans"))
        assert free_places_shown(page, slot) == shown_before - 1
        assert check_page.problems == []


class TestADeclinedCardOnAPhone:
    def test_says_so_and_leaves_the_basket_as_it_was(
        self, live_server, phone, check_page, customer
    ):
        page = phone
        model = air_conditioner_with_plans()
        unit = make_unit(customer, model, serial=new_serial(model))
        plan = plan_for(model, 2)
        sign_in(page, live_server, customer, "en")

        add_plan(page, live_server, "en", plan, unit, check_page, "decline-1-product")

        checkout_and_pay(page, live_server, "en", check_page, DECLINED, "decline-2")
        page.wait_for_url(re.compile(r"/en/shop/checkout/preview/"))
        expect(page.locator(".alert", has_text="Your payment was declined")).to_be_visible()
        check_page(page, "decline-3-preview")

        page.goto(f"{live_server.url}/en/shop/basket/")
        with translation.override("en"):
            english_title = plan.title  # the title an English page shows (modeltranslation)
        assert english_title in page.content()
        assert unit.serial in page.content()
        check_page(page, "decline-4-basket")
        basket = Basket.open.get(owner=customer)
        assert [line.product_id for line in basket.all_lines()] == [plan.pk]
        assert not Order.objects.filter(user=customer).exists()
        assert not WarrantyContract.objects.filter(unit=unit).exists()
        assert check_page.problems == []


class TestTheBasketOnAPhone:
    def test_labels_the_quantity_of_goods_and_shows_none_for_a_plan(
        self, live_server, phone, check_page, customer
    ):
        page = phone
        model = air_conditioner_with_plans()
        unit = make_unit(customer, model, serial=new_serial(model))
        sign_in(page, live_server, customer, "zh-hans")
        add_plan(page, live_server, "zh-hans", plan_for(model, 2), unit, check_page, "basket-1")
        part = Product.objects.filter(
            product_class__slug="consumable", stockrecords__num_in_stock__gt=10
        ).first()
        page.goto(f"{live_server.url}{part.get_absolute_url()}")
        with page.expect_navigation():
            page.locator("#add_to_basket_form button[type=submit]").tap()

        page.goto(f"{live_server.url}/zh-hans/shop/basket/")
        visible = page.locator(f"{BASKET_QUANTITY}:visible")
        assert visible.count() == 1, "the part's quantity shows, the plan's does not"
        assert page.evaluate(UNLABELLED_CONTROLS, None) == []
        check_page(page, "basket-2")
        assert check_page.problems == []
