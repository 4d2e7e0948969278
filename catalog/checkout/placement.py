"""Placing the order for a paid attempt, from the customer's return or from Stripe's webhook.

Both paths call `place_paid_order`; whichever comes first places the order and the other
finds it. Three things make that hold under retries and races: the basket and attempt rows
are locked in that order, the attempt links to at most one order, and Oscar's order number
(derived from the basket) is unique. Anything that stops the order (a slot filled up, stock
ran out, the basket changed after paying) rolls everything back and the payment is refunded.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from aftersales import services as aftersales
from catalog.invoices import services as invoices
from membership import points
from membership import rules as points_rules
from membership.points import reasons
from membership.services import ensure_profile
from payments.models import PaymentAttempt
from payments.refunds import pay_back

from .fulfilment import fulfil_order
from .preflight import hold_key

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


# Stored once as Oscar's SourceType.name: the brands' own names, the same in every language.
WALLET_NAMES = {
    PaymentAttempt.Method.ALIPAY: "Alipay",
    PaymentAttempt.Method.WECHAT_PAY: "WeChat Pay",
}


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


@dataclass
class Priced:
    """The basket as the customer saw it at the preview: delivery, total and points."""

    address: object
    method: object
    charge: object
    total: object
    points_used: int
    points_value: Decimal


class PaidOrderPlacement(OrderPlacementMixin):
    """Oscar's order placement without a request: what checkout chose comes from the attempt.

    `place` runs named steps in order, as Oscar's OrderCreator does; each either passes or
    raises PlacementFailed, and all of them share the caller's transaction.
    """

    request = None

    def __init__(self, attempt: PaymentAttempt):
        super().__init__()
        self.attempt = attempt

    def place(self):
        basket = self.lock_basket()
        priced = self.price(basket)
        self.check_amount(priced)
        self.check_availability(basket)
        self.record_card_payment()
        member = ensure_profile(user=self.attempt.user)
        self.pay_with_points(member, priced)
        order = self.create_order(basket, priced)
        self.record_invoice_request(order)
        fulfil_order(order, now=timezone.now())
        self.earn_points(member)
        basket.submit()
        return order

    def lock_basket(self):
        attempt = self.attempt
        basket = Basket._default_manager.select_for_update().get(pk=attempt.basket_id)
        if Order._default_manager.filter(number=attempt.order_number).exists():
            # Paid twice for one basket (two tabs, two intents): this payment goes back.
            raise PlacementFailed(_("This basket has already been paid for."))
        if basket.status not in (Basket.OPEN, Basket.FROZEN):
            raise PlacementFailed(_("This basket is no longer open."))
        return basket

    def price(self, basket) -> Priced:
        attempt = self.attempt
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
        points_used = int(choices.get("points") or 0)
        return Priced(
            address=address,
            method=method,
            charge=charge,
            total=OrderTotalCalculator().calculate(basket, charge),
            points_used=points_used,
            points_value=points_rules.value_of(points_used),
        )

    def check_amount(self, priced: Priced) -> None:
        if priced.total.incl_tax - priced.points_value != self.attempt.amount:
            raise PlacementFailed(_("Your basket changed while you were paying."))

    def check_availability(self, basket) -> None:
        for line in basket.all_lines():
            permitted, reason = line.purchase_info.availability.is_purchase_permitted(line.quantity)
            if not permitted:
                raise PlacementFailed(reason)

    def record_card_payment(self) -> None:
        attempt = self.attempt
        if attempt.method == PaymentAttempt.Method.CARD:
            code, name = attempt.gateway, attempt.get_gateway_display()
        else:
            # The wallet is what the customer and staff recognise on the order.
            code, name = attempt.method, WALLET_NAMES[attempt.method]
        source_type, _created = SourceType.objects.get_or_create(code=code, defaults={"name": name})
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

    def pay_with_points(self, member, priced: Priced) -> None:
        if not priced.points_used:
            return
        try:
            spent = points.redeem(
                member=member,
                points=priced.points_used,
                source_key=f"order:{self.attempt.order_number}:redeem",
                reason=reasons.PAID_WITH_POINTS,
                hold_key=hold_key(self.attempt.basket_id),
            )
        except points.InsufficientPoints as short:
            raise PlacementFailed(str(short)) from short
        points_type, _created = SourceType.objects.get_or_create(
            code="points", defaults={"name": "Points"}
        )
        self.add_payment_source(
            Source(
                source_type=points_type,
                currency=self.attempt.currency,
                amount_allocated=priced.points_value,
                amount_debited=priced.points_value,
                reference=spent.source_key,
            )
        )
        self.add_payment_event("Settled", priced.points_value, reference=spent.source_key)

    def create_order(self, basket, priced: Priced):
        return self.place_order(
            order_number=self.attempt.order_number,
            user=self.attempt.user,
            basket=basket,
            shipping_address=priced.address,
            shipping_method=priced.method,
            shipping_charge=priced.charge,
            order_total=priced.total,
            billing_address=None,
        )

    def record_invoice_request(self, order) -> None:
        details = self.attempt.checkout.get("invoice")
        if details:
            # The invoice is for the money paid; points are a discount, not a payment.
            invoices.record_request(
                order=order, user=self.attempt.user, details=details, amount=self.attempt.amount
            )

    def earn_points(self, member) -> None:
        # Points for the money paid, not for the points spent; credited with the order.
        points.earn_for_payment(
            member=member,
            amount_paid=self.attempt.amount,
            source_key=f"order:{self.attempt.order_number}:earn",
        )


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
    return order


def _refund_unplaced(*, attempt_id: int, reason: str) -> None:
    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().get(pk=attempt_id)
        if attempt.status == PaymentAttempt.Status.PLACED:
            return
        attempt.status = PaymentAttempt.Status.REFUNDED
        attempt.failure_message = reason[:255]
        attempt.save(update_fields=["status", "failure_message", "updated_at"])
    logger.warning("Attempt %s paid but not placed (%s): refunding", attempt_id, reason)
    points.release(key=hold_key(attempt.basket_id))
    pay_back(
        attempt=attempt,
        amount=attempt.amount,
        key=f"unplaced-{attempt.pk}",
        reason=reason,
        actor=None,
    )
