"""Dispatch (派单到人): one engineer and one arrival window for a job.

A job is a service request (an installation, a repair or guidance visit) or a visit bought
in the shop (`ServiceBooking`). A request takes its place in the area's slot here; a shop
visit already holds its place, so only the engineer is added.

Three guards, all inside one transaction, so a refusal leaves nothing half-written:
- the engineer's row is locked first, so two dispatchers giving the same engineer two
  windows that overlap are served one after the other and the second sees the first;
- a request's status moves by `transition`'s conditional UPDATE, so it is assigned once;
- the slot's place is taken by `take_place`'s conditional UPDATE, and the Assignment's
  unique (engineer, date, start) constraint is the last word on a double booking. When it
  refuses, the place taken a moment before is given back with the rest of the transaction.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from appliances.models import Category

from ..models import Assignment, Engineer, ServiceBooking, ServiceRequest, ServiceSlot
from .bookings import release_place, take_place
from .requests import transition

DISPATCHER = "dispatcher"


class CannotDispatch(Exception):
    """The engineer, the window or the job's state does not allow this; the message says why."""


class EngineerBusy(CannotDispatch):
    """The engineer already has a job in (or overlapping) that window."""


def window_text(slot: ServiceSlot) -> str:
    day = date_format(slot.date, "Y-m-d")
    return f"{day} {time_format(slot.starts_at, 'H:i')}–{time_format(slot.ends_at, 'H:i')}"


def category_of(job) -> str:
    """The appliance category a job is for ("" when a shop visit names no unit)."""
    if isinstance(job, ServiceRequest):
        return job.appliance_model.category
    unit = job.unit
    return unit.appliance_model.category if unit is not None else ""


def check_engineer(*, engineer: Engineer, slot: ServiceSlot, category: str) -> None:
    """Refuse an engineer who is off, works elsewhere or is not qualified for the appliance."""
    if not engineer.is_active:
        raise CannotDispatch(_("%(engineer)s is not taking jobs.") % {"engineer": engineer})
    if not engineer.areas.filter(pk=slot.area_id).exists():
        raise CannotDispatch(
            _("%(engineer)s does not work in %(area)s.") % {"engineer": engineer, "area": slot.area}
        )
    if not engineer.is_qualified_for(category):
        label = Category(category).label if category in Category.values else category
        raise CannotDispatch(
            _("%(engineer)s is not qualified for %(category)s.")
            % {"engineer": engineer, "category": label}
        )


def _busy(engineer: Engineer, slot: ServiceSlot) -> EngineerBusy:
    return EngineerBusy(
        _(
            "%(engineer)s already has a job on %(date)s at %(start)s. "
            "Choose another engineer or another window."
        )
        % {
            "engineer": engineer,
            "date": date_format(slot.date, "Y-m-d"),
            "start": time_format(slot.starts_at, "H:i"),
        }
    )


def _hold_engineer(engineer: Engineer, slot: ServiceSlot, *, keeping=None) -> None:
    """Lock the engineer's row, then refuse a window overlapping one of their jobs.

    The lock serialises every assignment of one engineer (PostgreSQL; SQLite runs writers
    one at a time anyway), so the overlap check below sees what a concurrent dispatcher
    committed; windows of two areas that overlap without starting at the same minute are
    caught here, which the unique constraint alone would miss.
    """
    list(Engineer.objects.select_for_update().filter(pk=engineer.pk).values_list("pk"))
    clash = Assignment.objects.filter(
        engineer=engineer,
        date=slot.date,
        slot__starts_at__lt=slot.ends_at,
        slot__ends_at__gt=slot.starts_at,
    )
    if keeping is not None:
        clash = clash.exclude(pk=keeping.pk)
    if clash.exists():
        raise _busy(engineer, slot)


def _save_assignment(assignment: Assignment, engineer: Engineer, slot: ServiceSlot) -> None:
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        # The constraint saw what the check could not (a row committed in between).
        raise _busy(engineer, slot) from None


def assign(*, job, engineer: Engineer, slot: ServiceSlot, actor, now: datetime.datetime):
    """Give `job` to `engineer` in `slot`; returns the Assignment.

    Raises CannotDispatch (EngineerBusy when the engineer is taken then), SlotFull when the
    window has no place left, OutOfOrder when the request has moved on.
    """
    if isinstance(job, ServiceBooking):
        return _assign_booking(job, engineer=engineer, slot=slot, actor=actor, now=now)
    return _assign_request(job, engineer=engineer, slot=slot, actor=actor, now=now)


def _check_request_window(service_request: ServiceRequest, slot: ServiceSlot) -> None:
    if service_request.area_id is not None and slot.area_id != service_request.area_id:
        raise CannotDispatch(
            _("That window is in %(slot_area)s; the request is in %(area)s.")
            % {"slot_area": slot.area, "area": service_request.area}
        )


def _assign_request(service_request, *, engineer, slot, actor, now) -> Assignment:
    _check_request_window(service_request, slot)
    check_engineer(engineer=engineer, slot=slot, category=category_of(service_request))
    changes = {"engineer": engineer, "slot": slot}
    if service_request.area_id is None:
        changes["area"] = slot.area
    if service_request.answered_at is None:
        changes["answered_at"] = now
    try:
        with transaction.atomic():
            _hold_engineer(engineer, slot)
            transition(
                service_request,
                action="assign",
                actor=actor,
                role=DISPATCHER,
                now=now,
                note=f"{engineer.name} · {window_text(slot)}",
                **changes,
            )
            take_place(slot_id=slot.pk, now=now)
            assignment = Assignment(
                engineer=engineer,
                slot=slot,
                request=service_request,
                date=slot.date,
                starts_at=slot.starts_at,
                assigned_by=actor,
                assigned_at=now,
            )
            _save_assignment(assignment, engineer, slot)
    except Exception:
        service_request.refresh_from_db()  # transition() already changed our copy
        raise
    return assignment


def _assign_booking(booking: ServiceBooking, *, engineer, slot, actor, now) -> Assignment:
    if booking.status != ServiceBooking.Status.BOOKED:
        raise CannotDispatch(_("This booking is not open any more."))
    if slot.pk != booking.slot_id:
        raise CannotDispatch(
            _("A shop visit keeps the window the customer booked; reschedule the booking first.")
        )
    check_engineer(engineer=engineer, slot=slot, category=category_of(booking))
    with transaction.atomic():
        _hold_engineer(engineer, slot)
        if Assignment.objects.filter(booking=booking).exists():
            raise CannotDispatch(
                _("Booking %(number)s already has an engineer.") % {"number": booking.number}
            )
        assignment = Assignment(
            engineer=engineer,
            slot=slot,
            booking=booking,
            date=slot.date,
            starts_at=slot.starts_at,
            assigned_by=actor,
            assigned_at=now,
        )
        _save_assignment(assignment, engineer, slot)
    return assignment


def reassign(*, job, engineer: Engineer, slot: ServiceSlot, actor, now: datetime.datetime):
    """Another engineer or another window for an assigned job, before anyone set off.

    A request's new place is taken and its old one given back in the same transaction (in
    the slots' id order, so two opposite moves cannot deadlock); a shop visit keeps its
    window and changes engineer only.
    """
    assignment = _current(job)
    if assignment.on_the_way_at or assignment.arrived_at or assignment.done_at:
        raise CannotDispatch(_("The engineer has already set off; this job cannot be moved now."))
    if isinstance(job, ServiceBooking):
        if job.status != ServiceBooking.Status.BOOKED:
            raise CannotDispatch(_("This booking is not open any more."))
        if slot.pk != job.slot_id:
            raise CannotDispatch(
                _(
                    "A shop visit keeps the window the customer booked; "
                    "reschedule the booking first."
                )
            )
    else:
        _check_request_window(job, slot)
    check_engineer(engineer=engineer, slot=slot, category=category_of(job))
    old_slot_id = assignment.slot_id
    try:
        with transaction.atomic():
            _hold_engineer(engineer, slot, keeping=assignment)
            if isinstance(job, ServiceRequest):
                transition(
                    job,
                    action="reschedule",
                    actor=actor,
                    role=DISPATCHER,
                    now=now,
                    note=f"{engineer.name} · {window_text(slot)}",
                    engineer=engineer,
                    slot=slot,
                )
                if slot.pk != old_slot_id:
                    moves = {
                        slot.pk: lambda: take_place(slot_id=slot.pk, now=now),
                        old_slot_id: lambda: release_place(slot_id=old_slot_id),
                    }
                    for slot_id in sorted(moves):
                        moves[slot_id]()
            assignment.engineer = engineer
            assignment.slot = slot
            assignment.date = slot.date
            assignment.starts_at = slot.starts_at
            assignment.assigned_by = actor
            assignment.assigned_at = now
            _save_assignment(assignment, engineer, slot)
    except Exception:
        job.refresh_from_db()
        raise
    return assignment


def unassign(*, job, actor, now: datetime.datetime, reason: str = "") -> None:
    """Take the engineer off a job that nobody has set off for; a request's place is freed."""
    assignment = _current(job)
    if assignment.on_the_way_at or assignment.arrived_at or assignment.done_at:
        raise CannotDispatch(_("The engineer has already set off; this job cannot be moved now."))
    try:
        with transaction.atomic():
            if isinstance(job, ServiceRequest):
                transition(
                    job,
                    action="unassign",
                    actor=actor,
                    role=DISPATCHER,
                    now=now,
                    note=reason,
                    engineer=None,
                    slot=None,
                )
                release_place(slot_id=assignment.slot_id)
            Assignment.objects.filter(pk=assignment.pk).delete()
    except Exception:
        job.refresh_from_db()
        raise


def cancel_request(
    *, service_request: ServiceRequest, actor, role: str, now: datetime.datetime, reason: str
) -> None:
    """Cancel a request with its reason; an assigned visit gives its place back."""
    try:
        with transaction.atomic():
            transition(
                service_request,
                action="cancel",
                actor=actor,
                role=role,
                now=now,
                note=reason,
                cancelled_at=now,
            )
            assignment = Assignment.objects.filter(request=service_request).first()
            if assignment is not None:
                release_place(slot_id=assignment.slot_id)
                assignment.delete()
    except Exception:
        service_request.refresh_from_db()
        raise


def _current(job) -> Assignment:
    lookup = {"booking": job} if isinstance(job, ServiceBooking) else {"request": job}
    assignment = Assignment.objects.select_related("slot").filter(**lookup).first()
    if assignment is None:
        raise CannotDispatch(_("This job has no engineer yet."))
    return assignment


def engineers_free_in(*, engineers, slots) -> dict[int, list[ServiceSlot]]:
    """{engineer id: the slots among `slots` that none of their jobs overlaps}.

    One query for the engineers' jobs on those days, whatever the number of engineers.
    """
    engineers, slots = list(engineers), list(slots)
    taken: dict[tuple[int, datetime.date], list[tuple]] = {}
    if engineers and slots:
        rows = Assignment.objects.filter(
            engineer__in=engineers, date__in={slot.date for slot in slots}
        ).values_list("engineer_id", "date", "slot__starts_at", "slot__ends_at")
        for engineer_id, day, starts, ends in rows:
            taken.setdefault((engineer_id, day), []).append((starts, ends))

    def free(engineer, slot) -> bool:
        return not any(
            starts < slot.ends_at and ends > slot.starts_at
            for starts, ends in taken.get((engineer.pk, slot.date), [])
        )

    return {engineer.pk: [slot for slot in slots if free(engineer, slot)] for engineer in engineers}


def qualified_engineers(*, area_id: int | None, category: str):
    """Active engineers working in the area (any area when None) qualified for `category`.

    Qualification is a JSON list, filtered in Python: a handful of engineers per area.
    """
    engineers = Engineer.objects.filter(is_active=True).order_by("name", "pk")
    if area_id is not None:
        engineers = engineers.filter(areas=area_id)
    return [engineer for engineer in engineers.distinct() if engineer.is_qualified_for(category)]
