"""Oscar's checkout, paid by card: preview -> pay (Stripe.js or the demo gateway) -> return.

The preview's "Pay" opens a payment attempt instead of placing the order at once; the order
is placed when the gateway says the money is in, from the return page here or from
Stripe's webhook, whichever comes first (catalog.checkout.placement).
"""

from django import http
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class

from aftersales.models import ServiceSlot
from catalog.appliances.selectors import CLEANING
from catalog.payments import services as payments
from catalog.payments.client import DemoGateway
from catalog.payments.models import PaymentAttempt
from groundwork.whole_numbers import ASCII_DIGITS, whole_number_or_none
from membership import points

from . import points as paying_points
from .placement import PlacementFailed, snapshot_address

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        total = context.get("order_total")
        if self.preview and total is not None and self.request.user.is_authenticated:
            context.update(self.points_plan(total.incl_tax))
        return context

    def points_plan(self, total) -> dict:
        """What the member can and chose to pay with points, and what is left for the card."""
        balance = points.balance_of(user=self.request.user)
        usable = paying_points.most_usable(total=total, balance=balance)
        using = min(self.checkout_session.points_to_use(), usable)
        return {
            "points_balance": balance,
            "points_usable": usable,
            "points_using": using,
            "points_value": paying_points.value_of(using),
            "card_amount": total - paying_points.value_of(using),
        }

    def get(self, request, *args, **kwargs):
        # Card details are taken on the pay page, by Stripe or the demo gateway: there is
        # nothing to fill in here, so go straight to the preview.
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def submit(
        self,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        payment_kwargs=None,
        order_kwargs=None,
        surcharges=None,
    ):
        full = _full_visit_lines(basket)
        if full:
            messages.error(
                self.request,
                _(
                    "The time slot for %(service)s has just been fully booked. Remove it and "
                    "book another time."
                )
                % {"service": full[0].product.get_title()},
            )
            return redirect("basket:summary")
        plan = self.points_plan(order_total.incl_tax)
        attempt = payments.start_payment(
            basket=basket,
            user=user,
            order_number=self.generate_order_number(basket),
            amount=plan["card_amount"],
            currency=order_total.currency,
            checkout={
                "shipping_address": snapshot_address(shipping_address),
                "shipping_method": shipping_method.code,
                "language": translation.get_language(),
                "points": plan["points_using"],
            },
        )
        return redirect("checkout:pay", token=attempt.token)


def _full_visit_lines(basket):
    """Lines whose chosen slot has no place left, checked before any money moves."""
    wanted = {}
    for line in basket.all_lines():
        if line.product.get_product_class().slug != CLEANING:
            continue
        for attribute in line.attributes.all():
            if attribute.option.code == "visit":
                wanted.setdefault(attribute.value.get("slot"), []).append(line)
    if not wanted:
        return []
    slots = ServiceSlot.objects.in_bulk([pk for pk in wanted if pk is not None])
    full = []
    for pk, lines in wanted.items():
        slot = slots.get(pk)
        if slot is None or slot.free < len(lines):
            full.extend(lines)
    return full


class PointsView(CheckoutSessionMixin, View):
    """The preview's "pay part with points" form: how many points, checked, kept in session."""

    def post(self, request):
        raw = request.POST.get("points", "").strip().replace(",", "")
        if request.POST.get("action") == "remove":
            raw = "0"
        wanted = whole_number_or_none(raw, minimum=0)
        if wanted is None:
            messages.error(request, _("Enter a whole number of points."))
            return redirect("checkout:preview")
        total = self.build_submission()["order_total"].incl_tax
        usable = paying_points.most_usable(
            total=total, balance=points.balance_of(user=request.user)
        )
        if wanted > usable:
            messages.error(
                request,
                _(
                    "You can use at most %(points)s points on this order (half of it, and no "
                    "more than you have)."
                )
                % {"points": usable},
            )
            return redirect("checkout:preview")
        self.checkout_session.use_points(wanted)
        if wanted:
            messages.success(
                request,
                _("%(points)s points will pay %(value)s of this order.")
                % {"points": wanted, "value": f"¥{paying_points.value_of(wanted)}"},
            )
        return redirect("checkout:preview")


class AttemptMixin(CheckoutSessionMixin):
    def get_attempt(self, token):
        return get_object_or_404(
            PaymentAttempt.objects.select_related("order"), token=token, user=self.request.user
        )

    def conclude(self, attempt):
        """Send the customer where the gateway's answer leads."""
        if attempt.order is not None:
            return self.thank(attempt.order)
        try:
            order = payments.settle(attempt=attempt, intent=payments.read_intent(attempt))
        except PlacementFailed as failure:
            messages.error(
                self.request,
                _(
                    "We could not complete your order: %(reason)s Your payment has been "
                    "refunded in full."
                )
                % {"reason": failure},
            )
            return redirect("basket:summary")
        if order is not None:
            return self.thank(order)
        attempt.refresh_from_db()
        if attempt.status == PaymentAttempt.Status.FAILED:
            messages.error(
                self.request,
                _(
                    "Your payment was declined: %(reason)s Nothing was charged and your basket "
                    "is as you left it. Try another card."
                )
                % {"reason": attempt.failure_message},
            )
            return redirect("checkout:preview")
        return render(
            self.request, "oscar/checkout/processing.html", {"attempt": attempt}, status=202
        )

    def thank(self, order):
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.pk
        return redirect("checkout:thank-you")


class PayView(AttemptMixin, View):
    """The card step: Stripe's Payment Element with keys set, else the demo gateway's form."""

    def get(self, request, token):
        attempt = self.get_attempt(token)
        if attempt.status != PaymentAttempt.Status.PENDING:
            return self.conclude(attempt)
        return self.render_page(attempt)

    def post(self, request, token):
        attempt = self.get_attempt(token)
        if attempt.gateway != DemoGateway.code:
            return http.HttpResponseNotAllowed(["GET"])
        if attempt.status != PaymentAttempt.Status.PENDING:
            return self.conclude(attempt)
        number = request.POST.get("card_number", "")
        digits = "".join(ch for ch in number if ch in ASCII_DIGITS)
        if not 12 <= len(digits) <= 19:
            messages.error(request, _("Enter a card number of 12 to 19 digits."))
            return self.render_page(attempt, status=400, card_number=number)
        PaymentAttempt.objects.filter(pk=attempt.pk, status=PaymentAttempt.Status.PENDING).update(
            demo_outcome=DemoGateway().outcome_for_card(digits), updated_at=timezone.now()
        )
        attempt.refresh_from_db()
        return self.conclude(attempt)

    def render_page(self, attempt, status=200, card_number="4242 4242 4242 4242"):
        context = {
            "attempt": attempt,
            "basket": self.request.basket,
            "is_demo": attempt.gateway == DemoGateway.code,
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "card_number": card_number,
            "return_url": self.request.build_absolute_uri(
                self.request.path.replace("/pay/", "/return/")
            ),
        }
        return render(self.request, "oscar/checkout/pay.html", context, status=status)


class PaymentReturnView(AttemptMixin, View):
    """Where Stripe sends the browser after confirming; also the "check again" link."""

    def get(self, request, token):
        return self.conclude(self.get_attempt(token))
