"""On a phone: from the catalogue to everything for one model, then to a part that fits it."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_transactional")]

AC_NUMBER = "KFR-35GW/BP3DN8Y-PH200(B3)"


def assert_fits_a_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_catalogue_to_a_model_to_a_part_at_360px(live_server, phone, shoot, lang):
    page = phone
    page.goto(f"{live_server.url}/{lang}/shop/catalogue/")
    page.locator(".shop-ways__link--models").click()
    page.wait_for_url(re.compile(rf"/{lang}/shop/for/$"))
    assert_fits_a_phone(page)
    shoot(page, f"{lang}-model-1-index")

    page.select_option("#model-picker", AC_NUMBER)
    page.locator(".model-picker__button").click()
    page.wait_for_url(f"{live_server.url}/{lang}/shop/for/{AC_NUMBER}/")
    assert page.locator("#plans .offer").count() == 3
    assert "¥" in page.locator("#consumables").inner_text()
    assert_fits_a_phone(page)
    shoot(page, f"{lang}-model-2-everything")

    page.locator("#consumables .offer__title").first.click()
    page.wait_for_selector("#add_to_basket_form")
    fits = page.locator(".product-fits")
    assert AC_NUMBER in fits.inner_text()
    assert_fits_a_phone(page)
    shoot(page, f"{lang}-model-3-part")


def test_the_picker_works_without_javascript(live_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/shop/for/")
    page.select_option("#model-picker", AC_NUMBER)
    page.locator(".model-picker__button").click()
    page.wait_for_url(f"{live_server.url}/en/shop/for/{AC_NUMBER}/")
    context.close()
