"""What a customer may do with a request: open it, move or cancel the visit, confirm the job.

The status itself only moves through `transition` (aftersales.services.requests), so a step
out of order raises OutOfOrder whichever page asked; the rules here are the customer's own:
nothing changes online in the last 2 hours before a visit, and a visit moves only to a
window more than 24 hours ahead in the same area.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from .. import attachments
from ..models import Assignment, ServiceAttachment, ServiceEvent, ServiceRequest, ServiceSlot
from .bookings import SlotFull, release_place, take_place, visit_starts
from .requests import OutOfOrder, can, open_or_find_request, transition

Status = ServiceRequest.Status
# The engineer is on their way by then: changes go through the hotline.
CHANGE_CUTOFF = datetime.timedelta(hours=2)
# A new window must leave the dispatcher and the engineer a day to plan.
MOVE_AHEAD = datetime.timedelta(hours=24)


class TooLate(Exception):
    """The visit is too close to change online; the message says so and gives the hotline."""


class CannotMove(Exception):
    """The window asked for is not one the visit can move to; the message says why."""


def window_starts(service_request: ServiceRequest) -> datetime.datetime | None:
    """When the engineer's window (or the video call) starts, if one is booked."""
    if service_request.slot_id and service_request.slot is not None:
        return visit_starts(service_request.slot)
    if service_request.status == Status.SCHEDULED and service_request.appointment_at:
        return service_request.appointment_at
    return None


def too_close(service_request: ServiceRequest, *, now: datetime.datetime) -> bool:
    starts = window_starts(service_request)
    return starts is not None and starts - now < CHANGE_CUTOFF


def _too_late(service_request: ServiceRequest, *, cancelling: bool) -> TooLate:
    starts = timezone.localtime(window_starts(service_request))
    params = {
        "time": time_format(starts, "H:i"),
        "date": date_format(starts, "MONTH_DAY_FORMAT"),
        "phone": settings.AFTERCARE_SERVICE_PHONE,
    }
    if cancelling:
        message = _(
            "Your appointment starts at %(time)s on %(date)s, less than 2 hours from now, so "
            "it can no longer be cancelled online. Please call our service hotline %(phone)s."
        )
    else:
        message = _(
            "Your appointment starts at %(time)s on %(date)s, less than 2 hours from now, so "
            "it can no longer be moved online. Please call our service hotline %(phone)s."
        )
    return TooLate(message % params)


def open_customer_request(
    *,
    user,
    uploads: list[attachments.Checked],
    client_token: str,
    now: datetime.datetime,
    **fields,
) -> tuple[ServiceRequest, bool]:
    """Open the request a customer (or a guest with a confirmed phone) confirmed, with its
    photos; return it and whether it was opened now.

    The form's token makes a second "Confirm" return the first request without attaching
    its files again. Should anything fail, the request, its rows and its stored files are
    all gone: nothing is left half-written.
    """
    signed_in = user is not None and user.is_authenticated
    stored: list[ServiceAttachment] = []
    try:
        with transaction.atomic():
            service_request, created = open_or_find_request(
                customer=user if signed_in else None,
                created_by=user if signed_in else None,
                role="customer" if signed_in else "guest",
                client_token=client_token,
                now=now,
                **fields,
            )
            if created:
                for upload in uploads:
                    stored.append(
                        attachments.attach(
                            service_request=service_request,
                            upload=upload,
                            stage=ServiceAttachment.Stage.FAULT,
                            user=user,
                        )
                    )
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return service_request, created


def cancel_request(
    *, service_request: ServiceRequest, actor, role: str, now: datetime.datetime, reason: str = ""
) -> ServiceEvent:
    """Cancel the request; an engineer's window is given back and their job removed.

    Refused (TooLate) in the last 2 hours before the window, and (OutOfOrder) once the
    engineer is on the way or the job is done.
    """
    if not can(service_request, "cancel"):
        # transition words the refusal; it raises before writing anything.
        return transition(service_request, action="cancel", actor=actor, role=role, now=now)
    if too_close(service_request, now=now):
        raise _too_late(service_request, cancelling=True)
    with transaction.atomic():
        event = transition(
            service_request,
            action="cancel",
            actor=actor,
            role=role,
            now=now,
            note=reason,
            cancelled_at=now,
            engineer=None,
            slot=None,
        )
        _release_assignment(service_request)
    return event


def _release_assignment(service_request: ServiceRequest) -> None:
    assignment = Assignment.objects.filter(request=service_request).first()
    if assignment is not None:
        release_place(slot_id=assignment.slot_id)
        assignment.delete()


def reschedule_request(
    *,
    service_request: ServiceRequest,
    slot_id: int,
    actor,
    now: datetime.datetime,
) -> ServiceEvent:
    """Move an assigned visit to another window of its area, more than 24 hours ahead.

    The same engineer keeps the job if they are free then; if not, the request goes back
    to the dispatcher (ANSWERED) with the window the customer asked for in the timeline.
    """
    if not can(service_request, "reschedule"):
        return transition(
            service_request, action="reschedule", actor=actor, role="customer", now=now
        )
    if too_close(service_request, now=now):
        raise _too_late(service_request, cancelling=False)
    slot = ServiceSlot.objects.filter(pk=slot_id, area_id=service_request.area_id).first()
    if slot is None or visit_starts(slot) - now <= MOVE_AHEAD:
        raise CannotMove(_("Choose a time in your area more than 24 hours from now."))
    if slot.pk == service_request.slot_id:
        raise CannotMove(_("Your visit is already at that time."))
    assignment = (
        Assignment.objects.select_related("engineer").filter(request=service_request).first()
    )
    engineer = assignment.engineer if assignment is not None else service_request.engineer
    window = _window_text(slot)
    if engineer is not None and not _busy(engineer, slot, assignment):
        try:
            with transaction.atomic():
                take_place(slot_id=slot.pk, now=now)
                if assignment is not None:
                    Assignment.objects.filter(pk=assignment.pk).update(
                        slot=slot, date=slot.date, starts_at=slot.starts_at
                    )
                    release_place(slot_id=assignment.slot_id)
                elif service_request.slot_id:
                    release_place(slot_id=service_request.slot_id)
                return transition(
                    service_request,
                    action="reschedule",
                    actor=actor,
                    role="customer",
                    now=now,
                    note=window,
                    slot=slot,
                )
        except IntegrityError:
            pass  # someone gave the engineer that window a moment ago: the dispatcher decides
    if not slot.free:
        raise SlotFull
    with transaction.atomic():
        event = transition(
            service_request,
            action="requeue",
            actor=actor,
            role="customer",
            now=now,
            note=_("Asked for %(window)s") % {"window": window},
            engineer=None,
            slot=None,
        )
        _release_assignment(service_request)
    return event


def _busy(engineer, slot: ServiceSlot, assignment) -> bool:
    others = Assignment.objects.filter(engineer=engineer, date=slot.date, starts_at=slot.starts_at)
    if assignment is not None:
        others = others.exclude(pk=assignment.pk)
    return others.exists()


def _window_text(slot: ServiceSlot) -> str:
    return (
        f"{date_format(slot.date, 'MONTH_DAY_FORMAT')} "
        f"{time_format(slot.starts_at, 'H:i')}–{time_format(slot.ends_at, 'H:i')}"
    )


def confirm_request(
    *, service_request: ServiceRequest, actor, role: str, now: datetime.datetime
) -> ServiceEvent:
    """The customer says the job is done as they wanted (only once it is DONE)."""
    return transition(
        service_request, action="confirm", actor=actor, role=role, now=now, confirmed_at=now
    )


__all__ = [
    "CHANGE_CUTOFF",
    "MOVE_AHEAD",
    "CannotMove",
    "OutOfOrder",
    "SlotFull",
    "TooLate",
    "cancel_request",
    "confirm_request",
    "open_customer_request",
    "reschedule_request",
    "too_close",
    "window_starts",
]
