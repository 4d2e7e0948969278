"""Counting the touchpoint dashboard's days: requests, visits, ratings, mailbox messages,
shop visits and plans become `TouchpointDay` rows, one per day × touchpoint × area ×
engineer × channel.

Each fact is counted on the day it happened (Asia/Shanghai): a request on the day it was
opened, an arrival on the day the engineer arrived, a repair on the day it was done, a
rating on the day it was given, a message on the day it came. So "today and yesterday"
can be counted again every few minutes; only the repeat-repair check looks 30 days ahead,
which the nightly count over the last 62 days catches up with.

`rebuild` deletes the days it counts and writes them again in one transaction, from the
source tables only: running it twice gives the same rows. Which touchpoint each fact
belongs to is `touchpoint_of_kind` and the notes in the dashboard's "how computed".
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import (
    Assignment,
    MailboxMessage,
    ServiceBooking,
    ServiceKind,
    ServiceRating,
    ServiceRequest,
    Touchpoint,
    TouchpointChannel,
    TouchpointDay,
    WarrantyContract,
)
from .models.touchpoints import COUNTS

HISTORY_DAYS = 62
REPEAT_WINDOW = datetime.timedelta(days=30)
# A repair is fixed on the first visit if the customer does not come back with the same
# appliance within a week: one visit closes every on-site job, so the callback is the sign.
CALLBACK_WINDOW = datetime.timedelta(days=7)
PROMOTER_FROM = 9
PASSIVE_FROM = 7

TOUCHPOINT_OF_KIND = {
    ServiceKind.CONSULTATION: Touchpoint.ENQUIRY,
    ServiceKind.INSTALLATION: Touchpoint.INSTALLATION,
    ServiceKind.GUIDANCE: Touchpoint.GUIDANCE,
    ServiceKind.ONSITE_REPAIR: Touchpoint.REPAIR,
    ServiceKind.MAILIN_REPAIR: Touchpoint.REPAIR,
    ServiceKind.REMOTE_DIAGNOSIS: Touchpoint.REPAIR,
}
REPAIR_TOUCHPOINT_KINDS = frozenset(
    kind for kind, touchpoint in TOUCHPOINT_OF_KIND.items() if touchpoint == Touchpoint.REPAIR
)
DONE = (ServiceRequest.Status.DONE, ServiceRequest.Status.CONFIRMED)


def touchpoint_of_kind(kind: str) -> str:
    return TOUCHPOINT_OF_KIND[ServiceKind(kind)].value


# --- The maths of the page: pure, no database ------------------------------------------


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide (shown as a dash)."""
    return part / whole if whole else None


def net_promoter_score(promoters: int, passives: int, detractors: int) -> float | None:
    """% promoters − % detractors, from −100 to 100; None without any rating."""
    rated = promoters + passives + detractors
    return 100 * (promoters - detractors) / rated if rated else None


@dataclass(frozen=True)
class Figures:
    """The dashboard's measures for any sum of rows (a touchpoint, an area, a week)."""

    counts: dict

    def __getattr__(self, name):
        if name in COUNTS:
            return self.counts.get(name) or 0
        raise AttributeError(name)

    @property
    def answered_on_time_rate(self):
        return share(self.answered_on_time, self.answerable)

    @property
    def on_time_arrival_rate(self):
        return share(self.arrived_on_time, self.arrivals)

    @property
    def first_visit_fix_rate(self):
        return share(self.first_visit_fixes, self.repairs_done)

    @property
    def repeat_repair_rate(self):
        return share(self.repeat_repairs, self.repeat_checked)

    @property
    def ratings(self):
        return self.promoters + self.passives + self.detractors

    @property
    def nps(self):
        return net_promoter_score(self.promoters, self.passives, self.detractors)

    @property
    def complaint_rate(self):
        return share(self.complaints, self.volume)

    @property
    def reply_rate(self):
        return share(self.replies, self.messages)


# --- Counting ------------------------------------------------------------------------------


def site_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


class Tally:
    """Counters by (day, touchpoint, area id, engineer id, channel)."""

    def __init__(self):
        self.keys = defaultdict(Counter)

    def add(self, day, touchpoint, area_id, engineer_id, channel, **counts):
        counter = self.keys[(day, str(touchpoint), area_id, engineer_id, str(channel))]
        counter.update({name: int(value) for name, value in counts.items()})

    def rows(self, now: datetime.datetime) -> list[TouchpointDay]:
        return [
            TouchpointDay(
                day=day,
                touchpoint=touchpoint,
                area_id=area_id,
                engineer_id=engineer_id,
                channel=channel,
                rebuilt_at=now,
                **{name: counter[name] for name in COUNTS},
            )
            for (day, touchpoint, area_id, engineer_id, channel), counter in sorted(
                self.keys.items(), key=lambda item: tuple(str(part) for part in item[0])
            )
        ]


def count_days(first: datetime.date, last: datetime.date) -> Tally:
    start, end = day_start(first), day_start(last + datetime.timedelta(days=1))
    tally = Tally()
    _count_requests(tally, start, end)
    _count_arrivals(tally, start, end)
    _count_repairs_done(tally, start, end)
    _count_ratings(tally, start, end)
    _count_messages(tally, start, end)
    _count_shop(tally, first, last, start, end)
    return tally


def rebuild(*, first: datetime.date, last: datetime.date, now: datetime.datetime) -> int:
    """Count the days `first`…`last` (site dates, inclusive) again; the rows written."""
    if last < first:
        raise ValueError("The last day comes before the first.")
    rows = count_days(first, last).rows(now)
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                TouchpointDay.objects.filter(day__range=(first, last)).delete()
                TouchpointDay.objects.bulk_create(rows, batch_size=1000)
        except IntegrityError:
            # Another rebuild of the same days committed first; ours replaces it.
            if attempt == 2:
                raise
        else:
            break
    return len(rows)


def rebuild_recent(*, now: datetime.datetime) -> int:
    today = site_day(now)
    return rebuild(first=today - datetime.timedelta(days=1), last=today, now=now)


def rebuild_history(*, now: datetime.datetime, days: int = HISTORY_DAYS) -> int:
    today = site_day(now)
    return rebuild(first=today - datetime.timedelta(days=days), last=today, now=now)


def _count_requests(tally, start, end):
    """Volume and the answer promise, on the day the request was opened."""
    rows = ServiceRequest.objects.filter(opened_at__gte=start, opened_at__lt=end).values_list(
        "opened_at", "kind", "channel", "area_id", "engineer_id", "answered_at", "response_due"
    )
    for opened_at, kind, channel, area_id, engineer_id, answered_at, response_due in rows:
        tally.add(
            site_day(opened_at),
            touchpoint_of_kind(kind),
            area_id,
            engineer_id,
            channel,
            volume=1,
            answerable=1,
            answered_on_time=answered_at is not None and answered_at <= response_due,
        )


def _count_arrivals(tally, start, end):
    """Engineers' arrivals, on the day they arrived: on time within the booked window."""
    rows = Assignment.objects.filter(arrived_at__gte=start, arrived_at__lt=end).values_list(
        "arrived_at",
        "slot__date",
        "slot__ends_at",
        "slot__area_id",
        "engineer_id",
        "request__kind",
        "request__channel",
        "request__area_id",
    )
    tz = timezone.get_default_timezone()
    for arrived_at, date, ends_at, slot_area_id, engineer_id, kind, channel, area_id in rows:
        window_end = datetime.datetime.combine(date, ends_at, tzinfo=tz)
        tally.add(
            site_day(arrived_at),
            touchpoint_of_kind(kind) if kind else Touchpoint.VALUE_ADDED,
            area_id if kind else slot_area_id,
            engineer_id,
            channel or TouchpointChannel.SHOP,
            arrivals=1,
            arrived_on_time=arrived_at <= window_end,
        )


def appliance_key(unit_id, serial, contact_phone, appliance_model_id):
    """The same appliance: its registration, else its serial, else the caller and model."""
    if unit_id:
        return ("unit", unit_id)
    if serial:
        return ("serial", appliance_model_id, serial.strip().upper())
    return ("phone", contact_phone, appliance_model_id)


def _count_repairs_done(tally, start, end):
    """Repairs done on the day: fixed at the first visit (on-site jobs, no callback within
    7 days) and repeated (a new repair request for the same appliance within 30 days)."""
    key_fields = ("unit_id", "serial", "contact_phone", "appliance_model_id")
    done = ServiceRequest.objects.filter(
        kind__in=REPAIR_TOUCHPOINT_KINDS,
        status__in=DONE,
        completed_at__gte=start,
        completed_at__lt=end,
    ).values_list("pk", "completed_at", "kind", "channel", "area_id", "engineer_id", *key_fields)
    done = list(done)
    if not done:
        return
    later = defaultdict(list)
    for pk, opened_at, *key in (
        ServiceRequest.objects.filter(
            kind__in=REPAIR_TOUCHPOINT_KINDS,
            opened_at__gt=min(row[1] for row in done),
            opened_at__lte=end + REPEAT_WINDOW,
        )
        .exclude(status=ServiceRequest.Status.CANCELLED)
        .values_list("pk", "opened_at", *key_fields)
    ):
        later[appliance_key(*key)].append((opened_at, pk))
    for pk, completed_at, kind, channel, area_id, engineer_id, *key in done:
        returns = [
            opened_at - completed_at
            for opened_at, other in later[appliance_key(*key)]
            if other != pk and opened_at > completed_at
        ]
        onsite = kind == ServiceKind.ONSITE_REPAIR
        tally.add(
            site_day(completed_at),
            Touchpoint.REPAIR,
            area_id,
            engineer_id,
            channel,
            repairs_done=onsite,
            first_visit_fixes=onsite and not any(gap <= CALLBACK_WINDOW for gap in returns),
            repeat_checked=1,
            repeat_repairs=any(gap <= REPEAT_WINDOW for gap in returns),
        )


def _count_ratings(tally, start, end):
    rows = ServiceRating.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
        "created_at", "nps", "area_id", "engineer_id", "service_request__kind",
        "service_request__channel",
    )  # fmt: skip
    for created_at, nps, area_id, engineer_id, kind, channel in rows:
        tally.add(
            site_day(created_at),
            touchpoint_of_kind(kind) if kind else Touchpoint.VALUE_ADDED,
            area_id,
            engineer_id,
            channel or TouchpointChannel.SHOP,
            promoters=nps >= PROMOTER_FROM,
            passives=PASSIVE_FROM <= nps < PROMOTER_FROM,
            detractors=nps < PASSIVE_FROM,
        )


def _count_messages(tally, start, end):
    """Mailbox messages, on the day they came: a message about a request counts under the
    request's touchpoint; any other is the feedback touchpoint's own volume."""
    rows = MailboxMessage.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
        "created_at",
        "kind",
        "area_id",
        "replied_at",
        "service_request__kind",
        "service_request__channel",
        "service_request__area_id",
        "service_request__engineer_id",
    )
    for created_at, kind, area_id, replied_at, job_kind, channel, job_area, engineer_id in rows:
        tally.add(
            site_day(created_at),
            touchpoint_of_kind(job_kind) if job_kind else Touchpoint.FEEDBACK,
            area_id or job_area,
            engineer_id,
            channel or TouchpointChannel.MAILBOX,
            volume=not job_kind,
            messages=1,
            complaints=kind == MailboxMessage.Kind.COMPLAINT,
            replies=replied_at is not None,
        )


def _count_shop(tally, first, last, start, end):
    """Value-added services bought (cleaning visits and extended warranties), and returns:
    those plans and visits cancelled for money back."""
    visits = ServiceBooking.objects.filter(created_at__gte=start, created_at__lt=end)
    for created_at, area_id in visits.values_list("created_at", "slot__area_id"):
        tally.add(
            site_day(created_at),
            Touchpoint.VALUE_ADDED,
            area_id,
            None,
            TouchpointChannel.SHOP,
            volume=1,
        )
    plans = WarrantyContract.objects.filter(purchased_on__range=(first, last))
    for (purchased_on,) in plans.values_list("purchased_on"):
        tally.add(
            purchased_on, Touchpoint.VALUE_ADDED, None, None, TouchpointChannel.SHOP, volume=1
        )
    cancelled_visits = ServiceBooking.objects.filter(
        status=ServiceBooking.Status.CANCELLED, cancelled_at__gte=start, cancelled_at__lt=end
    )
    for cancelled_at, area_id in cancelled_visits.values_list("cancelled_at", "slot__area_id"):
        tally.add(
            site_day(cancelled_at),
            Touchpoint.RETURNS,
            area_id,
            None,
            TouchpointChannel.SHOP,
            volume=1,
        )
    cancelled_plans = WarrantyContract.objects.filter(
        status=WarrantyContract.Status.CANCELLED, cancelled_on__range=(first, last)
    )
    for (cancelled_on,) in cancelled_plans.values_list("cancelled_on"):
        tally.add(cancelled_on, Touchpoint.RETURNS, None, None, TouchpointChannel.SHOP, volume=1)
