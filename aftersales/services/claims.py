"""The claim a covered repair leaves on its extended warranty: real parts plus real labour.

Only an extended contract gets a claim. A claim is what a plan's later refund keeps back
(aftersales.refunds.warranty_refund), and `WarrantyClaim.contract` cannot be empty: a repair
under the base warranty is the maker's own promise, bought by nobody and refunded to
nobody, so it records no claim. Its cost is not lost: the parts (PartUsed) and the labour
minutes stay on the request for any report that wants them.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

from ..models import REPAIR_KINDS, Cover, PartUsed, ServiceRequest, WarrantyClaim

CENT = Decimal("0.01")


def labour_cost(minutes: int | None) -> Decimal:
    """Labour at settings.AFTERCARE_LABOUR_RATE_PER_HOUR (CNY an hour), to the fen."""
    rate = Decimal(str(settings.AFTERCARE_LABOUR_RATE_PER_HOUR))
    return (rate * Decimal(minutes or 0) / 60).quantize(CENT, rounding=ROUND_HALF_UP)


def repair_cost(*, parts: list[PartUsed], labour_minutes: int | None) -> Decimal:
    parts_total = sum((part.total for part in parts), Decimal("0.00"))
    return (parts_total + labour_cost(labour_minutes)).quantize(CENT)


def record_repair_claim(
    *,
    service_request: ServiceRequest,
    parts: list[PartUsed],
    labour_minutes: int | None,
    actor,
    now: datetime.datetime,
) -> WarrantyClaim | None:
    """The claim on the request's extended contract, or None when there is nothing to claim on.

    Call inside the transaction of the step that finished the repair, after it moved the
    request: the step's conditional UPDATE lets one caller through, and the claim's
    one-to-one link to the request stops a second claim whatever happens.
    """
    contract = service_request.contract
    if (
        service_request.kind not in REPAIR_KINDS
        or service_request.cover != Cover.EXTENDED
        or contract is None
        or not contract.is_active
    ):
        return None
    resolution = service_request.resolution or ""
    description = f"{service_request.number} · {resolution}".strip(" ·")[:255]
    return WarrantyClaim.objects.create(
        contract=contract,
        opened_on=timezone.localdate(now),
        description=description,
        amount=repair_cost(parts=parts, labour_minutes=labour_minutes),
        recorded_by=actor if getattr(actor, "pk", None) else None,
        service_request=service_request,
    )
