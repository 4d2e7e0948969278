"""On a phone: ten wrong passwords pause signing in, and the page says so in the site's look."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_transactional")]


def sign_in(page, password):
    page.fill("#id_login-username", "customer@aftercare.demo")
    page.fill("#id_login-password", password)
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state()


def test_a_customer_who_mistypes_ten_times_is_told_to_wait_in_both_languages(
    live_server, phone, shoot
):
    page = phone
    page.goto(f"{live_server.url}/zh-hans/shop/accounts/login/")
    for _ in range(9):
        sign_in(page, "wrong-password")
        assert page.locator("#id_login-username").is_visible()
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        sign_in(page, "wrong-password")
    assert answer.value.status == 429
    assert page.locator("h1").inner_text() == "登录失败次数过多"
    assert page.locator(".site-header").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(page, "zh-hans-sign-in-locked")

    # The right password, now in English: still refused, in English.
    page.goto(f"{live_server.url}/en/shop/accounts/login/")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        sign_in(page, "demo1234")
    assert answer.value.status == 429
    assert page.locator("h1").inner_text() == "Too many failed sign-in attempts"
    page.locator(".error-page__actions a").first.click()
    page.wait_for_url(f"{live_server.url}/en/shop/password-reset/")
    shoot(page, "en-sign-in-locked-then-reset")
