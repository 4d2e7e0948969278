from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from groundwork.queue import RETRY, enqueue, enqueue_on_commit

from . import notices, points, welcome
from .rewards import services as rewards


@shared_task(**RETRY)
def send_welcome_email(user_id: int) -> bool:
    """Send the welcome email once; a retried or duplicated task sends nothing more."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    return welcome.send_welcome_email(user=user)


# --- Points and tiers: thin jobs run by Celery beat (CELERY_BEAT_SCHEDULE), each idempotent.


@shared_task(acks_late=True)
def expire_points() -> int:
    return points.expire_due(today=timezone.localdate())


@shared_task(acks_late=True)
def review_tiers() -> int:
    return len(review_tiers_on(timezone.localdate()))


@shared_task(acks_late=True)
def birthday_points() -> int:
    return points.award_birthday_points(today=timezone.localdate())


@shared_task(acks_late=True)
def expiry_reminders() -> int:
    return remind_expiring_on(timezone.localdate())


def review_tiers_on(today):
    """The annual review due on `today`, then a notice to each member moved down."""
    changes = points.review_tiers(today=today)
    for change in changes:
        if change.is_downgrade:
            enqueue_on_commit(send_tier_notice, change.pk)
    return changes


def remind_expiring_on(today) -> int:
    """Reminders due on `today`, each sent by its own task; returns how many were made."""
    reminders = points.remind_expiring(today=today)
    for reminder in reminders:
        enqueue_on_commit(send_expiry_reminder, reminder.pk)
    return len(reminders)


@shared_task(**RETRY)
def send_tier_notice(change_id: int) -> bool:
    return notices.send_tier_notice(change_id=change_id)


@shared_task(**RETRY)
def send_expiry_reminder(reminder_id: int) -> bool:
    return notices.send_expiry_reminder(reminder_id=reminder_id)


@shared_task(acks_late=True)
def free_cleanings() -> int:
    """The top tier's cleaning voucher, once per member and membership year."""
    return len(rewards.issue_free_cleanings(today=timezone.localdate()))


@shared_task(acks_late=True)
def resend_lost_notices() -> int:
    """Beat: welcome emails, tier notices and expiry reminders whose queueing was lost (the
    broker was down when they were written) are queued again. Each send is claimed once, so
    a notice still on its way is not sent twice."""
    lost = notices.unsent(now=timezone.now())
    for task, ids in (
        (send_welcome_email, lost.welcomes),
        (send_tier_notice, lost.tier_changes),
        (send_expiry_reminder, lost.reminders),
    ):
        for pk in ids:
            enqueue(task, pk)
    return len(lost.welcomes) + len(lost.tier_changes) + len(lost.reminders)
