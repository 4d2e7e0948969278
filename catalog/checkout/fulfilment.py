"""What a placed order sets in motion after the sale: warranty contracts and service visits.

Runs inside the transaction that places the order, so a slot that filled up or a unit
that is no longer eligible rolls the whole order back instead of leaving half of it.
"""

import datetime

from django.utils import timezone
from oscar.core.loading import get_model

from aftersales import services as aftersales
from aftersales.models import RegisteredUnit
from catalog.kinds import CLEANING, PLAN, PlanTerms, visit_minutes

Line = get_model("order", "Line")


def fulfil_order(order, *, now: datetime.datetime) -> None:
    lines = order.lines.select_related("product__product_class").prefetch_related("attributes")
    for line in lines:
        product = line.product
        if product is None or product.product_class is None:
            continue
        kind = product.product_class.slug
        options = {attribute.type: attribute.value for attribute in line.attributes.all()}
        if kind == PLAN:
            _open_contract(order, line, options, today=timezone.localdate(now))
        elif kind == CLEANING:
            _book_visit(order, line, options, now=now)


def _unit(order, options):
    unit_id = (options.get("unit") or {}).get("id")
    if unit_id is None:
        return None
    return (
        RegisteredUnit.objects.select_related("appliance_model")
        .filter(pk=unit_id, owner=order.user)
        .first()
    )


def _open_contract(order, line, options, *, today):
    unit = _unit(order, options)
    if unit is None:
        raise aftersales.NotEligible(line.title)
    terms = PlanTerms.of(line.product)
    aftersales.check_plan_eligibility(
        unit=unit,
        plan_category=terms.category,
        plan_band_holds=terms.holds_price(unit.appliance_model.list_price),
        term_months=terms.term_months,
        today=today,
    )
    aftersales.open_contract(
        unit=unit,
        order_line=line,
        plan_title=line.title,
        term_months=terms.term_months,
        coverage_terms=terms.coverage,
        price=line.line_price_incl_tax,
        today=today,
    )


def _book_visit(order, line, options, *, now):
    visit = options.get("visit") or {}
    if "slot" not in visit:
        raise aftersales.SlotFull
    aftersales.book_visit(
        order_line=line,
        customer=order.user,
        slot_id=visit["slot"],
        service_title=line.title,
        duration_minutes=visit_minutes(line.product),
        address=visit.get("address", ""),
        contact_name=visit.get("name", ""),
        contact_phone=visit.get("phone", ""),
        price=line.line_price_incl_tax,
        unit=_unit(order, options),
        now=now,
    )
