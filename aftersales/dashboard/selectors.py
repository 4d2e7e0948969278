"""What the staff screens list: every customer's records, filtered, with what a row shows.

Each queryset joins everything its table prints, so a page costs the same queries for 3
rows or 40.
"""

import datetime

from django.db.models import Q, QuerySet

from ..models import ServiceBooking, ServiceSlot, WarrantyContract


def contracts_for_staff(
    *,
    text: str = "",
    status: str = "",
    ends_from: datetime.date | None = None,
    ends_to: datetime.date | None = None,
) -> QuerySet[WarrantyContract]:
    contracts = WarrantyContract.objects.select_related(
        "unit__owner__member_profile", "unit__appliance_model", "order_line__order"
    )
    if text := text.strip():
        contracts = contracts.filter(
            Q(number__icontains=text)
            | Q(unit__serial__icontains=text)
            | Q(unit__owner__email__icontains=text)
            | Q(unit__owner__member_profile__phone__contains=text)
        )
    if status:
        contracts = contracts.filter(status=status)
    if ends_from:
        contracts = contracts.filter(ends_on__gte=ends_from)
    if ends_to:
        contracts = contracts.filter(ends_on__lte=ends_to)
    return contracts


def bookings_for_staff(
    *,
    text: str = "",
    status: str = "",
    area=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[ServiceBooking]:
    bookings = ServiceBooking.objects.select_related(
        "customer", "slot__area", "order_line__order"
    ).order_by("slot__date", "slot__starts_at", "number")
    if text := text.strip():
        bookings = bookings.filter(
            Q(number__icontains=text)
            | Q(contact_phone__contains=text)
            | Q(customer__email__icontains=text)
        )
    if status:
        bookings = bookings.filter(status=status)
    if area is not None:
        bookings = bookings.filter(slot__area=area)
    if date_from:
        bookings = bookings.filter(slot__date__gte=date_from)
    if date_to:
        bookings = bookings.filter(slot__date__lte=date_to)
    return bookings


def slots_for_staff(
    *,
    area=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[ServiceSlot]:
    slots = ServiceSlot.objects.select_related("area").order_by("date", "starts_at", "area__code")
    if area is not None:
        slots = slots.filter(area=area)
    if date_from:
        slots = slots.filter(date__gte=date_from)
    if date_to:
        slots = slots.filter(date__lte=date_to)
    return slots
