from celery import shared_task

from groundwork.queue import RETRY

from . import notices


@shared_task(**RETRY)
def send_invoice_issued(request_id: int) -> bool:
    return notices.send_invoice_issued(request_id=request_id)
