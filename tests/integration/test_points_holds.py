"""Points chosen at checkout are held until the payment concludes (issue #13, acceptance 5).

A member who pays part of an order with points and goes to the card page must not spend
those points on a reward in another tab meanwhile; a declined or abandoned payment gives
them back. Built on factories, not the demo data.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from membership import points
from membership.models import PointsHold
from tests.factories.aftersales import make_appliance_model, make_unit
from tests.factories.catalog import make_plan
from tests.factories.membership import ensure_tiers, make_member
from tests.factories.races import needs_postgres, run_together

Order = get_model("order", "Order")


@pytest.fixture
def member(db):
    member = make_member(email="holder@example.com")
    points.award(member=member, points=30000, source_key="test:gift", reason="Test gift")
    return member


@pytest.fixture
def shopper(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def plan_in_basket(shopper, member):
    model = make_appliance_model(list_price=Decimal("3299.00"))
    unit = make_unit(member.user, model)
    plan = make_plan(price=Decimal("399.00"), term_years=2)
    response = shopper.post(
        reverse("basket:add", kwargs={"pk": plan.pk}), {"quantity": 1, "unit": unit.pk}
    )
    assert response.status_code == 302
    shopper.get(reverse("checkout:index"), follow=True)
    return plan


def go_to_pay(shopper, wanted: int):
    shopper.post(reverse("checkout:points"), {"points": str(wanted)})
    response = shopper.post(reverse("checkout:preview"), {"action": "place_order"})
    assert "/pay/" in response["Location"], response["Location"]
    return response["Location"]


class TestAHold:
    def test_keeps_points_from_other_spending(self, member):
        points.hold(member=member, points=20000, key="basket:1")
        with pytest.raises(points.InsufficientPoints):
            points.redeem(member=member, points=15000, source_key="reward:1", reason="gift")
        assert points.redeem(member=member, points=10000, source_key="reward:2", reason="gift")

    def test_is_spent_by_the_checkout_that_holds_it(self, member):
        points.hold(member=member, points=20000, key="basket:1")
        points.redeem(
            member=member, points=20000, source_key="order:1", reason="paid", hold_key="basket:1"
        )
        assert PointsHold.objects.get(key="basket:1").released_at is not None
        assert points.balance_of(user=member.user) == 10000

    def test_that_ran_out_frees_the_points(self, member):
        points.hold(member=member, points=30000, key="basket:1")
        PointsHold.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        assert points.redeem(member=member, points=30000, source_key="reward:1", reason="gift")

    def test_cannot_hold_more_than_others_leave(self, member):
        points.hold(member=member, points=20000, key="basket:1")
        with pytest.raises(points.InsufficientPoints):
            points.hold(member=member, points=20000, key="basket:2")
        # Renewing the same checkout's hold is not holding twice.
        points.hold(member=member, points=25000, key="basket:1")

    def test_of_zero_points_releases_the_hold(self, member):
        points.hold(member=member, points=5000, key="basket:1")
        points.hold(member=member, points=0, key="basket:1")
        assert points.spendable_by(user=member.user) == 30000


class TestPointsChosenAtCheckout:
    def test_are_held_while_paying_and_cannot_buy_a_reward(self, shopper, member, plan_in_basket):
        go_to_pay(shopper, 15000)
        hold = PointsHold.objects.get(member=member, released_at__isnull=True)
        assert hold.points == 15000
        balance = points.balance_of(user=member.user)
        assert points.spendable_by(user=member.user) == balance - 15000
        with pytest.raises(points.InsufficientPoints):
            points.redeem(member=member, points=balance - 10000, source_key="x", reason="gift")

    def test_are_released_when_the_card_is_declined(self, shopper, member, plan_in_basket):
        pay_page = go_to_pay(shopper, 15000)
        shopper.post(pay_page, {"card_number": "4000000000000002"})
        assert not PointsHold.objects.filter(released_at__isnull=True).exists()
        assert points.spendable_by(user=member.user) == points.balance_of(user=member.user)
        assert not Order.objects.filter(user=member.user).exists()

    def test_are_spent_by_the_paid_order(self, shopper, member, plan_in_basket):
        pay_page = go_to_pay(shopper, 15000)
        response = shopper.post(pay_page, {"card_number": "4242424242424242"})
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        order = Order.objects.get(user=member.user)
        assert {s.source_type.code for s in order.sources.all()} == {"demo", "points"}
        assert not PointsHold.objects.filter(released_at__isnull=True).exists()
        # 30,000 less the 15,000 spent, plus what the card payment earned.
        assert points.balance_of(user=member.user) > 15000

    def test_held_elsewhere_are_not_offered_again(self, shopper, member, plan_in_basket):
        balance = points.balance_of(user=member.user)
        points.hold(member=member, points=balance - 1000, key="basket:other-tab")
        preview = shopper.get(reverse("checkout:preview"))
        assert preview.context["points_balance"] == 1000
        assert preview.context["points_usable"] == 1000


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_hold_and_a_reward_racing_for_the_same_points_do_not_both_win():
    ensure_tiers()
    member = make_member(email="racer@example.com")
    points.award(member=member, points=1000, source_key="test:racer", reason="Test gift")
    outcomes = run_together(
        lambda: points.hold(member=member, points=800, key="basket:race"),
        lambda: points.redeem(member=member, points=800, source_key="reward:race", reason="gift"),
        expected=(points.InsufficientPoints,),
    )
    won = [o for o in outcomes if not isinstance(o, points.InsufficientPoints)]
    assert len(won) == 1
    assert points.balance_of(user=member.user) in (1000, 200)
