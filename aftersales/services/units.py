"""Rules that write after-sales records."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from ..coverage import warranty_end
from ..models import RegisteredUnit


class SerialTaken(Exception):
    """The serial is already registered to someone else (who that is is never revealed)."""


class AlreadyYours(Exception):
    def __init__(self, unit: RegisteredUnit):
        super().__init__(_("This unit is already in your devices."))
        self.unit = unit


def register_unit(
    *,
    owner,
    appliance_model,
    serial: str,
    purchase_date: datetime.date,
    invoice=None,
    source: str = RegisteredUnit.Source.WEB,
) -> RegisteredUnit:
    """Register one unit to `owner`, with its base warranty end fixed at registration.

    The unique (model, serial) constraint decides races: of two concurrent claims, one row
    is written and the other claimant is told the serial is taken.
    """
    existing = (
        RegisteredUnit.objects.filter(appliance_model=appliance_model, serial=serial)
        .select_related("appliance_model")
        .first()
    )
    if existing is not None:
        if existing.owner_id == owner.pk:
            raise AlreadyYours(existing)
        raise SerialTaken
    unit = RegisteredUnit(
        owner=owner,
        appliance_model=appliance_model,
        serial=serial,
        purchase_date=purchase_date,
        base_warranty_end=warranty_end(purchase_date, appliance_model.base_warranty_months),
        source=source,
    )
    if invoice:
        unit.invoice = invoice
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as exc:
        raise SerialTaken from exc
    return unit
