"""A customer on a phone walks from the home page to a filled basket, in both languages."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_transactional")]

WORDS = {
    "zh-hans": {"basket": "购物车", "lang": "zh-hans"},
    # Oscar ships an en_US catalogue that says "Cart"; Python's gettext picks it for "en".
    "en": {"basket": "Cart", "lang": "en"},
}


def assert_fits_a_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_home_to_basket_at_360px(live_server, phone, shoot, lang):
    page = phone
    page.set_extra_http_headers({"Accept-Language": lang})

    page.goto(live_server.url + "/")
    assert page.url == f"{live_server.url}/{lang}/"
    assert page.locator("html").get_attribute("lang") == WORDS[lang]["lang"]
    assert_fits_a_phone(page)
    shoot(page, f"{lang}-1-home")

    page.locator('header a[href$="/shop/catalogue/"]').first.click()
    page.wait_for_url(re.compile(rf"/{lang}/shop/catalogue/"))
    assert "¥" in page.content()
    assert_fits_a_phone(page)
    shoot(page, f"{lang}-2-catalogue")

    # A consumable that is in stock: the first product card with an add-to-basket button.
    card = page.locator("article.product_pod").filter(has=page.locator("form")).first
    title = (
        card.locator("h3 a").first.get_attribute("title") or card.locator("h3 a").first.inner_text()
    )
    card.locator("h3 a").first.click()
    page.wait_for_selector("#add_to_basket_form")
    assert_fits_a_phone(page)
    shoot(page, f"{lang}-3-product")

    page.locator("#add_to_basket_form [type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/{lang}/shop/basket/")
    assert WORDS[lang]["basket"] in page.content()
    assert title.strip()[:10] in page.content()
    assert_fits_a_phone(page)
    shoot(page, f"{lang}-4-basket")


def test_the_language_switcher_works_without_javascript(live_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/zh-hans/shop/catalogue/")
    page.locator('.lang-switch a[hreflang="en"]').first.click()
    page.wait_for_url(f"{live_server.url}/en/shop/catalogue/")
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()
