from celery import shared_task
from django.utils import timezone

from groundwork.queue import RETRY, enqueue

from . import notices


@shared_task(**RETRY)
def send_return_notice(request_id: int, step: str) -> bool:
    return notices.send_return_notice(request_id=request_id, step=step)


@shared_task(acks_late=True)
def resend_lost_return_notices() -> int:
    """Beat: return emails whose queueing was lost (the broker was down when the step was
    taken) are queued again; each is claimed once, so one still on its way is not sent twice."""
    lost = notices.unsent(now=timezone.now())
    for request_id, step in lost:
        enqueue(send_return_notice, request_id, step)
    return len(lost)
