"""What would be refused after paying is refused before (issue #13, acceptance 5).

Two plans for one unit must fit together under the longest extended cover (60 months);
a slot that filled up stops the preview. Nothing is charged, no attempt is opened.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from aftersales.coverage import warranty_end
from payments.models import PaymentAttempt
from tests.factories.aftersales import make_appliance_model, make_contract, make_unit
from tests.factories.catalog import make_plan
from tests.factories.membership import make_member


@pytest.fixture
def customer(db):
    return make_member(email="twoplans@example.com").user


@pytest.fixture
def shopper(client, customer):
    client.force_login(customer)
    return client


@pytest.fixture
def unit(customer):
    return make_unit(customer, make_appliance_model(list_price=Decimal("3299.00")))


def add(shopper, plan, unit):
    return shopper.post(
        reverse("basket:add", kwargs={"pk": plan.pk}), {"quantity": 1, "unit": unit.pk}, follow=True
    )


class TestTwoPlansForOneUnit:
    def test_that_fit_together_are_both_added(self, shopper, unit):
        add(shopper, make_plan(term_years=3), unit)
        add(shopper, make_plan(term_years=2), unit)
        basket = shopper.get(reverse("basket:summary")).context["basket"]
        assert basket.num_lines == 2

    def test_that_together_exceed_the_longest_cover_are_refused_at_add(self, shopper, unit):
        add(shopper, make_plan(term_years=3), unit)
        response = add(shopper, make_plan(term_years=3), unit)
        assert "最长延保期限" in response.content.decode()
        basket = shopper.get(reverse("basket:summary")).context["basket"]
        assert basket.num_lines == 1

    def test_refused_at_preview_when_cover_changed_since_adding(self, shopper, unit, customer):
        add(shopper, make_plan(term_years=3), unit)
        add(shopper, make_plan(term_years=2), unit)
        # Meanwhile a plan bought elsewhere (another device, a store) extends the cover.
        starts = unit.base_warranty_end
        make_contract(unit, term_months=12, ends_on=warranty_end(starts, 13))
        shopper.get(reverse("checkout:index"), follow=True)
        response = shopper.post(reverse("checkout:preview"), {"action": "place_order"}, follow=True)
        assert response.redirect_chain[-1][0] == reverse("basket:summary")
        assert "最长延保期限" in response.content.decode()
        assert not PaymentAttempt.objects.filter(user=customer).exists()
