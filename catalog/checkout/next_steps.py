"""What the confirmation (the thank-you page and the email) tells the customer after paying.

The next question after "is it paid?" is "what now?": where the warranty certificate is,
when the technician comes, when the goods arrive and until when they can go back; and
what the order did to the points (paid with, earned). One reading of the order, shared by
the page and the email so they say the same thing.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from aftersales.models import ServiceBooking, WarrantyContract
from catalog.kinds import SERVICE_KINDS
from membership import points, rules

Order = get_model("order", "Order")

POINTS = "points"
# How each payment source reads to the customer (Oscar's SourceType code → label); a code
# not listed (a gateway added later) shows its own name.
PAYMENT_LABELS = {
    "card": _("Bank card"),
    "stripe": _("Bank card"),
    "demo": _("Bank card (demo, no money moves)"),
    POINTS: _("Points"),
    "alipay": _("Alipay"),
    "wechat_pay": _("WeChat Pay"),
}


def payment_label(code: str, name: str = "") -> str:
    return str(PAYMENT_LABELS.get(code, name or code))


@dataclass
class Payment:
    label: str
    amount: Decimal
    points: int = 0  # for a points payment: how many points


@dataclass
class Link:
    text: str
    url: str
    detail: str = ""


@dataclass
class NextSteps:
    payments: list[Payment] = field(default_factory=list)
    points_paid: int = 0
    points_earned: int = 0
    certificates: list[Link] = field(default_factory=list)
    bookings: list[Link] = field(default_factory=list)
    ships_goods: bool = False
    steps: list[str] = field(default_factory=list)


def for_order(order) -> NextSteps:
    """The confirmation's facts for `order` (a handful of queries, whatever its size)."""
    found = NextSteps()
    for source in order.sources.select_related("source_type"):
        code = source.source_type.code
        paid_points = rules.points_for_value(source.amount_debited) if code == POINTS else 0
        found.payments.append(
            Payment(
                label=payment_label(code, source.source_type.name),
                amount=source.amount_debited,
                points=paid_points,
            )
        )
        found.points_paid += paid_points
    found.points_earned, _taken = points.undone(source_key=f"order:{order.number}:earn")

    contracts = WarrantyContract.objects.filter(order_line__order=order).select_related(
        "unit__appliance_model"
    )
    for contract in contracts:
        found.certificates.append(
            Link(
                text=str(_("Certificate %(number)s (PDF)") % {"number": contract.number}),
                url=reverse("aftersales:warranty-certificate", args=[contract.number]),
                detail=str(
                    _("%(model)s · %(serial)s, covered from %(start)s to %(end)s")
                    % {
                        "model": contract.unit.appliance_model.model_number,
                        "serial": contract.unit.serial,
                        "start": contract.starts_on.isoformat(),
                        "end": contract.ends_on.isoformat(),
                    }
                ),
            )
        )
    bookings = ServiceBooking.objects.filter(order_line__order=order).select_related("slot__area")
    for booking in bookings:
        found.bookings.append(
            Link(
                text=str(_("Visit %(number)s") % {"number": booking.number}),
                url=reverse("aftersales:bookings") + f"#booking-{booking.number}",
                detail=f"{booking.service_title}, {booking.slot}",
            )
        )
    found.ships_goods = any(
        line.product is not None and line.product.get_product_class().slug not in SERVICE_KINDS
        for line in order.lines.select_related("product__product_class", "product__parent")
    )
    found.steps = _steps(found)
    return found


def _steps(found: NextSteps) -> list[str]:
    steps = []
    if found.certificates:
        steps.append(
            str(
                _(
                    "Your warranty is active: keep the certificate. For a repair, open a "
                    "service request from My devices; the cover is checked for you."
                )
            )
        )
    if found.bookings:
        steps.append(
            str(
                _(
                    "The technician calls you before the visit. You can reschedule or cancel "
                    "up to 24 hours ahead in My bookings."
                )
            )
        )
    if found.ships_goods:
        steps.append(
            str(
                _(
                    "We ship the goods within 2 working days and email you when they leave. "
                    "Unopened goods can be returned within 7 days of delivery; faulty goods "
                    "are exchanged within 15 days, from the order's page."
                )
            )
        )
    if found.points_earned:
        steps.append(
            str(
                _("The %(points)s points this order earned are in your balance already.")
                % {"points": found.points_earned}
            )
        )
    return steps
