"""The service desk's steps on a request that no engineer's visit carries: answering it,
the mail-in repair (寄修) at the repair centre, the remote video call, closing it.

Each is one `transition`; the first answer the customer gets, whatever its form, stamps
`answered_at`, which the 2-hour promise is measured by.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ServiceRequest
from .claims import record_repair_claim
from .parts import PartLine, use_parts
from .requests import transition
from .work import Done

DESK = "agent"


def _answering(service_request: ServiceRequest, now: datetime.datetime) -> dict:
    return {"answered_at": now} if service_request.answered_at is None else {}


def answer(*, service_request: ServiceRequest, note: str, actor, now: datetime.datetime):
    return transition(
        service_request,
        action="answer",
        actor=actor,
        role=DESK,
        now=now,
        note=note,
        **_answering(service_request, now),
    )


def await_parcel(*, service_request: ServiceRequest, actor, now: datetime.datetime):
    """Tell the customer where to send the appliance: the repair centre's address."""
    note = _("Please send the appliance to: %(address)s") % {
        "address": settings.AFTERCARE_REPAIR_CENTRE_ADDRESS
    }
    return transition(
        service_request,
        action="await_parcel",
        actor=actor,
        role=DESK,
        now=now,
        note=note,
        **_answering(service_request, now),
    )


def receive_parcel(
    *, service_request: ServiceRequest, tracking: str, actor, now: datetime.datetime
):
    return transition(
        service_request,
        action="receive_parcel",
        actor=actor,
        role=DESK,
        now=now,
        note=tracking,
        inbound_tracking=tracking,
    )


def repair(
    *,
    service_request: ServiceRequest,
    resolution: str,
    labour_minutes: int | None,
    parts: list[PartLine],
    actor,
    now: datetime.datetime,
) -> Done:
    """The repair centre fixed it: parts from stock and a covered repair's claim, once."""
    done = Done()
    with transaction.atomic():
        transition(
            service_request,
            action="repair",
            actor=actor,
            role=DESK,
            now=now,
            note=resolution,
            resolution=resolution,
            labour_minutes=labour_minutes,
        )
        done.parts = use_parts(job=service_request, lines=parts, actor=actor, now=now)
        done.claim = record_repair_claim(
            service_request=service_request,
            parts=done.parts,
            labour_minutes=labour_minutes,
            actor=actor,
            now=now,
        )
    return done


def ship_back(*, service_request: ServiceRequest, tracking: str, actor, now: datetime.datetime):
    return transition(
        service_request,
        action="ship_back",
        actor=actor,
        role=DESK,
        now=now,
        note=tracking,
        outbound_tracking=tracking,
    )


def schedule_call(
    *,
    service_request: ServiceRequest,
    appointment_at: datetime.datetime,
    call_link: str,
    actor,
    now: datetime.datetime,
):
    return transition(
        service_request,
        action="schedule_call",
        actor=actor,
        role=DESK,
        now=now,
        note=call_link,
        appointment_at=appointment_at,
        call_link=call_link,
        **_answering(service_request, now),
    )


def finish(*, service_request: ServiceRequest, note: str, actor, now: datetime.datetime):
    """Done from the desk: a consultation answered, a video call held, a parcel back home."""
    changes = {"completed_at": now}
    if note and not service_request.resolution:
        changes["resolution"] = note
    return transition(
        service_request, action="complete", actor=actor, role=DESK, now=now, note=note, **changes
    )
