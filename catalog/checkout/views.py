"""Oscar's checkout, paid by card: preview -> pay (Stripe.js or the demo gateway) -> return.

The preview's "Pay" opens a payment attempt instead of placing the order at once; the order
is placed when the gateway says the money is in, from the return page here or from
Stripe's webhook, whichever comes first (catalog.checkout.placement).
"""

import logging

import stripe
from django import http
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class

from catalog.invoices.forms import InvoiceRequestForm
from groundwork import throttle
from groundwork.queue import enqueue_on_commit
from groundwork.whole_numbers import ASCII_DIGITS, whole_number_or_none
from membership import rules as points_rules
from payments import services as payments
from payments.client import DemoGateway
from payments.models import PaymentAttempt

from . import next_steps, preflight, settlement, tasks, wallets
from .placement import PlacementFailed, snapshot_address

logger = logging.getLogger(__name__)

# The WeChat Pay page asks every 3 seconds; Stripe is read for one attempt at most this often
# (a page left open in two tabs included). Polls beyond it, a script's or a stuck page's,
# answer from what the webhook and earlier reads stored, and cost Stripe nothing.
INTENT_READS_PER_WINDOW = 12
INTENT_READ_WINDOW_SECONDS = 30

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        total = context.get("order_total")
        if self.preview and total is not None and self.request.user.is_authenticated:
            context.update(self.points_plan(total.incl_tax))
        context["payment_methods"] = wallets.choices(payments.offered_methods())
        context.setdefault("payment_method", PaymentAttempt.Method.CARD)
        if "invoice_form" not in context:
            email = getattr(self.request.user, "email", "")
            context["invoice_form"] = InvoiceRequestForm(prefix="invoice", initial={"email": email})
        return context

    def handle_place_order_submission(self, request):
        method = request.POST.get("payment_method") or PaymentAttempt.Method.CARD
        invoice_form = InvoiceRequestForm(request.POST, prefix="invoice")
        error = None
        if method not in payments.offered_methods():
            error = _("Choose one of the ways to pay shown below.")
        elif not invoice_form.is_valid():
            error = _("Check the VAT invoice details below.")
        if error:
            response = self.render_preview(
                request, error=error, invoice_form=invoice_form, payment_method=method
            )
            response.status_code = 400
            return response
        self.payment_method = method
        self.invoice_details = invoice_form.details()
        return super().handle_place_order_submission(request)

    def points_plan(self, total) -> dict:
        """What the member can and chose to pay with points, and what is left for the card."""
        plan = preflight.points_plan(
            user=self.request.user,
            basket=self.request.basket,
            total=total,
            wanted=self.checkout_session.points_to_use(),
        )
        return {
            "points_balance": plan.balance,
            "points_usable": plan.usable,
            "points_using": plan.using,
            "points_value": plan.value,
            "card_amount": total - plan.value,
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
        try:
            preflight.check(basket, today=timezone.localdate())
            plan = preflight.points_plan(
                user=user,
                basket=basket,
                total=order_total.incl_tax,
                wanted=self.checkout_session.points_to_use(),
            )
            attempt = preflight.begin_payment(
                basket=basket,
                user=user,
                order_number=self.generate_order_number(basket),
                total=order_total,
                points_using=plan.using,
                checkout={
                    "shipping_address": snapshot_address(shipping_address),
                    "shipping_method": shipping_method.code,
                    "language": translation.get_language(),
                    "invoice": getattr(self, "invoice_details", None),
                },
                method=getattr(self, "payment_method", PaymentAttempt.Method.CARD),
                return_url_for=self.return_url_for,
            )
        except preflight.Refused as refusal:
            messages.error(self.request, str(refusal))
            return redirect("basket:summary")
        except stripe.StripeError:
            logger.warning("Stripe refused or could not open a payment", exc_info=True)
            messages.error(
                self.request,
                _(
                    "This way to pay is not available right now. Nothing was charged: "
                    "choose another way to pay or try again in a moment."
                ),
            )
            return redirect("checkout:preview")
        return redirect("checkout:pay", token=attempt.token)

    def return_url_for(self, token) -> str:
        return self.request.build_absolute_uri(reverse("checkout:return", kwargs={"token": token}))


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
        usable = preflight.points_plan(
            user=request.user, basket=request.basket, total=total, wanted=wanted
        ).usable
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
                % {"points": wanted, "value": f"¥{points_rules.value_of(wanted)}"},
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
            order = settlement.settle(attempt=attempt, intent=payments.read_intent(attempt))
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
            # Claimed once per order, so the webhook's own request for it sends nothing more.
            enqueue_on_commit(tasks.send_order_confirmation, order.pk)
            return self.thank(order)
        attempt.refresh_from_db()
        if attempt.status == PaymentAttempt.Status.FAILED:
            messages.error(self.request, wallets.failure_message(attempt))
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
        if attempt.method in wallets.WALLETS:
            return self.render_wallet_page(attempt)
        return self.render_page(attempt)

    def render_wallet_page(self, attempt):
        intent = payments.read_intent(attempt)
        if intent.status != "requires_action":
            return self.conclude(attempt)
        context = wallets.page_context(attempt, intent)
        if context is None:
            logger.error("Intent %s gave no usable next action: %r", intent.id, intent.next_action)
            messages.error(
                self.request,
                _(
                    "This way to pay is not available right now. Nothing was charged: "
                    "choose another way to pay or try again in a moment."
                ),
            )
            return redirect("checkout:preview")
        context.update(
            attempt=attempt,
            status_url=reverse("checkout:status", kwargs={"token": attempt.token}),
            return_url=reverse("checkout:return", kwargs={"token": attempt.token}),
        )
        return render(self.request, "oscar/checkout/pay_wallet.html", context)

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


@method_decorator(never_cache, name="dispatch")
class PaymentStatusView(AttemptMixin, View):
    """What the WeChat Pay page polls: has the payment gone through yet?

    Reading the intent settles it as the return page would (placing the order if it is
    paid), so the order follows the payment even when neither the return nor the webhook
    has come. The page then goes to `next`, the return page, which shows the outcome.
    Stripe is read within a budget per attempt; past it the stored status answers.
    """

    def get(self, request, token):
        attempt = self.get_attempt(token)
        if attempt.status == PaymentAttempt.Status.PENDING and self.may_read_stripe(attempt):
            try:
                settlement.settle(attempt=attempt, intent=payments.read_intent(attempt))
            except PlacementFailed:
                pass  # refunded; the return page says so
            except stripe.StripeError:
                logger.warning("Could not read intent %s", attempt.intent_id, exc_info=True)
            attempt.refresh_from_db()
        done = attempt.status != PaymentAttempt.Status.PENDING
        return http.JsonResponse(
            {
                "status": attempt.status,
                "done": done,
                "next": reverse("checkout:return", kwargs={"token": attempt.token}),
            }
        )

    @staticmethod
    def may_read_stripe(attempt) -> bool:
        # With the cache down the poll still reads: the budget guards Stripe's rate limit,
        # not personal data, and a customer waiting on a paid order must see it placed.
        return throttle.allow(
            key=f"intent-read:{attempt.pk}",
            limit=INTENT_READS_PER_WINDOW,
            window_seconds=INTENT_READ_WINDOW_SECONDS,
            when_unavailable=True,
        )


class ThankYouView(oscar_views.ThankYouView):
    """Oscar's confirmation page, answering what happens next (catalog.checkout.next_steps)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next_steps"] = next_steps.for_order(context["order"])
        return context
