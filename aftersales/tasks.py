"""After-sales jobs for Celery: thin, taking ids, each safe to run twice."""

from celery import shared_task
from django.utils import timezone

from groundwork.queue import RETRY, enqueue_on_commit

from . import sla_notices
from .services import sla


@shared_task(acks_late=True)
def keep_service_promises() -> int:
    """Beat, every few minutes: warn, escalate and compensate what is due, then send the
    notices (and any a lost message left unsent)."""
    now = timezone.now()
    alert_ids = sla.run(now=now)
    for alert_id in dict.fromkeys([*alert_ids, *sla.unsent_alerts(now=now)]):
        enqueue_on_commit(send_service_alert, alert_id)
    return len(alert_ids)


@shared_task(**RETRY)
def send_service_alert(alert_id: int) -> bool:
    return sla_notices.send_alert(alert_id=alert_id)
