"""The engineer's steps on a job: on my way, arrived, done.

A job is the engineer's Assignment, to a service request or a shop visit. "Done" is the
step that must hold under a double submission: the request's conditional UPDATE (or the
booking's, in complete_booking) lets one submission through, and the parts, the claim and
the photos are written after it inside the same transaction, so a second "done" finds the
status moved on and writes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from .. import phone_codes
from ..attachments import attach
from ..models import Assignment, PartUsed, ServiceAttachment, WarrantyClaim
from .bookings import CannotChange, complete_booking
from .claims import record_repair_claim
from .parts import PartLine, use_parts
from .requests import record_note, transition

ENGINEER = "engineer"


def code_purpose(number: str) -> str:
    """The phone code's purpose for confirming job `number` is done."""
    return f"done:{number}"


def ask_for_code(*, assignment: Assignment, now: datetime.datetime, text: str) -> None:
    """Text the customer a code that confirms the job is done; `text` holds %(code)s."""
    phone_codes.send(
        phone=assignment.contact_phone,
        purpose=code_purpose(assignment.job_number),
        text=text,
        now=now,
    )


def set_off(*, assignment: Assignment, eta_minutes: int, actor, now: datetime.datetime) -> None:
    """ "On my way": the request moves to on_the_way with the ETA; the visit is stamped."""
    with transaction.atomic():
        if assignment.request_id:
            transition(
                assignment.request,
                action="on_the_way",
                actor=actor,
                role=ENGINEER,
                now=now,
                eta_minutes=eta_minutes,
            )
            Assignment.objects.filter(pk=assignment.pk).update(on_the_way_at=now)
        else:
            _stamp(assignment, "on_the_way_at", now, refusal=_("You have already set off."))
    assignment.on_the_way_at = now


def arrive(*, assignment: Assignment, actor, now: datetime.datetime) -> None:
    with transaction.atomic():
        if assignment.request_id:
            transition(assignment.request, action="arrive", actor=actor, role=ENGINEER, now=now)
            Assignment.objects.filter(pk=assignment.pk).update(arrived_at=now)
        else:
            _stamp(assignment, "arrived_at", now, refusal=_("You have already arrived."))
    assignment.arrived_at = now


def _stamp(assignment: Assignment, field_name: str, now, *, refusal: str) -> None:
    """A shop visit's step: once, and only while the booking is open and not done."""
    if assignment.booking.status != assignment.booking.Status.BOOKED:
        raise CannotChange(_("This booking is not open any more."))
    stamped = Assignment.objects.filter(
        pk=assignment.pk, done_at__isnull=True, **{f"{field_name}__isnull": True}
    ).update(**{field_name: now})
    if not stamped:
        raise CannotChange(refusal)


@dataclass
class Done:
    parts: list[PartUsed] = field(default_factory=list)
    claim: WarrantyClaim | None = None
    attachments: list[ServiceAttachment] = field(default_factory=list)


def complete(
    *,
    assignment: Assignment,
    resolution: str,
    labour_minutes: int | None,
    parts: list[PartLine],
    actor,
    now: datetime.datetime,
    photos: tuple = (),
    signature_png: bytes | None = None,
    code: str = "",
) -> Done:
    """Finish the job: its step, the parts from stock, a covered repair's claim, the photos.

    The customer confirms with a signature or the code from their text message; the code
    is spent before the transaction (a wrong one counts as a try even if nothing else
    happens), and everything else is one transaction, all or nothing. Raises OutOfOrder or
    CannotChange when the job is already done (or cancelled), PartsShort when a part ran out,
    phone_codes.CodeRefused for a wrong code.
    """
    number = assignment.job_number
    if assignment.request_id and not (code or signature_png):
        raise ValueError("A service request is done only with the customer's confirmation.")
    if code:
        phone_codes.redeem(
            phone=assignment.contact_phone, purpose=code_purpose(number), code=code, now=now
        )
    done = Done()
    with transaction.atomic():
        if assignment.request_id:
            service_request = assignment.request
            transition(
                service_request,
                action="complete",
                actor=actor,
                role=ENGINEER,
                now=now,
                note=resolution,
                resolution=resolution,
                labour_minutes=labour_minutes,
                completed_at=now,
            )
            Assignment.objects.filter(pk=assignment.pk).update(done_at=now)
            done.parts = use_parts(job=service_request, lines=parts, actor=actor, now=now)
            done.claim = record_repair_claim(
                service_request=service_request,
                parts=done.parts,
                labour_minutes=labour_minutes,
                actor=actor,
                now=now,
            )
            for photo in photos:
                done.attachments.append(
                    attach(
                        service_request=service_request,
                        upload=photo,
                        stage=ServiceAttachment.Stage.WORK,
                        user=actor,
                    )
                )
            if signature_png:
                upload = SimpleUploadedFile(
                    f"{number}-signature.png", signature_png, content_type="image/png"
                )
                done.attachments.append(
                    attach(
                        service_request=service_request,
                        upload=upload,
                        stage=ServiceAttachment.Stage.SIGNATURE,
                        user=actor,
                    )
                )
            record_note(
                service_request,
                action="code_confirmed" if code else "signed",
                actor=actor,
                role=ENGINEER,
                now=now,
                customer_visible=True,
            )
        else:
            complete_booking(booking=assignment.booking)
            Assignment.objects.filter(pk=assignment.pk).update(done_at=now)
            done.parts = use_parts(job=assignment.booking, lines=parts, actor=actor, now=now)
    assignment.done_at = now
    return done
