from celery import shared_task
from django.contrib.auth import get_user_model

from . import welcome


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
