"""Service requests: opening one with its promise fixed, and every step of its timeline.

Every status change goes through `transition`: one conditional UPDATE from the statuses
the step allows, and one `ServiceEvent` saying who, when and why, in the same transaction.
Two people pressing buttons at once cannot both move a request: the second UPDATE finds the
status moved on and `OutOfOrder` says so (views answer 409).
"""

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groundwork.queue import enqueue_on_commit

from .. import business_hours, coverage, notices, tasks
from ..models import (
    REPAIR_KINDS,
    VISIT_KINDS,
    Cover,
    RepairRate,
    ServiceEvent,
    ServiceKind,
    ServicePromise,
    ServiceRequest,
)

Status = ServiceRequest.Status
ALL_KINDS = frozenset(ServiceKind.values)
MAILIN = frozenset({ServiceKind.MAILIN_REPAIR})
REMOTE = frozenset({ServiceKind.REMOTE_DIAGNOSIS})
CONSULT = frozenset({ServiceKind.CONSULTATION})

# When nobody has written the promise for a kind down yet (a fresh database), these hold.
DEFAULT_RESPONSE_HOURS = 2
DEFAULT_ARRIVAL_HOURS = 24


class OutOfOrder(Exception):
    """A step the request's status (or type) does not allow now; the message says why."""


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    allowed_from: frozenset
    to: str
    kinds: frozenset = ALL_KINDS
    customer_visible: bool = True


def _step(name, label, allowed_from, to, kinds=ALL_KINDS, customer_visible=True):
    return Step(name, label, frozenset(allowed_from), to, frozenset(kinds), customer_visible)


# The whole map of a request's life. A step not listed for a status is out of order.
STEPS = {
    step.name: step
    for step in [
        _step("answer", gettext_lazy("Answered"), {Status.RECEIVED}, Status.ANSWERED),
        _step(
            "assign",
            gettext_lazy("Engineer assigned"),
            {Status.RECEIVED, Status.ANSWERED},
            Status.ASSIGNED,
            VISIT_KINDS,
        ),
        _step(
            "reschedule",
            gettext_lazy("Visit moved"),
            {Status.ASSIGNED},
            Status.ASSIGNED,
            VISIT_KINDS,
        ),
        # The customer moved the visit to a window their engineer cannot make: back to the
        # dispatcher, who finds someone free then.
        _step(
            "requeue",
            gettext_lazy("Visit moved: engineer to be confirmed"),
            {Status.ASSIGNED},
            Status.ANSWERED,
            VISIT_KINDS,
        ),
        _step(
            "unassign",
            gettext_lazy("Engineer withdrawn; another will be assigned"),
            {Status.ASSIGNED},
            Status.ANSWERED,
            VISIT_KINDS,
        ),
        _step(
            "on_the_way",
            gettext_lazy("Engineer on the way"),
            {Status.ASSIGNED},
            Status.ON_THE_WAY,
            VISIT_KINDS,
        ),
        _step(
            "arrive",
            gettext_lazy("Engineer arrived"),
            {Status.ASSIGNED, Status.ON_THE_WAY},
            Status.ARRIVED,
            VISIT_KINDS,
        ),
        _step(
            "await_parcel",
            gettext_lazy("Waiting for your parcel"),
            {Status.RECEIVED, Status.ANSWERED},
            Status.AWAITING_PARCEL,
            MAILIN,
        ),
        _step(
            "receive_parcel",
            gettext_lazy("Parcel received"),
            {Status.AWAITING_PARCEL},
            Status.PARCEL_RECEIVED,
            MAILIN,
        ),
        _step(
            "repair",
            gettext_lazy("Repaired"),
            {Status.PARCEL_RECEIVED},
            Status.REPAIRED,
            MAILIN,
        ),
        _step(
            "ship_back",
            gettext_lazy("Shipped back"),
            {Status.REPAIRED},
            Status.SHIPPED_BACK,
            MAILIN,
        ),
        _step(
            "schedule_call",
            gettext_lazy("Video call scheduled"),
            {Status.RECEIVED, Status.ANSWERED, Status.SCHEDULED},
            Status.SCHEDULED,
            REMOTE,
        ),
        _step(
            "complete",
            gettext_lazy("Done"),
            {Status.ARRIVED, Status.SHIPPED_BACK, Status.SCHEDULED, Status.ANSWERED},
            Status.DONE,
        ),
        _step(
            "confirm", gettext_lazy("Confirmed by the customer"), {Status.DONE}, Status.CONFIRMED
        ),
        _step(
            "cancel",
            gettext_lazy("Cancelled"),
            {
                Status.RECEIVED,
                Status.ANSWERED,
                Status.ASSIGNED,
                Status.AWAITING_PARCEL,
                Status.SCHEDULED,
            },
            Status.CANCELLED,
        ),
    ]
}
# Some "from" statuses only make sense for some kinds (a consultation is done once
# answered; a visit is not): `complete` from ANSWERED is for consultations only.
COMPLETE_FROM = {
    Status.ARRIVED: VISIT_KINDS,
    Status.SHIPPED_BACK: MAILIN,
    Status.SCHEDULED: REMOTE,
    Status.ANSWERED: CONSULT,
}


# Timeline entries that move no status.
NOTES = {
    "open": gettext_lazy("Request received"),
    "warn": gettext_lazy("Deadline near: reminded"),
    "escalate": gettext_lazy("Escalated"),
    "compensate": gettext_lazy("Compensated for a missed promise"),
    "note": gettext_lazy("Note"),
    "signed": gettext_lazy("The customer signed for the work"),
    "code_confirmed": gettext_lazy("The customer confirmed the work with their text-message code"),
}


def step_label(action: str) -> str:
    step = STEPS.get(action)
    if step is not None:
        return str(step.label)
    return str(NOTES.get(action, action))


def _allowed(step: Step, service_request: ServiceRequest) -> frozenset:
    if service_request.kind not in step.kinds:
        return frozenset()
    if step.name == "complete":
        return frozenset(s for s, kinds in COMPLETE_FROM.items() if service_request.kind in kinds)
    return step.allowed_from


def can(service_request: ServiceRequest, action: str) -> bool:
    step = STEPS[action]
    return service_request.status in _allowed(step, service_request)


def _refusal(service_request: ServiceRequest, step: Step) -> OutOfOrder:
    if service_request.kind not in step.kinds:
        return OutOfOrder(
            _("“%(step)s” does not apply to a %(kind)s request.")
            % {"step": step.label, "kind": service_request.get_kind_display().lower()}
        )
    return OutOfOrder(
        _("Request %(number)s is “%(status)s”; “%(step)s” cannot happen now.")
        % {
            "number": service_request.number,
            "status": service_request.get_status_display(),
            "step": step.label,
        }
    )


def transition(
    service_request: ServiceRequest,
    *,
    action: str,
    actor=None,
    role: str,
    now: datetime.datetime,
    note: str = "",
    **changes,
) -> ServiceEvent:
    """Move `service_request` by one step, recording who did it and why.

    `changes` are further fields written by the same UPDATE (the engineer, the slot, the
    resolution…). Raises OutOfOrder when the step does not apply to the request's type or
    its status has moved on (also when someone else moved it a moment ago).
    """
    step = STEPS[action]
    allowed = _allowed(step, service_request)
    if service_request.status not in allowed:
        raise _refusal(service_request, step)
    status_from = service_request.status
    with transaction.atomic():
        updated = ServiceRequest.objects.filter(pk=service_request.pk, status=status_from).update(
            status=step.to, **changes
        )
        if not updated:
            service_request.refresh_from_db()
            raise _refusal(service_request, step)
        event = ServiceEvent.objects.create(
            request=service_request,
            action=action,
            status_from=status_from,
            status_to=step.to,
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_role=role,
            note=note,
            customer_visible=step.customer_visible,
            at=now,
        )
        announce(event, service_request)
    service_request.status = step.to
    for field, value in changes.items():
        setattr(service_request, field, value)
    return event


def announce(event: ServiceEvent, service_request: ServiceRequest) -> None:
    """Write the customer's notices of `event` now and send them once the step commits."""
    if notices.write_for_event(event=event, service_request=service_request):
        enqueue_on_commit(tasks.send_service_notices, event.pk)


def record_note(
    service_request: ServiceRequest,
    *,
    action: str,
    actor=None,
    role: str,
    now: datetime.datetime,
    note: str = "",
    customer_visible: bool = False,
) -> ServiceEvent:
    """A timeline entry that moves nothing: a warning, an escalation, a compensation."""
    return ServiceEvent.objects.create(
        request=service_request,
        action=action,
        status_from=service_request.status,
        status_to=service_request.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_role=role,
        note=note,
        customer_visible=customer_visible,
        at=now,
    )


# -- opening a request -----------------------------------------------------------------


def promise_for(kind: str) -> ServicePromise:
    """The written promise for `kind`, or the defaults the site's pages state."""
    promise = ServicePromise.objects.filter(kind=kind).first()
    if promise is None:
        promise = ServicePromise(
            kind=kind,
            response_hours=DEFAULT_RESPONSE_HOURS,
            arrival_hours=DEFAULT_ARRIVAL_HOURS if kind in VISIT_KINDS else None,
        )
    return promise


@dataclass(frozen=True)
class Quote:
    """What the customer sees before confirming: who pays, and how much if they do."""

    cover: str
    contract: object | None
    callout_fee: Decimal
    labour: Decimal
    parts: Decimal

    @property
    def total(self) -> Decimal:
        return self.callout_fee + self.labour + self.parts

    @property
    def covered(self) -> bool:
        return self.cover in (Cover.BASE, Cover.EXTENDED)

    def get_cover_display(self) -> str:
        return str(Cover(self.cover).label)


def quote(*, kind: str, appliance_model, unit, today: datetime.date) -> Quote:
    """Coverage and price for a request of `kind` on this unit (or model, for a guest).

    Repairs depend on cover; installations, guidance and consultations are part of the
    purchase and cost nothing; out of warranty, the call-out fee and the labour and parts
    estimate for the model's category are shown before the customer confirms.
    """
    zero = Decimal("0.00")
    if kind not in REPAIR_KINDS:
        return Quote(Cover.NOT_APPLICABLE, None, zero, zero, zero)
    decision = coverage.decide(unit, today=today)
    if decision.covered:
        return Quote(decision.cover, decision.contract, zero, zero, zero)
    promise = promise_for(kind)
    rate = RepairRate.objects.filter(kind=kind, category=appliance_model.category).first()
    return Quote(
        Cover.NONE,
        None,
        promise.callout_fee if kind in VISIT_KINDS else zero,
        rate.labour if rate else zero,
        rate.parts if rate else zero,
    )


def deadlines(
    *, kind: str, area, opened_at: datetime.datetime
) -> tuple[datetime.datetime, datetime.datetime | None]:
    """(answer due, arrival due) in business hours from `opened_at`."""
    promise = promise_for(kind)
    response_due = business_hours.add_business_hours(opened_at, promise.response_hours)
    arrival_due = None
    if kind in VISIT_KINDS:
        hours = promise.arrival_hours or DEFAULT_ARRIVAL_HOURS
        if area is not None:
            hours = max(hours, area.arrival_hours)
        arrival_due = business_hours.add_business_hours(opened_at, hours)
    return response_due, arrival_due


def _new_number(now: datetime.datetime) -> str:
    return f"SR{now:%y%m%d}{secrets.token_hex(3).upper()}"


def open_request(**fields) -> ServiceRequest:
    """Open a request (see open_or_find_request); a repeat returns the first request."""
    return open_or_find_request(**fields)[0]


def open_or_find_request(
    *,
    kind: str,
    channel: str,
    appliance_model,
    contact_name: str,
    contact_phone: str,
    now: datetime.datetime,
    unit=None,
    serial: str = "",
    customer=None,
    email: str = "",
    language: str = "zh-hans",
    area=None,
    address: str = "",
    symptom: str = "",
    troubleshooting: str = "",
    created_by=None,
    role: str = "customer",
    partner: str = "",
    partner_order_id: str = "",
    client_token: str = "",
) -> tuple[ServiceRequest, bool]:
    """Open a request with its cover, estimate and deadlines fixed now, and its first event;
    return it and whether it was opened now.

    A partner's order line opens one request however often it is sent, and so does a
    customer's form however often "Confirm" is pressed: the unique (partner, order id) and
    form-token constraints decide, and a repeat returns the first request.
    """
    existing = _repeat_of(partner, partner_order_id, client_token)
    if existing is not None:
        return existing, False
    if unit is not None:
        appliance_model = unit.appliance_model
        serial = unit.serial
    price = quote(
        kind=kind, appliance_model=appliance_model, unit=unit, today=timezone.localdate(now)
    )
    response_due, arrival_due = deadlines(kind=kind, area=area, opened_at=now)
    fields = dict(
        kind=kind,
        channel=channel,
        appliance_model=appliance_model,
        unit=unit,
        serial=serial,
        customer=customer if customer is not None and customer.is_authenticated else None,
        contact_name=contact_name,
        contact_phone=contact_phone,
        email=email,
        language=language,
        area=area,
        address=address,
        symptom=symptom,
        troubleshooting=troubleshooting,
        cover=price.cover,
        contract=price.contract,
        callout_fee=price.callout_fee,
        labour_estimate=price.labour,
        parts_estimate=price.parts,
        opened_at=now,
        response_due=response_due,
        arrival_due=arrival_due,
        created_by=created_by,
        partner=partner,
        partner_order_id=partner_order_id,
        client_token=client_token,
    )
    for _attempt in range(3):
        try:
            with transaction.atomic():
                service_request = ServiceRequest.objects.create(number=_new_number(now), **fields)
                event = ServiceEvent.objects.create(
                    request=service_request,
                    action="open",
                    status_from="",
                    status_to=service_request.status,
                    actor=created_by or fields["customer"],
                    actor_role=role,
                    note=symptom[:500],
                    at=now,
                )
                announce(event, service_request)
            return service_request, True
        except IntegrityError:
            existing = _repeat_of(partner, partner_order_id, client_token)
            if existing is not None:
                return existing, False
            # else: the random number collided; draw another.
    raise IntegrityError("Could not number the service request")


def _repeat_of(partner: str, partner_order_id: str, client_token: str) -> ServiceRequest | None:
    if partner:
        found = ServiceRequest.objects.filter(partner=partner, partner_order_id=partner_order_id)
        return found.first()
    if client_token:
        return ServiceRequest.objects.filter(client_token=client_token).first()
    return None
