"""Placing the order for a paid attempt, from the customer's return or from Stripe's webhook.

Both paths call `place_paid_order`; whichever comes first places the order and the other
finds it. Three things make that hold under retries and races: the basket and attempt rows
are locked in that order, the attempt links to at most one order, and Oscar's order number
(derived from the basket) is unique. Anything that stops the order (a slot filled up, stock
ran out, the basket changed after paying) rolls everything back and the payment is refunded.
"""

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from aftersales import services as aftersales
from catalog.payments.models import PaymentAttempt
from membership import points
from membership.points import reasons
from membership.services import ensure_profile

from . import points as paying_points
from .fulfilment import fulfil_order

logger = logging.getLogger(__name__)

OrderPlacementMixin = get_class("checkout.mixins", "OrderPlacementMixin")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")
Applicator = get_class("offer.applicator", "Applicator")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")

ADDRESS_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "line1",
    "line2",
    "line3",
    "line4",
    "state",
    "postcode",
    "phone_number",
    "notes",
)


class PlacementFailed(Exception):
    """The order could not be placed; the message is for the customer."""


def snapshot_address(address) -> dict | None:
    if address is None:
        return None
    data = {field: str(getattr(address, field, "") or "") for field in ADDRESS_FIELDS}
    data["country"] = address.country_id
    return data


def restore_address(data: dict | None):
    if not data:
        return None
    fields = {key: value for key, value in data.items() if key != "country"}
    return ShippingAddress(country=Country.objects.get(pk=data["country"]), **fields)


def find_shipping_method(*, basket, user, code: str, address):
    for method in Repository().get_shipping_methods(
        basket=basket, user=user, shipping_addr=address
    ):
        if method.code == code:
            return method
    return None


class PaidOrderPlacement(OrderPlacementMixin):
    """Oscar's order placement without a request: what checkout chose comes from the attempt."""

    request = None

    def __init__(self, attempt: PaymentAttempt):
        super().__init__()
        self.attempt = attempt

    def place(self):
        attempt = self.attempt
        basket = Basket._default_manager.select_for_update().get(pk=attempt.basket_id)
        existing = Order._default_manager.filter(number=attempt.order_number).first()
        if existing is not None:
            # Paid twice for one basket (two tabs, two intents): this payment goes back.
            raise PlacementFailed(_("This basket has already been paid for."))
        if basket.status not in (Basket.OPEN, Basket.FROZEN):
            raise PlacementFailed(_("This basket is no longer open."))
        basket.strategy = Selector().strategy(user=attempt.user)
        # The same offers (the tier discount, vouchers) the customer saw, or the totals differ.
        Applicator().apply(basket, attempt.user)
        choices = attempt.checkout
        address = restore_address(choices.get("shipping_address"))
        method = find_shipping_method(
            basket=basket,
            user=attempt.user,
            code=choices.get("shipping_method", ""),
            address=address,
        )
        if method is None:
            raise PlacementFailed(_("The delivery option you chose is no longer available."))
        charge = method.calculate(basket)
        total = OrderTotalCalculator().calculate(basket, charge)
        points_used = int(choices.get("points") or 0)
        points_value = paying_points.value_of(points_used)
        if total.incl_tax - points_value != attempt.amount:
            raise PlacementFailed(_("Your basket changed while you were paying."))
        for line in basket.all_lines():
            permitted, reason = line.purchase_info.availability.is_purchase_permitted(line.quantity)
            if not permitted:
                raise PlacementFailed(reason)
        source_type, _created = SourceType.objects.get_or_create(
            code=attempt.gateway, defaults={"name": attempt.get_gateway_display()}
        )
        self.add_payment_source(
            Source(
                source_type=source_type,
                currency=attempt.currency,
                amount_allocated=attempt.amount,
                amount_debited=attempt.amount,
                reference=attempt.intent_id,
            )
        )
        self.add_payment_event("Settled", attempt.amount, reference=attempt.intent_id)
        member = ensure_profile(user=attempt.user)
        if points_used:
            try:
                spent = points.redeem(
                    member=member,
                    points=points_used,
                    source_key=f"order:{attempt.order_number}:redeem",
                    reason=reasons.PAID_WITH_POINTS,
                )
            except points.InsufficientPoints as short:
                raise PlacementFailed(str(short)) from short
            points_type, _created = SourceType.objects.get_or_create(
                code="points", defaults={"name": "Points"}
            )
            self.add_payment_source(
                Source(
                    source_type=points_type,
                    currency=attempt.currency,
                    amount_allocated=points_value,
                    amount_debited=points_value,
                    reference=spent.source_key,
                )
            )
            self.add_payment_event("Settled", points_value, reference=spent.source_key)
        order = self.place_order(
            order_number=attempt.order_number,
            user=attempt.user,
            basket=basket,
            shipping_address=address,
            shipping_method=method,
            shipping_charge=charge,
            order_total=total,
            billing_address=None,
        )
        fulfil_order(order, now=timezone.now())
        # Points for the money paid, not for the points spent; credited with the order.
        points.earn_for_payment(
            member=member,
            amount_paid=attempt.amount,
            source_key=f"order:{attempt.order_number}:earn",
        )
        basket.submit()
        return order


def place_paid_order(*, attempt_id: int):
    """Place the order for a paid attempt once; later calls return the same order.

    Raises PlacementFailed when it cannot be placed; the payment has then been refunded.
    """
    try:
        with transaction.atomic():
            basket_id = PaymentAttempt.objects.values_list("basket_id", flat=True).get(
                pk=attempt_id
            )
            Basket._default_manager.select_for_update().filter(pk=basket_id).first()
            attempt = (
                PaymentAttempt.objects.select_for_update(of=("self",))
                .select_related("user", "order")
                .get(pk=attempt_id)
            )
            if attempt.order is not None:
                return attempt.order
            if attempt.status == PaymentAttempt.Status.REFUNDED:
                raise PlacementFailed(attempt.failure_message)
            with translation.override(attempt.checkout.get("language")):
                order = PaidOrderPlacement(attempt).place()
            attempt.order = order
            attempt.status = PaymentAttempt.Status.PLACED
            attempt.save(update_fields=["order", "status", "updated_at"])
    except (
        PlacementFailed,
        aftersales.SlotFull,
        aftersales.NotEligible,
    ) as reason:
        _refund_unplaced(attempt_id=attempt_id, reason=str(reason))
        raise PlacementFailed(str(reason)) from reason
    from .tasks import send_order_confirmation

    send_order_confirmation.delay_on_commit(order.pk)
    return order


def _refund_unplaced(*, attempt_id: int, reason: str) -> None:
    from catalog.payments.refunds import pay_back

    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().get(pk=attempt_id)
        if attempt.status == PaymentAttempt.Status.PLACED:
            return
        attempt.status = PaymentAttempt.Status.REFUNDED
        attempt.failure_message = reason[:255]
        attempt.save(update_fields=["status", "failure_message", "updated_at"])
    logger.warning("Attempt %s paid but not placed (%s): refunding", attempt_id, reason)
    pay_back(
        attempt=attempt,
        amount=attempt.amount,
        key=f"unplaced-{attempt.pk}",
        reason=reason,
        actor=None,
    )
