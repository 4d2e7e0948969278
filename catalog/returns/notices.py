"""The customer's email at each step of a return, through Oscar's communication events
(event type RETURN_UPDATE, recorded on the order), in the customer's language.

Each step's email goes once: it is claimed by one conditional UPDATE of its `*_notified_at`
before it is sent, and released if sending fails, so the retry sends it. One whose queueing
was lost (the broker down as the step was taken) is found by `unsent` and sent by the sweep.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_class

from .models import ReturnRequest

OrderDispatcher = get_class("order.utils", "OrderDispatcher")

EVENT_CODE = "RETURN_UPDATE"
STEPS = ("requested", "approved", "refused", "received")
# The claim each step's email takes: approval and refusal are one decision, one email.
CLAIMS = {
    "requested": "requested_notified_at",
    "approved": "decided_notified_at",
    "refused": "decided_notified_at",
    "received": "received_notified_at",
}
# A notice not claimed this long after its step was lost on the way; older than the horizon,
# it is stale news and left alone.
LOST_AFTER = datetime.timedelta(minutes=10)
HORIZON = datetime.timedelta(days=2)


def _language(user) -> str:
    profile = getattr(user, "member_profile", None)
    language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def send_return_notice(*, request_id: int, step: str) -> bool:
    if step not in STEPS:
        return False
    request = (
        ReturnRequest.objects.select_related("customer", "line__order__user", "replacement_order")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not request.customer.email:
        return False
    claim = CLAIMS[step]
    claimed = ReturnRequest.objects.filter(pk=request_id, **{f"{claim}__isnull": True}).update(
        **{claim: timezone.now()}
    )
    if not claimed:
        return False  # sent already, or on its way
    order = request.line.order
    try:
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
    except Exception:
        ReturnRequest.objects.filter(pk=request_id).update(**{claim: None})
        raise
    return True


def unsent(*, now: datetime.datetime) -> list[tuple[int, str]]:
    """(request id, step) of the emails that should have gone by `now` and have not."""
    window = (now - HORIZON, now - LOST_AFTER)
    requests = ReturnRequest.objects.exclude(customer__email="")
    lost = [
        (pk, "requested")
        for pk in requests.filter(
            requested_notified_at__isnull=True, created_at__range=window
        ).values_list("pk", flat=True)[:500]
    ]
    decided = requests.filter(decided_notified_at__isnull=True, decided_at__range=window)
    lost += [
        (pk, "refused" if status == ReturnRequest.Status.REFUSED else "approved")
        for pk, status in decided.values_list("pk", "status")[:500]
    ]
    lost += [
        (pk, "received")
        for pk in requests.filter(
            received_notified_at__isnull=True, received_at__range=window
        ).values_list("pk", flat=True)[:500]
    ]
    return lost
