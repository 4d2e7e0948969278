"""Service visits: places in slots, taken and given back atomically."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Assignment, ServiceBooking, ServiceSlot
from ..refunds import booking_refund, can_change_visit
from ..signals import booking_completed


class SlotFull(Exception):
    """Someone else took the last place; the message tells the customer to pick another."""

    def __init__(self, message=None):
        super().__init__(
            message or _("That time slot has just been fully booked. Please choose another.")
        )


class CannotChange(Exception):
    pass


def visit_starts(slot: ServiceSlot) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(slot.date, slot.starts_at))


def take_place(*, slot_id: int, now: datetime.datetime) -> ServiceSlot:
    """Take one place in the slot or raise SlotFull.

    One conditional UPDATE decides: on PostgreSQL the second of two concurrent updates
    waits for the first, re-reads the row and finds no free place; SQLite runs writers
    one at a time. Slots that have started are never taken.
    """
    slot = ServiceSlot.objects.select_related("area").filter(pk=slot_id).first()
    if slot is None or visit_starts(slot) <= now or not slot.area.is_active:
        raise SlotFull(_("That time slot is no longer available. Please choose another."))
    updated = ServiceSlot.objects.filter(pk=slot_id, booked__lt=F("capacity")).update(
        booked=F("booked") + 1
    )
    if not updated:
        raise SlotFull
    slot.booked += 1
    return slot


def release_place(*, slot_id: int) -> None:
    ServiceSlot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


def book_visit(
    *,
    order_line,
    customer,
    slot_id: int,
    service_title: str,
    duration_minutes: int,
    address: str,
    contact_name: str,
    contact_phone: str,
    price: Decimal,
    unit=None,
    now: datetime.datetime,
) -> ServiceBooking:
    """Book the visit bought on `order_line`, once; a second call returns the first."""
    existing = ServiceBooking.objects.filter(order_line=order_line).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        slot = take_place(slot_id=slot_id, now=now)
        return ServiceBooking.objects.create(
            number=f"SB{order_line.order.number}-{order_line.pk}",
            customer=customer,
            order_line=order_line,
            slot=slot,
            service_title=service_title,
            duration_minutes=duration_minutes,
            unit=unit,
            address=address,
            contact_name=contact_name,
            contact_phone=contact_phone,
            price=price,
        )


def cancel_booking(*, booking: ServiceBooking, now: datetime.datetime) -> Decimal:
    """Cancel a visit more than 24 hours ahead, free its place, return the refund due."""
    if booking.status != ServiceBooking.Status.BOOKED:
        raise CannotChange(_("This booking is not open any more."))
    amount = booking_refund(price=booking.price, visit_starts=visit_starts(booking.slot), now=now)
    if amount is None:
        raise CannotChange(
            _("Visits less than 24 hours away cannot be cancelled online; please call us.")
        )
    with transaction.atomic():
        updated = ServiceBooking.objects.filter(
            pk=booking.pk, status=ServiceBooking.Status.BOOKED
        ).update(status=ServiceBooking.Status.CANCELLED, cancelled_at=now, refund_amount=amount)
        if not updated:
            raise CannotChange(_("This booking is not open any more."))
        release_place(slot_id=booking.slot_id)
        # The engineer's window is free again (aftersales.services.dispatch).
        Assignment.objects.filter(booking=booking).delete()
    booking.refresh_from_db()
    return amount


def reschedule_booking(
    *, booking: ServiceBooking, new_slot_id: int, now: datetime.datetime
) -> ServiceBooking:
    """Move a visit to another slot: the new place is taken before the old one is freed."""
    if booking.status != ServiceBooking.Status.BOOKED:
        raise CannotChange(_("This booking is not open any more."))
    if not can_change_visit(visit_starts=visit_starts(booking.slot), now=now):
        raise CannotChange(
            _("Visits less than 24 hours away cannot be changed online; please call us.")
        )
    if new_slot_id == booking.slot_id:
        return booking
    with transaction.atomic():
        slot = take_place(slot_id=new_slot_id, now=now)
        old_slot_id = booking.slot_id
        ServiceBooking.objects.filter(pk=booking.pk).update(slot=slot)
        release_place(slot_id=old_slot_id)
        # A new window needs the dispatcher again: the engineer held the old one.
        Assignment.objects.filter(booking=booking).delete()
    booking.refresh_from_db()
    return booking


def complete_booking(*, booking: ServiceBooking) -> ServiceBooking:
    """Mark a booked visit as done and return it; a cancelled or already completed one
    raises CannotChange.

    The conditional UPDATE settles a race with a cancellation: whichever lands first wins,
    the other finds the status moved on. `booking_completed` goes out in the same
    transaction (the visit's points are earned with it, or not at all).
    """
    with transaction.atomic():
        updated = ServiceBooking.objects.filter(
            pk=booking.pk, status=ServiceBooking.Status.BOOKED
        ).update(status=ServiceBooking.Status.COMPLETED)
        if not updated:
            raise CannotChange(_("This booking is not open any more."))
        booking.refresh_from_db()
        booking_completed.send(sender=ServiceBooking, booking=booking)
    return booking
