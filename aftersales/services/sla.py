"""Keeping the service promise: the job Celery beat runs every few minutes.

For a request nobody has answered yet: at 75 % of its answer time (in business hours) the
desk is reminded, once; at the deadline it climbs the ladder, team lead first, one level
per further answer time (again in business hours) up to the manager, each level once; and
the missed answer is compensated with what the service promise publishes, once. A visit
whose engineer has not arrived by its arrival deadline is compensated the same way, once.

"Once" rests on the database, not on this job's reading of it: `warned_at` and
`escalation_level` move by conditional UPDATEs, every step writes a ServiceAlert whose
(request, step, level) is unique, a grant is unique per request and broken promise, and
its points carry the ledger's unique source key. Two runs at the same moment, or a run
retried after a crash, do each thing once.

The job returns the alerts it wrote; aftersales.tasks sends their notices after commit.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import compensation, ladder
from ..business_hours import business_seconds_between
from ..models import VISIT_KINDS, ServiceAlert, ServiceEvent, ServiceRequest, StaffLevel
from .requests import promise_for, record_note

Status = ServiceRequest.Status
Step = ServiceAlert.Step
Rule = compensation.Rule

WARN_AT = 0.75
# Statuses in which the engineer has not arrived yet.
BEFORE_ARRIVAL = (Status.RECEIVED, Status.ANSWERED, Status.ASSIGNED, Status.ON_THE_WAY)
# A promise broken longer ago than this is history, not the job's business any more.
LOOKBACK = datetime.timedelta(days=30)
# An alert still unsent this long after it was written lost its way to the queue.
RESEND_AFTER = datetime.timedelta(minutes=10)


def run(*, now: datetime.datetime) -> list[int]:
    """Warn, escalate and compensate whatever is due at `now`; the ids of the alerts written."""
    alert_ids = []
    for service_request in _waiting_for_an_answer():
        alert_ids += _keep_answer_promise(service_request, now=now)
    for service_request in _answered_late(now):
        alert_ids += _compensate(service_request, rule=Rule.RESPONSE, now=now)
    for service_request in _late_for_arrival(now):
        alert_ids += _compensate(service_request, rule=Rule.ARRIVAL, now=now)
    return alert_ids


def unsent_alerts(*, now: datetime.datetime) -> list[int]:
    """Alerts written a while ago whose notice never went out (the queue lost it)."""
    return list(
        ServiceAlert.objects.filter(
            sent_at__isnull=True,
            created_at__lte=now - RESEND_AFTER,
            created_at__gte=now - LOOKBACK,
        ).values_list("pk", flat=True)
    )


# --- Who is due for what ---------------------------------------------------------------


def _handled(step: str) -> Exists:
    return Exists(ServiceAlert.objects.filter(request=OuterRef("pk"), step=step))


def _waiting_for_an_answer():
    """Unanswered requests with something still to do: not yet at the top of the ladder,
    or not yet compensated."""
    return (
        ServiceRequest.objects.filter(status=Status.RECEIVED, answered_at__isnull=True)
        .annotate(compensated=_handled(Step.MISSED_ANSWER))
        .exclude(escalation_level__gte=ladder.TOP, compensated=True)
        .only(
            "pk",
            "number",
            "kind",
            "status",
            "language",
            "opened_at",
            "response_due",
            "warned_at",
            "escalation_level",
        )
        .order_by("response_due", "pk")
    )


def _answered_late(now):
    """Answered after the deadline before the job saw the deadline pass (it was down)."""
    return ServiceRequest.objects.filter(
        answered_at__gt=F("response_due"), response_due__gte=now - LOOKBACK
    ).exclude(_handled(Step.MISSED_ANSWER))


def _late_for_arrival(now):
    arrived_late = Exists(
        ServiceEvent.objects.filter(
            request=OuterRef("pk"), action="arrive", at__gt=OuterRef("arrival_due")
        )
    )
    return (
        ServiceRequest.objects.filter(
            kind__in=VISIT_KINDS, arrival_due__lte=now, arrival_due__gte=now - LOOKBACK
        )
        .filter(Q(status__in=BEFORE_ARRIVAL) | arrived_late)
        .exclude(_handled(Step.MISSED_ARRIVAL))
        .order_by("arrival_due", "pk")
    )


# --- The answer promise ----------------------------------------------------------------


def _keep_answer_promise(service_request: ServiceRequest, *, now) -> list[int]:
    promised = business_seconds_between(service_request.opened_at, service_request.response_due)
    if now < service_request.response_due:
        elapsed = business_seconds_between(service_request.opened_at, now)
        if service_request.warned_at is None and elapsed >= WARN_AT * promised:
            return _warn(service_request, now=now)
        return []
    overdue = business_seconds_between(service_request.response_due, now)
    period = promised or 3600.0
    level = min(ladder.TOP, StaffLevel.TEAM_LEAD + int(overdue // period))
    alert_ids = []
    if service_request.escalation_level < level:
        alert_ids += _escalate(service_request, to=level, now=now)
    if not service_request.compensated:
        alert_ids += _compensate(service_request, rule=Rule.RESPONSE, now=now)
    return alert_ids


def _warn(service_request: ServiceRequest, *, now) -> list[int]:
    with transaction.atomic():
        claimed = ServiceRequest.objects.filter(
            pk=service_request.pk, warned_at__isnull=True, status=Status.RECEIVED
        ).update(warned_at=now)
        if not claimed:
            return []
        alert = _alert(service_request, step=Step.WARN, level=StaffLevel.AGENT, now=now)
        if alert is None:
            return []
        with translation.override(settings.LANGUAGE_CODE):
            note = _("Answer due at %(due)s; the desk is reminded.") % {
                "due": _local(service_request.response_due)
            }
        record_note(service_request, action="warn", role="system", now=now, note=note)
    service_request.warned_at = now
    return [alert.pk]


def _escalate(service_request: ServiceRequest, *, to: int, now) -> list[int]:
    """Climb from the request's level to `to`, telling each level passed once."""
    start = service_request.escalation_level
    with transaction.atomic():
        claimed = ServiceRequest.objects.filter(
            pk=service_request.pk, escalation_level=start, status=Status.RECEIVED
        ).update(escalation_level=to)
        if not claimed:
            return []  # another run climbed first; the next run sees where it got to
        alert_ids = []
        for level in range(start + 1, to + 1):
            alert = _alert(service_request, step=Step.ESCALATE, level=level, now=now)
            if alert is None:
                continue
            alert_ids.append(alert.pk)
            with translation.override(settings.LANGUAGE_CODE):
                note = _("Not answered by %(due)s: escalated to the %(role)s.") % {
                    "due": _local(service_request.response_due),
                    "role": str(StaffLevel(level).label).lower(),
                }
            record_note(service_request, action="escalate", role="system", now=now, note=note)
    service_request.escalation_level = to
    return alert_ids


# --- Broken promises -------------------------------------------------------------------


def _compensate(service_request: ServiceRequest, *, rule: str, now) -> list[int]:
    """Grant what the promise publishes for breaking `rule`, once, and say so on the
    timeline (the customer sees it)."""
    step = Step.MISSED_ANSWER if rule == Rule.RESPONSE else Step.MISSED_ARRIVAL
    promise = promise_for(service_request.kind)
    with transaction.atomic():
        alert = _alert(service_request, step=step, level=StaffLevel.AGENT, now=now)
        if alert is None:
            return []
        ServiceRequest.objects.filter(pk=service_request.pk, breached_at__isnull=True).update(
            breached_at=now
        )
        granted = None
        if promise.compensation_amount:
            granted = compensation.grant_for_breach(
                service_request=service_request, rule=rule, promise=promise, now=now
            )
        if granted is not None:
            ServiceAlert.objects.filter(pk=alert.pk).update(grant=granted)
        with translation.override(service_request.language):
            if rule == Rule.RESPONSE:
                note = _("We did not call you back in time.")
            else:
                note = _("Our engineer did not arrive in time.")
            if granted is not None:
                note += " " + _("As promised, you receive %(what)s.") % {
                    "what": compensation.describe(granted.kind, granted.amount)
                }
                if granted.voucher_codes:
                    note += " " + _("Your code: %(codes)s") % {"codes": granted.voucher_codes}
        record_note(
            service_request,
            action="compensate",
            role="system",
            now=now,
            note=note,
            customer_visible=True,
        )
    return [alert.pk]


def _alert(service_request, *, step, level, now) -> ServiceAlert | None:
    """The alert for (request, step, level), or None if it was written before."""
    try:
        with transaction.atomic():
            return ServiceAlert.objects.create(
                request=service_request, step=step, level=level, created_at=now
            )
    except IntegrityError:
        return None


def _local(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"
