"""The "your e-invoice is issued" email, through Oscar's communication events.

Staff can reword it in the dashboard (code INVOICE_ISSUED); the files in
templates/oscar/communication/emails/ are the default text. It goes to the address the
customer gave for the e-invoice, in their language, once: the send is claimed with one
conditional UPDATE and released if the mail server fails, so the retry sends it.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_class

from .models import InvoiceRequest

Dispatcher = get_class("communication.utils", "Dispatcher")

CODE = "INVOICE_ISSUED"
# An issued invoice not emailed this long after was lost on the way (the broker down as
# staff issued it); older than the horizon it is left to staff, who can see it unsent.
LOST_AFTER = datetime.timedelta(minutes=10)
HORIZON = datetime.timedelta(days=2)


def send_invoice_issued(*, request_id: int) -> bool:
    claimed = InvoiceRequest.objects.filter(
        pk=request_id, status=InvoiceRequest.Status.ISSUED, emailed_at__isnull=True
    ).update(emailed_at=timezone.now())
    if not claimed:
        return False
    request = InvoiceRequest.objects.select_related("order", "user__member_profile").get(
        pk=request_id
    )
    profile = getattr(request.user, "member_profile", None)
    language = getattr(profile, "preferred_language", None) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            order_path = reverse("customer:order", kwargs={"order_number": request.order.number})
            context = {
                "user": request.user,
                "invoice": request,
                "order": request.order,
                "order_url": settings.WAGTAILADMIN_BASE_URL + order_path,
            }
            dispatcher = Dispatcher()
            messages = dispatcher.get_messages(CODE, context)
            dispatcher.dispatch_direct_messages(request.email, messages)
    except Exception:
        InvoiceRequest.objects.filter(pk=request_id).update(emailed_at=None)
        raise
    return True


def unsent(*, now: datetime.datetime) -> list[int]:
    """Ids of the issued invoices whose email should have gone by `now` and has not."""
    return list(
        InvoiceRequest.objects.filter(
            status=InvoiceRequest.Status.ISSUED,
            emailed_at__isnull=True,
            issued_at__range=(now - HORIZON, now - LOST_AFTER),
        ).values_list("pk", flat=True)[:500]
    )
