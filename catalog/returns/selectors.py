"""Reads for returns: when a line was delivered, which lines of an order can be sent back,
and the staff's list."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.kinds import SERVICE_KINDS

from .models import ReturnRequest
from .rules import Windows

ShippingEventQuantity = get_model("order", "ShippingEventQuantity")

DELIVERED = "delivered"  # the Oscar ShippingEventType code that starts day 0


def delivery_dates(lines) -> dict[int, datetime.date]:
    """Each line's delivery date (the first Delivered event that carried it), in one query."""
    rows = (
        ShippingEventQuantity.objects.filter(
            line__in=[line.pk for line in lines], event__event_type__code=DELIVERED
        )
        .order_by("event__date_created")
        .values_list("line_id", "event__date_created")
    )
    found: dict[int, datetime.date] = {}
    for line_id, when in rows:
        found.setdefault(line_id, timezone.localdate(when))
    return found


def delivered_on(line) -> datetime.date | None:
    return delivery_dates([line]).get(line.pk)


def is_goods(line) -> bool:
    """Goods bought in the shop; plans and visits have their own cancellation rules."""
    product = line.product
    if product is None:
        return False
    return product.get_product_class().slug not in SERVICE_KINDS


def options_for_order(order, *, today: datetime.date) -> dict[int, dict]:
    """For each goods line of `order`: its windows, what may be asked today, its request."""
    lines = [
        line
        for line in order.lines.select_related("product__product_class", "product__parent")
        if is_goods(line)
    ]
    if not lines:
        return {}
    dates = delivery_dates(lines)
    requests = {}
    for request in ReturnRequest.objects.filter(line__in=lines).exclude(
        status=ReturnRequest.Status.REFUSED
    ):
        requests[request.line_id] = request
    options = {}
    for line in lines:
        delivered = dates.get(line.pk)
        windows = Windows(delivered) if delivered else None
        options[line.pk] = {
            "line": line,
            "delivered_on": delivered,
            "windows": windows,
            "offers": windows.offers(today) if windows else (),
            "repair_only": bool(windows and windows.repair_only(today)),
            "request": requests.get(line.pk),
        }
    return options


def returns_for_staff(*, text: str = "", status: str = "", kind: str = "") -> QuerySet:
    requests = ReturnRequest.objects.select_related("line__order", "customer")
    if text := text.strip():
        number = text.upper().removeprefix("R")
        query = (
            Q(line__order__number__icontains=text)
            | Q(customer__email__icontains=text)
            | Q(line__title__icontains=text)
        )
        if number.isdigit():
            query |= Q(pk=int(number))
        requests = requests.filter(query)
    if status:
        requests = requests.filter(status=status)
    if kind:
        requests = requests.filter(kind=kind)
    return requests
