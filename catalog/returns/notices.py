"""The customer's email at each step of a return, through Oscar's communication events
(event type RETURN_UPDATE, recorded on the order), in the customer's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class

from .models import ReturnRequest

OrderDispatcher = get_class("order.utils", "OrderDispatcher")

EVENT_CODE = "RETURN_UPDATE"
STEPS = ("requested", "approved", "refused", "received")


def _language(user) -> str:
    profile = getattr(user, "member_profile", None)
    language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def send_return_notice(*, request_id: int, step: str) -> bool:
    request = (
        ReturnRequest.objects.select_related("customer", "line__order__user", "replacement_order")
        .filter(pk=request_id)
        .first()
    )
    if request is None or step not in STEPS or not request.customer.email:
        return False
    order = request.line.order
    with translation.override(_language(request.customer)):
        context = {
            "user": request.customer,
            "order": order,
            "return_request": request,
            "step": step,
            "site_url": settings.WAGTAILADMIN_BASE_URL,
            "order_path": reverse("customer:order", kwargs={"order_number": order.number}),
            "service_phone": settings.AFTERCARE_SERVICE_PHONE,
        }
        dispatcher = OrderDispatcher()
        messages = dispatcher.dispatcher.get_messages(EVENT_CODE, context)
        dispatcher.dispatch_order_messages(order, messages, EVENT_CODE)
    return True
