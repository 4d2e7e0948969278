"""Celery tasks of the feedback loop: thin, taking ids, each safe to run twice."""

from celery import shared_task
from django.utils import timezone

from groundwork.queue import RETRY, enqueue, enqueue_on_commit

from . import mailbox, notices


@shared_task(**RETRY)
def send_mailbox_reply(message_id: int) -> bool:
    return notices.send_reply(message_id=message_id)


@shared_task(**RETRY)
def notify_mailbox_escalation(escalation_id: int) -> bool:
    return notices.notify_escalation(escalation_id=escalation_id)


@shared_task(**RETRY)
def notify_follow_up(follow_up_id: int) -> bool:
    return notices.notify_follow_up(follow_up_id=follow_up_id)


@shared_task(acks_late=True)
def escalate_mailbox() -> int:
    """Beat: overdue messages up one level each, and notices lost on their way queued again."""
    now = timezone.now()
    made = mailbox.escalate_overdue(now=now)
    for escalation in made:
        enqueue_on_commit(notify_mailbox_escalation, escalation.pk)
    lost = notices.unsent(now=now)
    for message_id in lost["replies"]:
        enqueue(send_mailbox_reply, message_id)
    for escalation_id in lost["escalations"]:
        enqueue(notify_mailbox_escalation, escalation_id)
    for follow_up_id in lost["follow_ups"]:
        enqueue(notify_follow_up, follow_up_id)
    return len(made)
