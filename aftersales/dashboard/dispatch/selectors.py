"""What the dispatcher's board lists: open requests by deadline, shop visits by window.

Each queryset joins what its table prints, so a page costs the same queries for 10 open
requests or 5,000. The deadline a row is sorted by is the next promise it can break: the
answer for an unanswered request, the arrival for a visit nobody has reached yet.
"""

import datetime

from django.db.models import Case, CharField, DateTimeField, F, Q, QuerySet, Value, When
from django.utils import timezone

from ...models import VISIT_KINDS, ServiceBooking, ServiceRequest

Status = ServiceRequest.Status
SHOP_VISIT = "shop_visit"
DUE_SOON = datetime.timedelta(hours=2)
# Statuses in which a visit's arrival promise is still to keep.
BEFORE_ARRIVAL = (Status.RECEIVED, Status.ANSWERED, Status.ASSIGNED, Status.ON_THE_WAY)


def _deadline():
    return Case(
        When(answered_at__isnull=True, then=F("response_due")),
        When(kind__in=VISIT_KINDS, status__in=BEFORE_ARRIVAL, then=F("arrival_due")),
        default=None,
        output_field=DateTimeField(),
    )


def _deadline_kind():
    return Case(
        When(answered_at__isnull=True, then=Value("answer")),
        When(kind__in=VISIT_KINDS, status__in=BEFORE_ARRIVAL, then=Value("arrival")),
        default=Value(""),
        output_field=CharField(),
    )


def requests_for_board(
    *,
    now: datetime.datetime,
    text: str = "",
    area=None,
    kind: str = "",
    status: str = "",
    engineer: str = "",
    due: str = "",
) -> QuerySet[ServiceRequest]:
    requests = (
        ServiceRequest.objects.open()
        .select_related("appliance_model", "area", "engineer", "slot")
        .annotate(deadline=_deadline(), deadline_kind=_deadline_kind())
    )
    if kind == SHOP_VISIT:
        return requests.none()
    if text := text.strip():
        requests = requests.filter(Q(number__icontains=text) | Q(contact_phone__contains=text))
    if area is not None:
        requests = requests.filter(area=area)
    if kind:
        requests = requests.filter(kind=kind)
    if status:
        requests = requests.filter(status=status)
    if engineer == "unassigned":
        requests = requests.filter(engineer__isnull=True)
    elif engineer == "assigned":
        requests = requests.filter(engineer__isnull=False)
    if due == "soon":
        requests = requests.filter(deadline__gte=now, deadline__lte=now + DUE_SOON)
    elif due == "overdue":
        requests = requests.filter(deadline__lt=now)
    return requests.order_by(F("deadline").asc(nulls_last=True), "opened_at", "pk")


def bookings_for_board(
    *,
    now: datetime.datetime,
    text: str = "",
    area=None,
    kind: str = "",
    status: str = "",
    engineer: str = "",
    due: str = "",
) -> QuerySet[ServiceBooking]:
    """Open shop visits (booked, not done), soonest window first."""
    bookings = ServiceBooking.objects.filter(status=ServiceBooking.Status.BOOKED).select_related(
        "slot__area", "unit__appliance_model", "assignment__engineer"
    )
    if (kind and kind != SHOP_VISIT) or status:
        return bookings.none()  # a request type or status was asked for
    if text := text.strip():
        bookings = bookings.filter(Q(number__icontains=text) | Q(contact_phone__contains=text))
    if area is not None:
        bookings = bookings.filter(slot__area=area)
    if engineer == "unassigned":
        bookings = bookings.filter(assignment__isnull=True)
    elif engineer == "assigned":
        bookings = bookings.filter(assignment__isnull=False)
    local = timezone.localtime(now)
    started = Q(slot__date__lt=local.date()) | Q(
        slot__date=local.date(), slot__starts_at__lt=local.time()
    )
    if due == "overdue":
        bookings = bookings.filter(started)
    elif due == "soon":
        until = local + DUE_SOON
        if until.date() == local.date():
            soon = Q(slot__starts_at__lte=until.time())
            bookings = bookings.filter(soon, slot__date=local.date()).exclude(started)
        else:  # the next two hours run past midnight
            later = Q(slot__date=until.date(), slot__starts_at__lte=until.time())
            bookings = bookings.filter(Q(slot__date=local.date()) | later).exclude(started)
    return bookings.order_by("slot__date", "slot__starts_at", "number")
