from celery import shared_task

from . import refunds


@shared_task(acks_late=True)
def retry_pending_refunds() -> int:
    """Resend every refund the gateway could not take at the time (beat, every 10 minutes)."""
    return refunds.retry_pending_refunds()
