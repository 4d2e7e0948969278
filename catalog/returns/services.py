"""Returns and exchanges: the customer asks, staff approve or refuse, the goods come back.

Each step locks the request's row and checks its status first, so a step out of order or
taken twice (a double click, two staff members, a retried request) is refused with a
message instead of repeating what it did. Money goes back through the refund path of
cancellations (aftersales.cancellations.record_refund and payments.refunds.pay_back) under
the key `return-<pk>`: the order's history and the points inside the transaction, the card
after the commit.
"""

import datetime
from decimal import ROUND_DOWN, Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from aftersales.cancellations import RefundFailed, record_refund
from catalog import freshness
from groundwork.queue import enqueue_on_commit
from payments.refunds import paid_attempt, pay_back

from . import rules, selectors, tasks
from .models import ReturnRequest

__all__ = [
    "NotAllowed",
    "OutOfOrder",
    "RefundFailed",
    "approve",
    "receive",
    "refuse",
    "start_request",
]

Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderNote = get_model("order", "OrderNote")
StockRecord = get_model("partner", "StockRecord")

NotAllowed = rules.NotAllowed
Status = ReturnRequest.Status
CENT = Decimal("0.01")


class OutOfOrder(Exception):
    """A step asked of a request that is not at the step before it."""


def start_request(
    *,
    line,
    customer,
    kind: str,
    quantity: int,
    reason: str,
    unopened: bool,
    today: datetime.date,
) -> ReturnRequest:
    """Open a return or exchange of `quantity` items of `line`; NotAllowed says why not."""
    if line.order.user_id != customer.pk or not selectors.is_goods(line):
        raise NotAllowed(_("This item cannot be returned here."))
    if not 1 <= quantity <= line.quantity:
        raise NotAllowed(_("Choose between 1 and %(count)s items.") % {"count": line.quantity})
    delivered_on = selectors.delivered_on(line)
    rules.check(kind=kind, delivered_on=delivered_on, today=today, unopened=unopened)
    try:
        with transaction.atomic():
            request = ReturnRequest.objects.create(
                line=line,
                customer=customer,
                kind=kind,
                quantity=quantity,
                reason=reason,
                unopened=unopened,
                delivered_on=delivered_on,
                requested_on=today,
            )
            enqueue_on_commit(tasks.send_return_notice, request.pk, "requested")
    except IntegrityError:
        raise NotAllowed(_("This item already has a return or exchange under way.")) from None
    return request


def _locked(request: ReturnRequest, *, expected: str) -> ReturnRequest:
    locked = ReturnRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != expected:
        raise OutOfOrder(
            _("Return %(number)s is “%(status)s”; this step is not possible now.")
            % {"number": locked.number, "status": locked.get_status_display()}
        )
    return locked


def approve(
    *, request: ReturnRequest, actor, note: str = "", now: datetime.datetime
) -> ReturnRequest:
    with transaction.atomic():
        locked = _locked(request, expected=Status.REQUESTED)
        locked.status = Status.APPROVED
        locked.staff_note = note
        locked.decided_by = actor
        locked.decided_at = now
        locked.save(update_fields=["status", "staff_note", "decided_by", "decided_at"])
        enqueue_on_commit(tasks.send_return_notice, locked.pk, "approved")
    return locked


def refuse(*, request: ReturnRequest, actor, note: str, now: datetime.datetime) -> ReturnRequest:
    if not note.strip():
        raise NotAllowed(_("Tell the customer why the request is refused."))
    with transaction.atomic():
        locked = _locked(request, expected=Status.REQUESTED)
        locked.status = Status.REFUSED
        locked.staff_note = note.strip()
        locked.decided_by = actor
        locked.decided_at = now
        locked.save(update_fields=["status", "staff_note", "decided_by", "decided_at"])
        enqueue_on_commit(tasks.send_return_notice, locked.pk, "refused")
    return locked


def refund_due(line, quantity: int) -> Decimal:
    """What `quantity` of `line`'s items cost after discounts (delivery is not refunded)."""
    if quantity >= line.quantity:
        return line.line_price_incl_tax
    share = line.line_price_incl_tax * quantity / line.quantity
    return share.quantize(CENT, rounding=ROUND_DOWN)


def receive(*, request: ReturnRequest, actor, now: datetime.datetime) -> ReturnRequest:
    """The goods are back: a return is refunded and restocked, an exchange gets its order.

    A faulty item sent for exchange is not put back on sale; the replacement is allocated
    from stock like any order's goods.
    """
    attempt = None
    if request.kind == ReturnRequest.Kind.RETURN:
        attempt = paid_attempt(request.line.order)  # RefundFailed before anything changes
    with transaction.atomic():
        locked = _locked(request, expected=Status.APPROVED)
        line = Line.objects.select_related("order", "stockrecord").get(pk=locked.line_id)
        locked.status = Status.RECEIVED
        locked.received_at = now
        card = Decimal("0.00")
        if locked.kind == ReturnRequest.Kind.RETURN:
            _restock(line, locked.quantity)
            locked.refund_amount = refund_due(line, locked.quantity)
            card = record_refund(
                line=line,
                amount=locked.refund_amount,
                key=locked.idempotency_key,
                actor=actor,
                reason=_refund_reason(locked),
                quantity=locked.quantity,
            )
        else:
            locked.replacement_order = _replacement_order(locked, line, actor=actor)
        locked.save(update_fields=["status", "received_at", "refund_amount", "replacement_order"])
        enqueue_on_commit(tasks.send_return_notice, locked.pk, "received")
    if attempt is not None:
        pay_back(
            attempt=attempt,
            amount=card,
            key=locked.idempotency_key,
            reason=_refund_reason(locked),
            actor=actor,
        )
    return locked


def _refund_reason(request: ReturnRequest) -> str:
    return _("Return %(number)s received") % {"number": request.number}


def _restock(line, quantity: int) -> None:
    if line.stockrecord_id is None:
        return
    StockRecord.objects.filter(pk=line.stockrecord_id).update(
        num_in_stock=F("num_in_stock") + quantity
    )
    freshness.changed(freshness.STOCK)


def _replacement_order(request: ReturnRequest, line, *, actor):
    """A free order for the same goods, shipped to the same address, numbered after the
    original so that it is unique to this request."""
    original = line.order
    address = original.shipping_address
    if address is not None:
        address.pk = None
        address.id = None
        address.save()
    order = Order.objects.create(
        number=f"{original.number}-{request.number}",
        site_id=original.site_id,
        user_id=original.user_id,
        currency=original.currency,
        total_incl_tax=Decimal("0.00"),
        total_excl_tax=Decimal("0.00"),
        shipping_incl_tax=Decimal("0.00"),
        shipping_excl_tax=Decimal("0.00"),
        shipping_address=address,
        shipping_method=original.shipping_method,
        shipping_code=original.shipping_code,
        status=original.status,
    )
    replacement = Line.objects.create(
        order=order,
        partner=line.partner,
        partner_name=line.partner_name,
        partner_sku=line.partner_sku,
        stockrecord=line.stockrecord,
        product=line.product,
        title=line.title,
        upc=line.upc,
        quantity=request.quantity,
        num_allocated=request.quantity,
        line_price_incl_tax=Decimal("0.00"),
        line_price_excl_tax=Decimal("0.00"),
        line_price_before_discounts_incl_tax=Decimal("0.00"),
        line_price_before_discounts_excl_tax=Decimal("0.00"),
        unit_price_incl_tax=Decimal("0.00"),
        unit_price_excl_tax=Decimal("0.00"),
    )
    if replacement.stockrecord is not None:
        replacement.stockrecord.allocate(request.quantity)
    note = _("Replacement for order %(order)s, exchange %(number)s") % {
        "order": original.number,
        "number": request.number,
    }
    user = actor if getattr(actor, "pk", None) else None
    OrderNote.objects.create(order=order, user=user, message=note, note_type="System")
    OrderNote.objects.create(order=original, user=user, message=note, note_type="System")
    return order
