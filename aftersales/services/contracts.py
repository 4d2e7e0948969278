"""Extended warranty contracts: who may buy one, and opening and cancelling them."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ..coverage import warranty_end
from ..models import RegisteredUnit, WarrantyContract
from ..refunds import warranty_refund

ONE_DAY = datetime.timedelta(days=1)


class NotEligible(Exception):
    """The unit cannot take this plan; the message says why, in the customer's language."""


class CannotCancel(Exception):
    pass


def grace_days() -> int:
    return getattr(settings, "AFTERCARE_PLAN_GRACE_DAYS", 90)


def covered_until(unit: RegisteredUnit) -> datetime.date:
    """The last day the unit is covered, by its base warranty or its latest active contract."""
    if unit.pk is None:  # being registered together with its first plan
        return unit.base_warranty_end
    last = unit.contracts.in_force().aggregate(last=Max("ends_on"))["last"]
    return max(unit.base_warranty_end, last) if last else unit.base_warranty_end


def check_plan_eligibility(
    *,
    unit: RegisteredUnit,
    plan_category: str,
    plan_band_holds: bool,
    term_months: int,
    today: datetime.date,
) -> None:
    """Raise NotEligible unless `unit` may take this plan today.

    A plan fits the unit's category and the price band of its model; it is sold while the
    base warranty runs or within the grace period after purchase; and extended cover on one
    unit stops at the longest term the maker sells (AFTERCARE_PLAN_MAX_EXTENDED_MONTHS).
    """
    model = unit.appliance_model
    if plan_category != model.category:
        raise NotEligible(
            _("This plan is for another kind of appliance and cannot cover your %(model)s.")
            % {"model": model.model_number}
        )
    if not plan_band_holds:
        raise NotEligible(
            _("This plan is for another price band; choose the plan offered for %(model)s.")
            % {"model": model.model_number}
        )
    grace_end = unit.purchase_date + datetime.timedelta(days=grace_days())
    if today > unit.base_warranty_end and today > grace_end:
        raise NotEligible(
            _(
                "The base warranty of this unit ended on %(date)s; an extended warranty can "
                "only be bought while it runs."
            )
            % {"date": unit.base_warranty_end.isoformat()}
        )
    cap = getattr(settings, "AFTERCARE_PLAN_MAX_EXTENDED_MONTHS", 60)
    start = covered_until(unit) + ONE_DAY
    if warranty_end(start, term_months) > warranty_end(unit.base_warranty_end + ONE_DAY, cap):
        raise NotEligible(
            _("This unit already has the longest extended cover we sell (%(years)s years).")
            % {"years": cap // 12}
        )


def open_contract(
    *,
    unit: RegisteredUnit,
    order_line,
    plan_title: str,
    term_months: int,
    coverage_terms: str,
    price: Decimal,
    today: datetime.date,
) -> WarrantyContract:
    """Open the contract bought on `order_line`, once; a second call returns the first.

    The unit row is locked so that two orders for the same unit queue up and the second
    contract starts the day after the first one ends.
    """
    existing = WarrantyContract.objects.filter(order_line=order_line).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        unit = RegisteredUnit.objects.select_for_update().get(pk=unit.pk)
        starts_on = covered_until(unit) + ONE_DAY
        return WarrantyContract.objects.create(
            number=f"WC{order_line.order.number}-{order_line.pk}",
            unit=unit,
            order_line=order_line,
            plan_title=plan_title,
            term_months=term_months,
            coverage_terms=coverage_terms,
            price=price,
            purchased_on=today,
            starts_on=starts_on,
            ends_on=warranty_end(starts_on, term_months),
        )


def refund_due(contract: WarrantyContract, *, today: datetime.date) -> Decimal:
    return warranty_refund(
        price=contract.price,
        purchased_on=contract.purchased_on,
        starts_on=contract.starts_on,
        ends_on=contract.ends_on,
        today=today,
        claims=contract.claims_total(),
    )


def cancel_contract(*, contract: WarrantyContract, today: datetime.date) -> Decimal:
    """Cancel `contract` and return what is owed back; the caller pays it out.

    Only the latest contract on a unit can go, so that the cover that is left has no gap.
    The status flips with a conditional UPDATE, so of two concurrent cancels only one
    returns an amount.
    """
    if not contract.is_active:
        raise CannotCancel(_("This warranty is already cancelled."))
    later = contract.unit.contracts.in_force().filter(starts_on__gt=contract.starts_on)
    if later.exists():
        raise CannotCancel(_("Cancel the later plan on this unit first."))
    if today > contract.ends_on:
        raise CannotCancel(_("This warranty has already ended."))
    amount = refund_due(contract, today=today)
    updated = WarrantyContract.objects.filter(
        pk=contract.pk, status=WarrantyContract.Status.ACTIVE
    ).update(status=WarrantyContract.Status.CANCELLED, cancelled_on=today, refund_amount=amount)
    if not updated:
        raise CannotCancel(_("This warranty is already cancelled."))
    contract.refresh_from_db()
    return amount
