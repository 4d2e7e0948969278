"""Progress by phone number and name: what a stranger may see, and what only the phone may.

`find` answers with the type, the dates and the status of each service request and shop
visit made under that phone and name, and nothing else. `Job.details` (the address, the
engineer, the notes) is filled only when the caller says the phone was proved by a code.
Nothing in the answer says whether the phone or the name was the wrong one.

A fixed number of queries whatever the number of jobs: requests with their engineer and
their customer-visible steps (two), visits with their slot and engineer (one).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from ..models import ServiceBooking, ServiceEvent, ServiceRequest
from ..services.requests import step_label

# Enough for anyone's own history; a bound on what one lookup can cost.
JOBS_PER_KIND = 20


@dataclass(frozen=True)
class Step:
    label: str
    at: datetime.datetime | None


@dataclass(frozen=True)
class Details:
    number: str
    address: str
    engineer: str
    notes: list[str]


@dataclass(frozen=True)
class Job:
    anchor: str
    type_label: str
    opened_at: datetime.datetime
    visit_on: datetime.date | None
    visit_window: str
    status_label: str
    finished: bool
    steps: list[Step]
    details: Details | None = field(default=None)


def _name_matches(name: str) -> Q:
    return Q(contact_name__iexact=name)


def _phone_matches(phone: str) -> Q:
    return Q(contact_phone=phone) | Q(customer__member_profile__phone=phone)


def _window(slot) -> str:
    if slot is None:
        return ""
    return f"{slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"


def _request_jobs(phone: str, name: str, *, with_details: bool) -> list[Job]:
    visible = ServiceEvent.objects.filter(customer_visible=True).order_by("at", "pk")
    requests = (
        ServiceRequest.objects.filter(_phone_matches(phone), _name_matches(name))
        .select_related("engineer", "slot")
        .prefetch_related(Prefetch("events", queryset=visible, to_attr="visible_events"))
        .order_by("-opened_at", "-pk")[:JOBS_PER_KIND]
    )
    jobs = []
    for req in requests:
        details = None
        if with_details:
            details = Details(
                number=req.number,
                address=req.address,
                engineer=req.engineer.name if req.engineer else "",
                notes=[event.note for event in req.visible_events if event.note],
            )
        jobs.append(
            Job(
                anchor=f"request-{req.pk}",
                type_label=req.get_kind_display(),
                opened_at=req.opened_at,
                visit_on=req.slot.date if req.slot else None,
                visit_window=_window(req.slot),
                status_label=req.get_status_display(),
                finished=not req.is_open,
                steps=[Step(step_label(e.action), e.at) for e in req.visible_events],
                details=details,
            )
        )
    return jobs


def _booking_steps(booking: ServiceBooking, assignment) -> list[Step]:
    steps = [Step(_("Visit booked"), booking.created_at)]
    if assignment is not None:
        steps.append(Step(step_label("assign"), assignment.assigned_at))
    if booking.status == ServiceBooking.Status.CANCELLED:
        steps.append(Step(_("Cancelled"), booking.cancelled_at))
    elif booking.status == ServiceBooking.Status.COMPLETED:
        steps.append(Step(_("Completed"), assignment.done_at if assignment else None))
    return steps


def _booking_jobs(phone: str, name: str, *, with_details: bool) -> list[Job]:
    bookings = (
        ServiceBooking.objects.filter(_phone_matches(phone), _name_matches(name))
        .select_related("slot", "assignment__engineer")
        .order_by("-created_at", "-pk")[:JOBS_PER_KIND]
    )
    jobs = []
    for booking in bookings:
        assignment = getattr(booking, "assignment", None)
        details = None
        if with_details:
            details = Details(
                number=booking.number,
                address=booking.address,
                engineer=assignment.engineer.name if assignment else "",
                notes=[],
            )
        jobs.append(
            Job(
                anchor=f"visit-{booking.pk}",
                type_label=booking.service_title,
                opened_at=booking.created_at,
                visit_on=booking.slot.date,
                visit_window=_window(booking.slot),
                status_label=booking.get_status_display(),
                finished=booking.status != ServiceBooking.Status.BOOKED,
                steps=_booking_steps(booking, assignment),
                details=details,
            )
        )
    return jobs


def find(*, phone: str, name: str, with_details: bool = False) -> list[Job]:
    """The requests and visits under `phone` and `name`, newest first.

    `phone` is normalised (11 digits); `name` is compared whole, ignoring case and the
    spaces around it. `with_details` only when this phone was proved by a code.
    """
    name = " ".join(name.split())
    if not phone or not name:
        return []
    jobs = _request_jobs(phone, name, with_details=with_details)
    jobs += _booking_jobs(phone, name, with_details=with_details)
    return sorted(jobs, key=lambda job: job.opened_at, reverse=True)
