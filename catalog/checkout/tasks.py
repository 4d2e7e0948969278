from celery import shared_task

from . import confirmation


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_order_confirmation(order_id: int) -> bool:
    return confirmation.send_order_confirmation(order_id=order_id)
