from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from . import notices, points, welcome


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
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
    return len(points.review_tiers(today=timezone.localdate()))


@shared_task(acks_late=True)
def birthday_points() -> int:
    return points.award_birthday_points(today=timezone.localdate())


@shared_task(acks_late=True)
def expiry_reminders() -> int:
    return points.remind_expiring(today=timezone.localdate())


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_tier_notice(change_id: int) -> bool:
    return notices.send_tier_notice(change_id=change_id)


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_expiry_reminder(reminder_id: int) -> bool:
    return notices.send_expiry_reminder(reminder_id=reminder_id)


@shared_task(acks_late=True)
def free_cleanings() -> int:
    """The top tier's cleaning voucher, once per member and membership year."""
    from .rewards import services as rewards

    return len(rewards.issue_free_cleanings(today=timezone.localdate()))
