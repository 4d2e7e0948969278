"""The order confirmation email: Oscar's ORDER_PLACED event, in the customer's language,
with a certificate PDF for each warranty bought.

Sent at most once per order: the send is claimed on the payment attempt with a
conditional UPDATE, and released again if the mail server fails so the retry can send.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_class, get_model

from aftersales.certificates import render_certificate
from aftersales.models import ServiceBooking, WarrantyContract
from payments.models import PaymentAttempt

from . import next_steps

OrderDispatcher = get_class("order.utils", "OrderDispatcher")
Order = get_model("order", "Order")


def send_order_confirmation(*, order_id: int) -> bool:
    order = Order._default_manager.select_related("user").filter(pk=order_id).first()
    attempt = PaymentAttempt.objects.filter(order_id=order_id).first()
    if order is None or order.user is None or attempt is None:
        return False
    claimed = PaymentAttempt.objects.filter(
        pk=attempt.pk, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=timezone.now())
    if not claimed:
        return False
    try:
        with translation.override(language_for(order, attempt)):
            _send(order)
    except Exception:
        PaymentAttempt.objects.filter(pk=attempt.pk).update(confirmation_sent_at=None)
        raise
    return True


def language_for(order, attempt) -> str:
    profile = getattr(order.user, "member_profile", None)
    return (
        attempt.checkout.get("language")
        or getattr(profile, "preferred_language", None)
        or settings.LANGUAGE_CODE
    )


def _send(order) -> None:
    contracts = list(
        WarrantyContract.objects.filter(order_line__order=order).select_related(
            "unit__appliance_model", "unit__owner"
        )
    )
    bookings = list(
        ServiceBooking.objects.filter(order_line__order=order).select_related("slot__area")
    )
    context = {
        "user": order.user,
        "order": order,
        "lines": order.lines.all(),
        "contracts": contracts,
        "bookings": bookings,
        "next_steps": next_steps.for_order(order),
        "status_path": reverse("customer:order", kwargs={"order_number": order.number}),
        "site_url": settings.WAGTAILADMIN_BASE_URL,
    }
    attachments = [
        [f"{contract.number}.pdf", render_certificate(contract), "application/pdf"]
        for contract in contracts
    ]
    OrderDispatcher().send_order_placed_email_for_user(order, context, attachments)
