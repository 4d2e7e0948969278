"""After-sales jobs for Celery: thin, taking ids, each safe to run twice."""

from celery import shared_task
from django.utils import timezone

from groundwork.queue import RETRY, enqueue, enqueue_on_commit

from . import notices, sla_notices, touchpoints


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


@shared_task(acks_late=True)
def keep_service_promises() -> int:
    """Beat, every few minutes: warn, escalate and compensate what is due, then send the
    notices (and any a lost message left unsent)."""
    # Imported here: services.requests queues this module's notice tasks at import time.
    from .services import sla

    now = timezone.now()
    alert_ids = sla.run(now=now)
    for alert_id in dict.fromkeys([*alert_ids, *sla.unsent_alerts(now=now)]):
        enqueue_on_commit(send_service_alert, alert_id)
    return len(alert_ids)


@shared_task(**RETRY)
def send_service_alert(alert_id: int) -> bool:
    return sla_notices.send_alert(alert_id=alert_id)


@shared_task(acks_late=True)
def rebuild_recent_touchpoints() -> int:
    """Beat, every 10 minutes: today's and yesterday's touchpoint figures counted again."""
    return touchpoints.rebuild_recent(now=timezone.now())


@shared_task(acks_late=True)
def rebuild_touchpoint_history() -> int:
    """Beat, nightly: the last 62 days counted again (repeat repairs show up to 30 days
    after the first one; anything corrected in the source tables is caught up)."""
    return touchpoints.rebuild_history(now=timezone.now())
