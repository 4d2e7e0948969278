"""The rewards catalogue: points buy a voucher that works in Oscar's basket, or nothing at all.

The catalogue (the `catalogue` fixture, on the demo's terms): a ¥39 cartridge for 1,500
points (50 a month), an air-conditioner cleaning for 8,000 (200 in all) and ¥20 off ¥100
for 2,000 (unlimited).
"""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from oscar.core.loading import get_class, get_model

from membership import tasks
from membership.models import (
    FreeCleaning,
    LedgerEntry,
    Reward,
    RewardRedemption,
)
from membership.rewards import rules, services
from tests.factories.catalog import make_cleaning, make_consumable
from tests.factories.membership import (
    balance,
    ensure_tiers,
    give,
    make_cleaning_voucher,
    make_coupon,
    make_gift,
    make_member,
    set_tier,
)
from tests.factories.races import needs_postgres, run_together

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

Basket = get_model("basket", "Basket")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Product = get_model("catalogue", "Product")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")
Applicator = get_class("offer.applicator", "Applicator")
Selector = get_class("partner.strategy", "Selector")
Repository = get_class("shipping.repository", "Repository")

FILTER_39, OTHER_FILTER, CLEANING_129 = "PP-10", "CT-T33", "SV-AC-SPLIT"
VOUCHER_ADD = "/zh-hans/shop/basket/vouchers/add/"


@pytest.fixture
def catalogue():
    """Three rewards and the products they are used on, found by UPC in the basket."""
    products = {
        FILTER_39: make_consumable(price=Decimal("39.00"), stock=300),
        OTHER_FILTER: make_consumable(price=Decimal("69.00"), stock=210),
        CLEANING_129: make_cleaning(price=Decimal("129.00")),
    }
    for upc, product in products.items():
        Product.objects.filter(pk=product.pk).update(upc=upc)
    make_gift(products[FILTER_39], slug="pp-filter-gift", display_order=10)
    make_cleaning_voucher([products[CLEANING_129]], slug="ac-cleaning-voucher", display_order=20)
    make_coupon(slug="coupon-20-off-100", display_order=30)


def en(name, **kwargs) -> str:
    """Our pages under /en/, where messages are compared in English."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def in_chinese(text, **values) -> str:
    """One of Oscar's basket messages as the /zh-hans/ basket shows it."""
    with translation.override("zh-hans"):
        return gettext(text) % values


def reward(slug) -> Reward:
    return Reward.objects.get(slug=slug)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def nothing_written():
    return (
        LedgerEntry.objects.filter(kind=LedgerEntry.Kind.REDEEM).count(),
        RewardRedemption.objects.count(),
        Voucher.objects.count(),
    )


@pytest.fixture
def member():
    member = make_member()
    give(member, 10_000)
    return member


@pytest.fixture
def shopper(client, member):
    client.force_login(member.user)
    return client


def basket_of(user, *lines) -> Basket:
    """The user's open basket, the one Oscar's middleware gives their requests."""
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy()
    for upc, quantity in lines:
        basket.add_product(Product.objects.get(upc=upc), quantity)
    return basket


def priced(basket) -> Basket:
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    Applicator().apply(basket, basket.owner)
    return basket


def add_voucher(client, code):
    return client.post(VOUCHER_ADD, {"code": code})


ADDED = "Voucher '%(code)s' added to basket"
NOT_QUALIFYING = "Your basket does not qualify for a voucher discount"


class TestRedeemingAGift:
    def test_takes_the_points_in_one_entry_and_issues_a_single_use_voucher(self, member, today):
        gift = reward("pp-filter-gift")
        redemption = services.redeem_reward(member=member, reward=gift, today=today)

        assert balance(member) == 10_000 - 1_500
        entry = redemption.ledger_entry
        assert entry.kind == LedgerEntry.Kind.REDEEM and entry.points == -1_500
        assert entry.source_key == f"reward:{redemption.uuid}"
        voucher = redemption.voucher
        assert voucher.usage == Voucher.SINGLE_USE
        assert timezone.localdate(voucher.end_datetime) == today + datetime.timedelta(days=90)
        assert list(voucher.offers.all()) == [reward("pp-filter-gift").offer]
        assert voucher.offers.get().offer_type == ConditionalOffer.VOUCHER

    def test_every_redemption_gets_its_own_voucher_on_the_rewards_one_offer(self, member, today):
        gift = reward("pp-filter-gift")
        first = services.redeem_reward(member=member, reward=gift, today=today)
        offers_before = ConditionalOffer.objects.count()
        second = services.redeem_reward(member=member, reward=gift, today=today)

        assert ConditionalOffer.objects.count() == offers_before
        assert first.voucher.code != second.voucher.code
        assert first.voucher.offers.get() == second.voucher.offers.get()

    def test_the_voucher_makes_one_unit_free_in_the_basket_and_delivery_is_still_paid(
        self, shopper, member, today
    ):
        code = services.redeem_reward(
            member=member, reward=reward("pp-filter-gift"), today=today
        ).voucher.code
        basket = basket_of(member.user, (FILTER_39, 2))

        response = add_voucher(shopper, code)

        assert in_chinese(ADDED, code=code) in messages_of(response)
        basket = priced(basket)
        assert basket.total_excl_tax_excl_discounts > 0
        assert basket.total_incl_tax == Decimal("39.00")  # two at ¥39, one free
        assert basket.total_discount == Decimal("39.00")
        delivery = Repository().get_default_shipping_method(basket=basket)
        assert delivery.calculate(basket).incl_tax == Decimal("12.00")

    def test_the_voucher_does_nothing_for_a_basket_without_the_gift(self, shopper, member, today):
        code = services.redeem_reward(
            member=member, reward=reward("pp-filter-gift"), today=today
        ).voucher.code
        basket_of(member.user, (OTHER_FILTER, 1))

        response = add_voucher(shopper, code)

        assert in_chinese(NOT_QUALIFYING) in messages_of(response)


class TestACoupon:
    def test_takes_20_off_once_the_basket_reaches_100(self, shopper, member, today):
        code = services.redeem_reward(
            member=member, reward=reward("coupon-20-off-100"), today=today
        ).voucher.code
        basket = basket_of(member.user, (FILTER_39, 3))  # ¥117

        add_voucher(shopper, code)

        assert priced(basket).total_incl_tax == Decimal("97.00")

    def test_is_refused_below_the_minimum(self, shopper, member, today):
        code = services.redeem_reward(
            member=member, reward=reward("coupon-20-off-100"), today=today
        ).voucher.code
        basket = basket_of(member.user, (FILTER_39, 2))  # ¥78

        response = add_voucher(shopper, code)

        assert in_chinese(NOT_QUALIFYING) in messages_of(response)
        assert priced(basket).total_incl_tax == Decimal("78.00")


class TestTooFewPoints:
    def test_the_service_refuses_and_writes_nothing(self, today):
        poor = make_member()
        give(poor, 1_000)
        gift = reward("pp-filter-gift")
        before = nothing_written()

        with pytest.raises(services.InsufficientPoints):
            services.redeem_reward(member=poor, reward=gift, today=today)

        assert nothing_written() == before
        assert balance(poor) == 1_000

    def test_the_page_says_how_many_points_are_missing(self, client):
        poor = make_member()
        give(poor, 1_000)
        client.force_login(poor.user)
        url = en("membership:reward-detail", slug="pp-filter-gift")

        page = client.get(url)
        assert "You need 500 more points for this reward." in page.content.decode()
        response = client.post(url)

        assert response.status_code == 302 and response["Location"] == url
        assert "You have 1000 points; this needs 1500." in messages_of(response)
        assert balance(poor) == 1_000


class TestOutOfStock:
    @pytest.fixture(autouse=True)
    def _english(self):
        # The service's messages are compared in English; the site's default is zh-hans.
        with translation.override("en"):
            yield

    def test_the_last_unit_goes_once_and_then_no_points_are_taken(self, member, today):
        give(member, 10_000)
        cleaning = reward("ac-cleaning-voucher")
        Reward.objects.filter(pk=cleaning.pk).update(stock_left=1)
        cleaning.refresh_from_db()
        services.redeem_reward(member=member, reward=cleaning, today=today)
        before = nothing_written()

        with pytest.raises(services.OutOfStock, match="out of stock"):
            services.redeem_reward(member=member, reward=cleaning, today=today)

        assert nothing_written() == before
        assert balance(member) == 20_000 - 8_000
        assert Reward.objects.get(pk=cleaning.pk).stock_left == 0

    def test_a_stale_copy_still_cannot_take_the_last_unit_twice(self, member, today):
        cleaning = reward("ac-cleaning-voucher")
        Reward.objects.filter(pk=cleaning.pk).update(stock_left=1)
        cleaning.refresh_from_db()
        stale = reward("ac-cleaning-voucher")
        other = make_member()
        give(other, 10_000)
        services.redeem_reward(member=member, reward=cleaning, today=today)

        with pytest.raises(services.OutOfStock):
            services.redeem_reward(member=other, reward=stale, today=today)
        assert balance(other) == 10_000

    def test_a_monthly_stock_starts_again_next_month(self, member, today):
        gift = reward("pp-filter-gift")
        Reward.objects.filter(pk=gift.pk).update(stock=1, stock_left=None, stock_month=None)
        gift.refresh_from_db()
        services.redeem_reward(member=member, reward=gift, today=today)

        gift.refresh_from_db()
        with pytest.raises(services.OutOfStock, match="New stock comes on"):
            services.redeem_reward(member=member, reward=gift, today=today)
        services.redeem_reward(member=member, reward=gift, today=rules.next_month(today))

        gift.refresh_from_db()
        assert (gift.stock_month, gift.stock_left) == (rules.next_month(today), 0)
        assert balance(member) == 10_000 - 2 * 1_500

    def test_the_page_says_so_and_keeps_the_points(self, shopper, member, today):
        gift = reward("pp-filter-gift")
        Reward.objects.filter(pk=gift.pk).update(
            stock=1, stock_left=0, stock_month=rules.month_of(today)
        )
        url = en("membership:reward-detail", slug=gift.slug)

        response = shopper.post(url)

        assert response.status_code == 302
        assert any("out of stock this month" in m for m in messages_of(response))
        assert balance(member) == 10_000
        assert "Out of stock" in shopper.get(en("membership:rewards")).content.decode()


class TestFreeCleanings:
    @pytest.fixture
    def diamond(self):
        member = make_member()
        set_tier(member, "diamond")
        return member

    def test_the_top_tier_gets_one_voucher_per_membership_year(self, diamond, today):
        gold = make_member()
        set_tier(gold, "gold")

        issued = services.issue_free_cleanings(today=today)

        mine = [cleaning for cleaning in issued if cleaning.member == diamond]
        assert len(mine) == 1
        assert mine[0].year_starts_on == timezone.localdate(diamond.created)
        assert not FreeCleaning.objects.filter(member=gold).exists()
        assert mine[0].voucher.usage == Voucher.SINGLE_USE

    def test_running_again_in_the_same_year_issues_nothing_more(self, diamond, today):
        services.issue_free_cleanings(today=today)
        assert services.issue_free_cleanings(today=today) == []
        later = today + datetime.timedelta(days=200)
        assert diamond not in [c.member for c in services.issue_free_cleanings(today=later)]
        assert FreeCleaning.objects.filter(member=diamond).count() == 1

    def test_the_next_membership_year_brings_the_next_voucher(self, diamond, today):
        services.issue_free_cleanings(today=today)
        next_year = rules.membership_year_start(timezone.localdate(diamond.created), today).replace(
            year=today.year + 1
        )

        issued = services.issue_free_cleanings(today=next_year)

        assert [c.member for c in issued if c.member == diamond] == [diamond]
        assert FreeCleaning.objects.filter(member=diamond).count() == 2

    def test_the_voucher_makes_one_cleaning_visit_free(self, client, diamond, today):
        (cleaning,) = [c for c in services.issue_free_cleanings(today=today) if c.member == diamond]
        client.force_login(diamond.user)
        basket = basket_of(diamond.user, (CLEANING_129, 1))

        add_voucher(client, cleaning.voucher.code)

        basket = priced(basket)
        assert basket.total_incl_tax == Decimal("0.00")
        assert basket.vouchers.get() == cleaning.voucher

    def test_the_beat_task_runs_the_job(self, diamond):
        assert tasks.free_cleanings.delay().get() >= 1
        assert tasks.free_cleanings.delay().get() == 0


class TestTheCataloguePage:
    def test_marks_what_the_member_can_afford_and_shows_costs_and_stock(self, client):
        member = make_member()
        give(member, 2_000)
        client.force_login(member.user)

        html = client.get(en("membership:rewards")).content
        html = html.decode()

        assert 'data-balance="2000"' in html
        gift = html.split('id="reward-pp-filter-gift"')[1].split("</li>")[0]
        assert "You have enough points" in gift and "1,500" in gift and "left this month" in gift
        cleaning = html.split('id="reward-ac-cleaning-voucher"')[1].split("</li>")[0]
        assert "6,000 more points needed" in cleaning and "200 left" in cleaning

    def test_a_visitor_is_asked_to_sign_in(self, client):
        html = client.get(en("membership:rewards")).content
        assert "to see which rewards your points buy" in html.decode()
        url = en("membership:reward-detail", slug="pp-filter-gift")
        assert client.post(url).status_code == 302
        assert RewardRedemption.objects.count() == 0

    def test_a_withdrawn_reward_is_not_found(self, shopper):
        Reward.objects.filter(slug="coupon-20-off-100").update(is_active=False)
        url = en("membership:reward-detail", slug="coupon-20-off-100")
        assert shopper.get(url).status_code == 404
        assert shopper.post(url).status_code == 404


class TestRedeemingOnThePage:
    def test_shows_the_code_and_how_to_use_it_then_lists_it_in_my_vouchers(self, shopper, member):
        url = en("membership:reward-detail", slug="pp-filter-gift")
        assert "Confirm: spend 1,500 points" in shopper.get(url).content.decode()

        response = shopper.post(url)

        voucher = RewardRedemption.objects.get(member=member).voucher
        assert response["Location"] == en("membership:my-vouchers") + f"#voucher-{voucher.code}"
        (message,) = messages_of(response)
        assert voucher.code in message and "Voucher/promo code" in message
        html = shopper.get(en("membership:my-vouchers")).content.decode()
        assert f'id="voucher-{voucher.code}"' in html and "Ready to use until" in html
        assert balance(member) == 8_500

    def test_my_vouchers_says_when_there_are_none(self, shopper):
        html = shopper.get(en("membership:my-vouchers")).content.decode()
        assert "No vouchers yet" in html

    def test_my_vouchers_needs_a_sign_in(self, client):
        assert client.get(en("membership:my-vouchers")).status_code == 302


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_ten_members_racing_for_three_left_this_month_leaves_seven_with_their_points(today):
    ensure_tiers()
    everything = Range.objects.create(name=f"All {uuid.uuid4()}", includes_all_products=True)
    coupon = Reward.objects.create(
        slug="race",
        title="满100减20",
        kind=Reward.Kind.COUPON,
        points_cost=2_000,
        range=everything,
        discount=Decimal("20.00"),
        stock_policy=Reward.StockPolicy.MONTHLY,
        stock=3,
    )
    members = [make_member() for _ in range(10)]
    for member in members:
        give(member, 2_000)

    def redeemer(member):
        def redeem():
            reward = Reward.objects.get(pk=coupon.pk)
            services.redeem_reward(member=member, reward=reward, today=today)
            return "redeemed"

        return redeem

    outcomes = run_together(*map(redeemer, members), expected=(services.OutOfStock,))
    redeemed = outcomes.count("redeemed")
    out_of_stock = sum(isinstance(outcome, services.OutOfStock) for outcome in outcomes)
    assert (redeemed, out_of_stock) == (3, 7)
    coupon.refresh_from_db()
    assert (coupon.stock_month, coupon.stock_left) == (rules.month_of(today), 0)
    assert sorted(balance(member) for member in members) == [0] * 3 + [2_000] * 7
    assert RewardRedemption.objects.filter(reward=coupon).count() == 3
    assert ConditionalOffer.objects.filter(reward=coupon).count() == 1
