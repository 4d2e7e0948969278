"""Paying part of an order with points, earning on the money paid, and refunds that undo both."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from aftersales.models import WarrantyContract
from membership import points
from membership.models import LedgerEntry, PointsHold
from membership.services import ensure_profile
from payments.models import PaymentAttempt
from tests.factories.aftersales import make_appliance_model, make_unit
from tests.factories.catalog import make_plan
from tests.factories.membership import ensure_tiers
from tests.factories.shop import add_plan, checkout_to_preview, tier_offer

Order = get_model("order", "Order")
Tier = get_model("membership", "Tier")


@pytest.fixture
def member(db, django_user_model):
    ensure_tiers()
    tier_offer()  # the tiers' discount on services
    user = django_user_model.objects.create_user(
        username="points-payer", email="payer@example.com", password="x"
    )
    profile = ensure_profile(user=user)
    points.award(member=profile, points=30000, source_key="test:gift", reason="Test gift")
    return user


@pytest.fixture
def shopper(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def plan_in_basket(shopper, member):
    """A 2-year plan at ¥329 for the member's air conditioner, at the preview."""
    unit = make_unit(member, make_appliance_model(list_price=Decimal("3299.00")))
    plan = make_plan(term_years=2, price=Decimal("329.00"))
    response = add_plan(shopper, plan, unit)
    assert response.status_code == 302
    checkout_to_preview(shopper)
    return plan, unit


def balance(user) -> int:
    return points.balance_of(user=user)


def pay(client, card="4242424242424242"):
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    return client.post(response["Location"], {"card_number": card})


class TestUsingPointsAtCheckout:
    def test_points_pay_part_and_the_card_the_rest(self, shopper, member, plan_in_basket):
        before = balance(member)
        preview = shopper.get(reverse("checkout:preview"))
        total = preview.context["order_total"].incl_tax
        usable = preview.context["points_usable"]
        assert usable == int(total * 50)  # half the order, 100 points a yuan
        shopper.post(reverse("checkout:points"), {"points": "5000"})
        preview = shopper.get(reverse("checkout:preview"))
        assert preview.context["card_amount"] == total - Decimal("50.00")
        response = pay(shopper)
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        order = Order.objects.get(user=member)
        assert order.total_incl_tax == total
        attempt = PaymentAttempt.objects.get(order=order)
        assert attempt.amount == total - Decimal("50.00")
        sources = {s.source_type.code: s.amount_debited for s in order.sources.all()}
        assert sources == {"demo": total - Decimal("50.00"), "points": Decimal("50.00")}
        earned = LedgerEntry.objects.get(source_key=f"order:{order.number}:earn").points
        multiplier = ensure_profile(user=member).points_account.tier.multiplier
        assert earned == int(int(attempt.amount) * multiplier)  # a point a yuan paid in money
        assert balance(member) == before - 5000 + earned

    def test_more_than_half_the_order_is_refused(self, shopper, member, plan_in_basket):
        preview = shopper.get(reverse("checkout:preview"))
        too_many = preview.context["points_usable"] + 1
        response = shopper.post(reverse("checkout:points"), {"points": str(too_many)}, follow=True)
        assert "at most" in response.content.decode() or "最多" in response.content.decode()
        assert response.context["points_using"] == 0

    def test_not_a_number_is_refused(self, shopper, plan_in_basket):
        response = shopper.post(reverse("checkout:points"), {"points": "-5"}, follow=True)
        assert response.context["points_using"] == 0

    def test_a_declined_card_spends_no_points(self, shopper, member, plan_in_basket):
        before = balance(member)
        shopper.post(reverse("checkout:points"), {"points": "3000"})
        pay(shopper, card="4000000000000002")
        assert balance(member) == before
        assert not Order.objects.filter(user=member).exists()

    def test_points_held_for_the_payment_cannot_be_spent_elsewhere(
        self, shopper, member, plan_in_basket
    ):
        shopper.post(reverse("checkout:points"), {"points": "5000"})
        response = shopper.post(reverse("checkout:preview"), {"action": "place_order"})
        with pytest.raises(points.InsufficientPoints):
            points.redeem(
                member=ensure_profile(user=member),
                points=balance(member) - 100,
                source_key="test:elsewhere",
                reason="Spent elsewhere",
            )
        response = shopper.post(response["Location"], {"card_number": "4242424242424242"})
        assert response["Location"].endswith(reverse("checkout:thank-you"))

    def test_points_spent_after_the_hold_ran_out_refund_the_card(
        self, shopper, member, plan_in_basket
    ):
        shopper.post(reverse("checkout:points"), {"points": "5000"})
        response = shopper.post(reverse("checkout:preview"), {"action": "place_order"})
        PointsHold.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        points.redeem(
            member=ensure_profile(user=member),
            points=balance(member) - 100,
            source_key="test:elsewhere",
            reason="Spent elsewhere",
        )
        response = shopper.post(response["Location"], {"card_number": "4242424242424242"})
        assert response["Location"].endswith(reverse("basket:summary"))
        attempt = PaymentAttempt.objects.get(user=member)
        assert attempt.status == PaymentAttempt.Status.REFUNDED
        assert balance(member) == 100


class TestRefundingAnOrderPaidPartlyInPoints:
    def test_takes_back_what_it_earned_and_gives_back_what_it_spent(
        self, shopper, member, plan_in_basket
    ):
        from aftersales.cancellations import refund_contract
        from payments.models import Refund

        before = balance(member)
        shopper.post(reverse("checkout:points"), {"points": "6000"})
        pay(shopper)
        order = Order.objects.get(user=member)
        contract = WarrantyContract.objects.get(order_line__order=order)
        refunded = refund_contract(contract=contract, today=datetime.date.today(), actor=member)
        assert refunded == order.total_incl_tax  # within 30 days: everything
        assert balance(member) == before
        card = Refund.objects.get(key=f"contract-{contract.pk}")
        assert card.amount == order.total_incl_tax - Decimal("60.00")
        sources = {s.source_type.code: s for s in order.sources.all()}
        assert sources["points"].amount_refunded == Decimal("60.00")
        assert sources["demo"].amount_refunded == card.amount
        call_command("check_points_balances")  # exits non-zero on any difference

    def test_refunding_twice_changes_nothing_more(self, shopper, member, plan_in_basket):
        from aftersales.cancellations import refund_contract
        from aftersales.services import CannotCancel

        shopper.post(reverse("checkout:points"), {"points": "6000"})
        pay(shopper)
        contract = WarrantyContract.objects.get(order_line__order__user=member)
        refund_contract(contract=contract, today=datetime.date.today(), actor=member)
        after = balance(member)
        with pytest.raises(CannotCancel):
            refund_contract(contract=contract, today=datetime.date.today(), actor=member)
        assert balance(member) == after


class TestTheTierDiscountOnServices:
    def test_a_gold_member_pays_less_for_a_plan(self, shopper, member, plan_in_basket):
        plan, unit = plan_in_basket
        gold = Tier.objects.get(code="gold")
        ensure_profile(user=member).points_account.__class__.objects.filter(
            member__user=member
        ).update(tier=gold)
        preview = shopper.get(reverse("checkout:preview"))
        price = plan.stockrecords.get().price
        expected = price - (price * gold.service_discount_percent / 100).quantize(Decimal("0.01"))
        assert preview.context["order_total"].incl_tax == expected

    def test_a_member_tier_pays_the_list_price(self, shopper, member, plan_in_basket):
        plan, unit = plan_in_basket
        ensure_profile(user=member).points_account.__class__.objects.filter(
            member__user=member
        ).update(tier=Tier.objects.get(code="member"))
        preview = shopper.get(reverse("checkout:preview"))
        assert preview.context["order_total"].incl_tax == plan.stockrecords.get().price


class TestEarningMovesTheTier:
    def test_a_qualifying_purchase_upgrades_at_once(self, shopper, member, plan_in_basket):
        silver = Tier.objects.get(code="silver")
        profile = ensure_profile(user=member)
        points.award(
            member=profile,
            points=silver.threshold - 100,
            source_key="test:almost",
            reason="Almost silver",
        )
        pay(shopper)
        profile.points_account.refresh_from_db()
        assert profile.points_account.tier.code in ("silver", "gold", "diamond")
