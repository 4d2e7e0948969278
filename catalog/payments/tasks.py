from celery import shared_task

from . import services


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=8,
    acks_late=True,
)
def process_stripe_event(event_id: str) -> None:
    services.process_stripe_event(event_id=event_id)


@shared_task(acks_late=True)
def retry_pending_refunds() -> int:
    from .refunds import retry_pending_refunds as send_pending

    return send_pending()
