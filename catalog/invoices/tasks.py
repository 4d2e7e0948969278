from celery import shared_task
from django.utils import timezone

from groundwork.queue import RETRY, enqueue

from . import notices


@shared_task(**RETRY)
def send_invoice_issued(request_id: int) -> bool:
    return notices.send_invoice_issued(request_id=request_id)


@shared_task(acks_late=True)
def resend_lost_invoice_emails() -> int:
    """Beat: "your e-invoice is issued" emails whose queueing was lost are queued again;
    each is claimed once, so one still on its way is not sent twice."""
    lost = notices.unsent(now=timezone.now())
    for request_id in lost:
        enqueue(send_invoice_issued, request_id)
    return len(lost)
