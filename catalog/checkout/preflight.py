"""Everything placement would refuse, checked before any money moves.

Placement re-checks it all inside its transaction (a slot can fill up while the customer
pays); this is so that the common refusals come before the card is charged, not as a
refund after it. Points chosen for the order are held from here until the payment
concludes, so they cannot be spent elsewhere meanwhile.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from aftersales.models import RegisteredUnit, ServiceSlot
from aftersales.services import NotEligible, check_plan_eligibility
from catalog.kinds import CLEANING, PLAN, PlanTerms, product_kind
from membership import points
from membership import rules as points_rules
from membership.services import ensure_profile
from payments import services as payments


class Refused(Exception):
    """The basket cannot be paid for as it is; the message says why, for the customer."""


def hold_key(basket_id: int) -> str:
    """The key of the points hold of one basket's checkout."""
    return f"basket:{basket_id}"


@dataclass(frozen=True)
class PointsPlan:
    balance: int
    usable: int
    using: int

    @property
    def value(self) -> Decimal:
        return points_rules.value_of(self.using)


def points_plan(*, user, basket, total: Decimal, wanted: int) -> PointsPlan:
    """What the member can and chose to pay with points: their balance less what other
    checkouts hold, capped at half the order."""
    balance = points.spendable_by(user=user, except_key=hold_key(basket.pk))
    usable = points_rules.most_usable(total=total, balance=balance)
    return PointsPlan(balance=balance, usable=usable, using=min(wanted, usable))


def check(basket, *, today: datetime.date) -> None:
    """Raise Refused for a full slot or plans that together break a cover rule."""
    full = full_visit_lines(basket)
    if full:
        raise Refused(
            _(
                "The time slot for %(service)s has just been fully booked. Remove it and "
                "book another time."
            )
            % {"service": full[0].product.get_title()}
        )
    for refusal in plan_refusals(basket, today=today):
        raise Refused(refusal)


def begin_payment(
    *,
    basket,
    user,
    order_number: str,
    total,
    checkout: dict,
    points_using: int,
    method: str = "card",
    return_url_for=None,
):
    """Hold the points chosen, then open (or reuse) the payment attempt for the rest, paid
    by `method` (card, alipay or wechat_pay)."""
    try:
        points.hold(member=ensure_profile(user=user), points=points_using, key=hold_key(basket.pk))
    except points.InsufficientPoints as short:
        raise Refused(str(short)) from short
    return payments.start_payment(
        basket=basket,
        user=user,
        order_number=order_number,
        amount=total.incl_tax - points_rules.value_of(points_using),
        currency=total.currency,
        checkout={**checkout, "points": points_using},
        method=method,
        return_url_for=return_url_for,
    )


def full_visit_lines(basket) -> list:
    """Lines whose chosen slot has no place left."""
    wanted: dict = {}
    for line in basket.all_lines():
        if product_kind(line.product) != CLEANING:
            continue
        visit = _option(line, "visit")
        if visit:
            wanted.setdefault(visit.get("slot"), []).append(line)
    if not wanted:
        return []
    slots = ServiceSlot.objects.in_bulk([pk for pk in wanted if isinstance(pk, int)])
    full = []
    for pk, lines in wanted.items():
        slot = slots.get(pk)
        if slot is None or slot.free < len(lines):
            full.extend(lines)
    return full


def plan_months_in_basket(basket, *, unit_id: int, except_line=None) -> int:
    """Months of cover the basket's plan lines already add to one unit."""
    return sum(
        PlanTerms.of(line.product).term_months
        for line in basket.all_lines()
        if line is not except_line
        and product_kind(line.product) == PLAN
        and (_option(line, "unit") or {}).get("id") == unit_id
    )


def plan_refusals(basket, *, today: datetime.date) -> list[str]:
    """Why the plans in the basket cannot be bought together, one reason per unit.

    Each plan was checked alone when added; two plans for one unit must also fit together
    under the longest extended cover, counted from where the unit's cover ends today.
    """
    by_unit: dict[int, list] = {}
    for line in basket.all_lines():
        if product_kind(line.product) == PLAN:
            unit_id = (_option(line, "unit") or {}).get("id")
            if isinstance(unit_id, int):
                by_unit.setdefault(unit_id, []).append(PlanTerms.of(line.product))
    units = RegisteredUnit.objects.select_related("appliance_model").in_bulk(list(by_unit))
    refusals = []
    for unit_id, plans in by_unit.items():
        unit = units.get(unit_id)
        if unit is None:
            refusals.append(_("A unit in your basket is no longer registered to you."))
            continue
        try:
            for terms in plans:
                check_plan_eligibility(
                    unit=unit,
                    plan_category=terms.category,
                    plan_band_holds=terms.holds_price(unit.appliance_model.list_price),
                    term_months=sum(plan.term_months for plan in plans),
                    today=today,
                )
        except NotEligible as refusal:
            refusals.append(str(refusal))
    return refusals


def _option(line, code: str):
    for attribute in line.attributes.all():
        if attribute.option.code == code:
            return attribute.value if isinstance(attribute.value, dict) else None
    return None
