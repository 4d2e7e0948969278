"""Acceptance 1 of issue #15: on a 360 px phone in Chinese, a Shanghai address chosen with the
province → city → district picker is offered only its area's windows, and a Beijing window
posted for it anyway is refused by the server."""

import datetime
import re

import pytest
from django.utils import timezone
from oscar.core.loading import get_model
from playwright.sync_api import expect

from aftersales.models import ServiceArea, ServiceAreaDistrict, ServiceSlot
from appliances.models import ApplianceModel
from catalog.bymodel.selectors import offers_for
from tests.browser import test_buying_services as walk

# The phone, the customer and the page checks of the shop walks.
phone = walk.phone
customer = walk.customer
check_page = walk.check_page
membership_tiers = walk.membership_tiers
product_url, sign_in, submit = walk.product_url, walk.sign_in, walk.submit

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("membership_tiers")]

Basket = get_model("basket", "Basket")
UserAddress = get_model("address", "UserAddress")

PUDONG = "310115"


def a_cleaning_visit():
    model = ApplianceModel.objects.filter(category="air_conditioner", is_active=True).first()
    return offers_for(model).cleaning[0]


class TestAShanghaiAddressChosenWithThePicker:
    def test_gets_only_shanghai_windows_and_a_posted_beijing_window_is_refused(
        self, live_server, phone, check_page, customer
    ):
        page = phone
        cleaning = a_cleaning_visit()
        pudong = ServiceAreaDistrict.objects.get(district_code=PUDONG).area
        beijing = ServiceArea.objects.get(districts__district_code="110105")
        now = timezone.now()
        pudong_windows = {
            str(slot.pk) for slot in ServiceSlot.objects.bookable(after=now).filter(area=pudong)
        }
        beijing_slot = ServiceSlot.objects.bookable(after=now + datetime.timedelta(days=2)).filter(
            area=beijing
        )[0]
        sign_in(page, live_server, customer, "zh-hans")

        page.goto(live_server.url + product_url(cleaning, "zh-hans"))
        # No saved address yet: a new one, and no times until it is chosen.
        assert page.locator("input[name=address][value=new]").is_checked()
        assert page.locator("input[name=slot]").count() == 0
        page.fill("#id_consignee", "王小明")
        page.fill("#id_mobile", "138 0013 8000")
        page.fill("#id_street", "世纪大道100号 8楼")
        page.select_option("#id_province", "31")
        # divisions.js fills the city (one for a municipality, chosen at once) and its districts.
        page.locator(f"#id_district option[value='{PUDONG}']").wait_for(state="attached")
        assert page.locator("#id_city").input_value() == "3101"
        check_page(page, "visit-address-1-picker")
        with page.expect_navigation():
            page.select_option("#id_district", PUDONG)  # visit.js asks for the times at once
        page.wait_for_url(re.compile(r"#visit-when$"))

        offered = set(page.locator("input[name=slot]").evaluate_all("els => els.map(e => e.value)"))
        assert offered and offered <= pudong_windows
        assert str(beijing_slot.pk) not in offered
        assert "上海浦东新区" in page.locator("#visit-when").inner_text()
        assert page.locator("#id_district").input_value() == PUDONG
        assert page.locator("#id_consignee").input_value() == "王小明"
        check_page(page, "visit-address-2-windows")

        # A window of Beijing posted for this Shanghai address: the server says no.
        first = page.locator("input[name=slot]").first
        first.evaluate("(el, pk) => { el.value = pk; el.checked = true; }", str(beijing_slot.pk))
        booked_before = beijing_slot.booked
        submit(page, page.locator("#add_to_basket_form button[type=submit]:not([name])"))
        assert "该时间不对此地址所在区域开放" in page.content()
        basket = Basket.open.filter(owner=customer).first()
        assert basket is None or basket.num_lines == 0
        beijing_slot.refresh_from_db()
        assert beijing_slot.booked == booked_before
        assert not UserAddress.objects.filter(user=customer).exists()
        check_page(page, "visit-address-3-refused")

        # A Pudong window goes in, and the address joins the address book.
        page.locator("input[name=slot]").first.check()
        submit(page, page.locator("#add_to_basket_form button[type=submit]:not([name])"))
        assert Basket.open.get(owner=customer).num_lines == 1
        assert UserAddress.objects.get(user=customer).district_code == PUDONG
        assert check_page.problems == []


class TestThePickerWhenTwoAnswersCross:
    def test_a_late_answer_for_a_list_chosen_again_is_dropped_not_appended(
        self, live_server, phone, check_page, customer
    ):
        """Choosing the province picks Shanghai's one city and asks for its districts; choosing
        the city again before that answer arrives asks a second time. The first answer, held
        back here until the second has filled the list, must not be added to it."""
        page = phone
        sign_in(page, live_server, customer, "zh-hans")
        page.goto(live_server.url + product_url(a_cleaning_visit(), "zh-hans"))
        held = []

        def hold_the_first_districts_answer(route):
            if "parent=3101" in route.request.url and not held:
                held.append(route)
            else:
                route.continue_()

        page.route(lambda url: "/shop/divisions/" in url, hold_the_first_districts_answer)
        page.select_option("#id_province", "31")
        # A locator's assertion, not wait_for_function: the page's CSP forbids eval.
        expect(page.locator("#id_city")).to_have_value("3101")
        assert len(held) == 1
        page.select_option("#id_city", "3101")
        page.locator(f"#id_district option[value='{PUDONG}']").wait_for(state="attached")

        with page.expect_response(lambda response: "parent=3101" in response.url):
            held[0].continue_()
        page.wait_for_timeout(300)  # the late answer's promise chain has run by now

        codes = page.locator("#id_district option").evaluate_all("els => els.map(e => e.value)")
        assert len(codes) == len(set(codes)), "a district listed twice"
        assert codes.count(PUDONG) == 1
        assert page.locator("#id_district").get_attribute("aria-busy") is None
        assert check_page.problems == []
