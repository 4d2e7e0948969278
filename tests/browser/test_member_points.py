"""A member on a phone sees their points, redeems a gift and pays part of an order with points.

Issue #6, acceptance 6, at 360 x 740 with touch: the member signs in, sees the balance, its
worth in yuan and how far the next tier is; redeems the filter gift for a voucher code, puts
the filter (free with the code) and a 2-year plan in the basket, pays part of the order with
points and the rest with the demo gateway; the member centre's balance and the history then
show the gift, the points spent on the order and the points the money earned. Every page of
the walk fits the phone's width and labels each of its form controls.

Expected texts are rendered with the site's own message catalogue and number formats
(`in_language`), so the test checks the numbers without copying the translations.
"""

import re
from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone, translation
from django.utils.translation import ngettext
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from membership import points
from membership.models import LedgerEntry, Reward, RewardRedemption, Tier
from membership.rules import points_for_payment, tier_for
from membership.services import ensure_profile
from tests.browser import test_buying_services as buying
from tests.browser.test_buying_services import (
    add_plan,
    air_conditioner_with_plans,
    new_serial,
    plan_for,
    sign_in,
    submit,
)
from tests.factories.aftersales import make_unit

# The buying walk's phone (360 x 740, touch), page checks, customer and tiers, bound here
# by name so that pytest finds them for this module's tests too.
phone = buying.phone
check_page = buying.check_page
customer = buying.customer
membership_tiers = buying.membership_tiers

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("membership_tiers")]

Order = get_model("order", "Order")

PAYS = "4242 4242 4242 4242"
GIFT = "pp-filter-gift"
# With the 200 points for registering the unit, 5,000 earned: Silver, and Gold in sight.
STARTING_AWARD = 4800
POINTS_AT_CHECKOUT = 2000
SHIPPING_ADDRESS = {
    "#id_consignee": "王小明",
    "#id_mobile": "13800138000",
    "#id_street": "世纪大道100号 8楼",
}
# Province → city → district, each list filled by static/js/divisions.js once the one above
# is chosen: 上海市 › 上海市 › 浦东新区.
SHIPPING_PLACE = {"#id_province": "31", "#id_city": "3101", "#id_district": "310115"}


def in_language(lang, render):
    with translation.override(lang):
        return render()


def number(n, lang):
    return in_language(lang, lambda: str(intcomma(n)))


def yuan(amount, lang):
    return in_language(lang, lambda: currency(Decimal(amount), "CNY"))


def to_next_tier(earned, lang) -> str:
    """The centre's "N more points to <tier>" for `earned` points in 12 months."""
    ladder = list(Tier.objects.order_by("rank"))
    tier = tier_for(earned, ladder)
    above = next(rung for rung in ladder if rung.rank > tier.rank)
    left = above.threshold - earned

    def render():
        return ngettext(
            "%(points)s more point to %(tier)s", "%(points)s more points to %(tier)s", left
        ) % {"points": intcomma(left), "tier": above.display_name}

    return in_language(lang, render)


def text_of(page, selector) -> str:
    return " ".join(page.locator(selector).first.inner_text().split())


def balance_shown(page) -> int:
    return int(page.locator(".balance__number").get_attribute("data-balance"))


def history_rows(page) -> list[int]:
    ids = page.locator(".entries tbody tr.entry").evaluate_all("rows => rows.map(r => r.id)")
    return [int(row_id.removeprefix("entry-")) for row_id in ids]


def row_points(page, entry) -> str:
    return page.locator(f"#entry-{entry.pk} .entry__points").inner_text().strip()


def expect_points_of(entry, lang) -> str:
    sign = "+" if entry.points > 0 else ""
    return f"{sign}{number(entry.points, lang)}"


@pytest.fixture
def unit(customer):
    """An air conditioner of the customer's with a 2-year plan on sale; it earns 200 points."""
    model = air_conditioner_with_plans()
    return make_unit(customer, model, serial=new_serial(model))


@pytest.fixture
def member(customer, unit):
    """`customer` with 5,000 points earned in all: Silver, with Gold in sight."""
    profile = ensure_profile(user=customer)
    points.award(
        member=profile,
        points=STARTING_AWARD,
        source_key=f"test:member-points:{customer.pk}",
        reason="Welcome points for the browser test",
    )
    return profile


class TestAMemberSpendingPointsOnAPhone:
    def test_redeems_a_gift_pays_part_of_an_order_and_sees_balance_and_history_follow(
        self, live_server, phone, check_page, customer, member, unit
    ):
        page, lang = phone, "zh-hans"
        start = points.balance_of(user=customer)
        earned = points.points_earned(member_id=member.pk, today=timezone.localdate())
        assert earned == 5000, "the fixture's unit and award"
        sign_in(page, live_server, customer, lang)

        # The member centre: balance, its worth, the tier and the way to the next one.
        page.goto(f"{live_server.url}/{lang}/members/")
        assert balance_shown(page) == start
        assert text_of(page, ".balance__number") == number(start, lang)
        assert yuan(start / 100, lang) in text_of(page, ".balance__value")
        silver = Tier.objects.get(code="silver")
        gold = Tier.objects.get(code="gold")
        assert page.locator(".tier-badge").get_attribute("data-tier") == "silver"
        assert text_of(page, ".standing__next") == to_next_tier(earned, lang)
        progress = (earned - silver.threshold) * 100 // (gold.threshold - silver.threshold)
        assert page.locator("#tier-progress").get_attribute("value") == str(progress)
        check_page(page, "points-1-centre")

        # The rewards catalogue, the gift, and its voucher code.
        page.locator(".balance a.btn-primary").tap()
        page.wait_for_url(re.compile(rf"/{lang}/members/rewards/$"))
        assert page.locator(".rewards__balance [data-balance]").get_attribute(
            "data-balance"
        ) == str(start)
        check_page(page, "points-2-rewards")
        gift = Reward.objects.get(slug=GIFT)
        page.locator(f"#reward-{GIFT} .actions a").tap()
        page.wait_for_url(re.compile(rf"/{lang}/members/rewards/{GIFT}/$"))
        check_page(page, "points-3-gift")
        submit(page, page.locator(".reward__confirm button[type=submit]"))
        redemption = RewardRedemption.objects.select_related("voucher", "ledger_entry").get(
            member=member
        )
        code = redemption.voucher.code
        assert page.url.endswith(f"/{lang}/members/rewards/vouchers/#voucher-{code}")
        assert code in text_of(page, ".alert-success")
        card = page.locator(f"#voucher-{code}")
        assert card.locator(".voucher__code").inner_text() == code
        assert redemption.ledger_entry.points == -gift.points_cost
        check_page(page, "points-4-my-vouchers")

        # The basket: a plan for the unit, and the filter the voucher makes free.
        plan = plan_for(unit.appliance_model, 2)
        add_plan(page, live_server, lang, plan, unit, check_page, "points-5-plan")
        with translation.override(lang):
            filter_url = gift.product.get_absolute_url()
        page.goto(live_server.url + filter_url)
        submit(page, page.locator("#add_to_basket_form button[type=submit]"))
        page.goto(f"{live_server.url}/{lang}/members/rewards/vouchers/")
        submit(page, card.locator("a[href$='/shop/basket/#voucher']"))
        page.fill("#id_code", code)
        check_page(page, "points-6-basket-voucher")
        submit(page, page.locator("#voucher_form button[type=submit]"))
        assert code in page.locator("#basket_totals").inner_text()
        check_page(page, "points-7-basket")

        # Checkout: the filter ships, then the preview takes points beside the card.
        page.locator("#content_inner a[href$='/shop/checkout/']").first.tap()
        page.wait_for_url(re.compile(rf"/{lang}/shop/checkout/shipping-address/"))
        for field, value in SHIPPING_ADDRESS.items():
            page.fill(field, value)
        for field, value in SHIPPING_PLACE.items():
            page.locator(f"{field} option[value='{value}']").wait_for(state="attached")
            page.select_option(field, value)
        check_page(page, "points-8-address")
        submit(page, page.locator("#new_shipping_address button[type=submit]"))
        page.wait_for_url(re.compile(rf"/{lang}/shop/checkout/preview/"))
        check_page(page, "points-9-preview")
        page.fill("#id_points", str(POINTS_AT_CHECKOUT))
        submit(page, page.locator("#use-points"))
        summary = text_of(page, "#points-summary")
        assert number(POINTS_AT_CHECKOUT, lang) in summary
        assert yuan(POINTS_AT_CHECKOUT / 100, lang) in summary
        check_page(page, "points-10-preview-with-points")
        place_order = text_of(page, "#place-order")
        page.locator("#place-order").tap()
        page.wait_for_url(re.compile(r"/shop/checkout/pay/[0-9a-f-]+/"))
        check_page(page, "points-11-pay")
        page.fill("#id_card_number", PAYS)
        submit(page, page.locator("#pay-now"))
        page.wait_for_url(re.compile(rf"/{lang}/shop/checkout/thank-you/"))
        order = Order.objects.get(user=customer)
        assert order.number in page.content()
        check_page(page, "points-12-thank-you")

        # What the order took and gave: the card paid the rest, and earned at Silver's rate.
        card_paid = order.total_incl_tax - Decimal(POINTS_AT_CHECKOUT) / 100
        assert yuan(card_paid, lang) in summary
        assert yuan(card_paid, lang) in place_order
        filter_line = order.lines.get(product=gift.product)
        voucher_discount = order.discounts.get(voucher_code=code)
        assert voucher_discount.amount == filter_line.line_price_before_discounts_incl_tax
        spent = LedgerEntry.objects.get(source_key=f"order:{order.number}:redeem")
        earn = LedgerEntry.objects.get(source_key=f"order:{order.number}:earn")
        assert spent.points == -POINTS_AT_CHECKOUT
        assert earn.points == points_for_payment(card_paid, silver.multiplier)

        # The member centre and the history follow.
        after = start - gift.points_cost - POINTS_AT_CHECKOUT + earn.points
        assert points.balance_of(user=customer) == after
        page.goto(f"{live_server.url}/{lang}/members/")
        assert balance_shown(page) == after
        assert text_of(page, ".balance__number") == number(after, lang)
        assert text_of(page, ".standing__next") == to_next_tier(earned + earn.points, lang)
        check_page(page, "points-13-centre-after")

        page.goto(f"{live_server.url}/{lang}/members/history/")
        newest = [earn, spent, redemption.ledger_entry]
        assert history_rows(page)[:3] == [entry.pk for entry in newest]
        for entry in newest:
            assert row_points(page, entry) == expect_points_of(entry, lang)
        with translation.override(lang):
            reasons = [entry.reason_display for entry in newest]
        shown = [text_of(page, f"#entry-{entry.pk} .entry__reason") for entry in newest]
        assert shown == reasons
        assert reasons[2].startswith(gift.title)
        assert page.locator(f"#entry-{earn.pk} .entry__balance").inner_text().strip() == number(
            after, lang
        )
        check_page(page, "points-14-history")

        page.locator("#id_kind").select_option("redeem")
        submit(page, page.locator(".history-filter button[type=submit]"))
        assert history_rows(page) == [spent.pk, redemption.ledger_entry.pk]
        check_page(page, "points-15-history-spent")
        assert check_page.problems == []


class TestTheMemberCentreInEnglishOnAPhone:
    def test_shows_the_balance_its_worth_and_the_way_to_gold(
        self, live_server, phone, check_page, customer, member
    ):
        page, lang = phone, "en"
        balance = points.balance_of(user=customer)
        sign_in(page, live_server, customer, lang)

        page.goto(f"{live_server.url}/{lang}/members/")
        assert balance_shown(page) == balance
        assert text_of(page, ".balance__points") == f"{number(balance, lang)} points"
        assert yuan(balance / 100, lang) in text_of(page, ".balance__value")
        assert text_of(page, ".standing__next") == to_next_tier(5000, lang)
        assert text_of(page, ".standing__next") == "3,000 more points to Gold"
        assert text_of(page, ".tier-badge") == "Silver"
        check_page(page, "points-en-1-centre")

        page.locator(".member-nav a[href$='/members/history/']").tap()
        page.wait_for_url(re.compile(rf"/{lang}/members/history/$"))
        assert len(history_rows(page)) == 2, "the unit's points and the award"
        check_page(page, "points-en-2-history")
        assert check_page.problems == []
