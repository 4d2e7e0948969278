"""On a phone: a demo member signs in, reads the member centre, and pages back through history."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_transactional")]


def assert_fits_a_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_gold_member_reads_balance_progress_and_history_at_360px(live_server, phone, shoot, lang):
    page = phone
    page.goto(f"{live_server.url}/{lang}/members/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("#id_login-username", "gold@aftercare.demo")
    page.fill("#id_login-password", "demo1234")
    page.locator("button[name=login_submit]").click()
    page.wait_for_url(f"{live_server.url}/{lang}/members/")

    balance = page.locator(".balance__number")
    assert int(re.sub(r"\D", "", balance.inner_text())) > 0
    assert page.locator(".tier-badge").get_attribute("data-tier") == "gold"
    assert page.locator("#tier-progress").get_attribute("value") not in (None, "0")
    assert page.locator(".balance__expiry").is_visible()
    assert page.locator(".tiers th[aria-current]").count() == 1
    assert_fits_a_phone(page)
    shoot(page, f"{lang}-members-1-centre")

    page.locator(".member-nav a").nth(1).click()
    page.wait_for_url(f"{live_server.url}/{lang}/members/history/")
    assert page.locator("tr.entry").count() > 10
    page.select_option("#id_kind", "expire")
    page.locator(".history-filter button[type=submit]").click()
    page.wait_for_url(re.compile(r"kind=expire"))
    kinds = page.locator("tr.entry")
    assert kinds.count() >= 1
    assert all(
        "entry--expire" in (kinds.nth(i).get_attribute("class") or "") for i in range(kinds.count())
    )
    assert_fits_a_phone(page)
    shoot(page, f"{lang}-members-2-history")
