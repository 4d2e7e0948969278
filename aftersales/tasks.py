"""After-sales jobs for Celery: thin, taking ids, each safe to run twice."""

from celery import shared_task
from django.utils import timezone

from groundwork.queue import RETRY, enqueue, enqueue_on_commit

from . import notices


@shared_task(**RETRY)
def send_service_notices(event_id: int) -> int:
    """The email and text announcing one step of a request; each is sent once."""
    return notices.send_for_event(event_id=event_id)


@shared_task(**RETRY)
def send_service_notice(notice_id: int) -> bool:
    return notices.send_notice(notice_id=notice_id)


@shared_task(acks_late=True)
def send_day_before_reminders() -> int:
    """Beat: a reminder for every engineer's visit and shop visit that starts tomorrow."""
    notice_ids = notices.write_reminders(today=timezone.localdate())
    for notice_id in notice_ids:
        enqueue_on_commit(send_service_notice, notice_id)
    return len(notice_ids)


@shared_task(acks_late=True)
def resend_lost_service_notices() -> int:
    """Beat: notices whose queueing was lost (the broker was down) are queued again; each
    send is claimed once, so one still on its way is not sent twice."""
    notice_ids = notices.unsent(now=timezone.now())
    for notice_id in notice_ids:
        enqueue(send_service_notice, notice_id)
    return len(notice_ids)
