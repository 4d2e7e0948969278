"""Staff planning of service slots: opening windows, resizing them, closing an area."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import ServiceArea, ServiceSlot

Window = tuple[datetime.time, datetime.time]


class CapacityBelowBooked(Exception):
    """A slot cannot shrink below the places customers already hold."""


def set_capacity(*, slot: ServiceSlot, capacity: int) -> ServiceSlot:
    """Resize `slot`, never below what is booked at the moment of the UPDATE.

    The form checks `booked` first for a friendly message; a booking landing in between is
    caught by the condition on the UPDATE, and the check constraint is the last guard.
    """
    try:
        with transaction.atomic():
            updated = ServiceSlot.objects.filter(pk=slot.pk, booked__lte=capacity).update(
                capacity=capacity
            )
    except IntegrityError:
        updated = 0
    slot.refresh_from_db()
    if not updated:
        raise CapacityBelowBooked(
            _("%(booked)s places are already booked; the capacity cannot go below that.")
            % {"booked": slot.booked}
        )
    return slot


def open_slots(
    *,
    area: ServiceArea,
    first_day: datetime.date,
    last_day: datetime.date,
    windows: list[Window],
    capacity: int,
) -> tuple[int, int]:
    """Open every window on every day from `first_day` to `last_day`; (opened, skipped).

    A window that already exists (same area, day and start) keeps its capacity and
    bookings. ignore_conflicts leaves the unique constraint to settle two staff opening
    the same days at once.
    """
    existing = set(
        ServiceSlot.objects.filter(area=area, date__range=(first_day, last_day)).values_list(
            "date", "starts_at"
        )
    )
    days = [first_day + datetime.timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    new = [
        ServiceSlot(area=area, date=day, starts_at=start, ends_at=end, capacity=capacity)
        for day in days
        for start, end in windows
        if (day, start) not in existing
    ]
    ServiceSlot.objects.bulk_create(new, ignore_conflicts=True)
    return len(new), len(days) * len(windows) - len(new)


def set_area_taking_bookings(*, area: ServiceArea, active: bool) -> None:
    """Close an area to new bookings, or reopen it; visits already booked stay booked."""
    ServiceArea.objects.filter(pk=area.pk).update(is_active=active)
    area.is_active = active
