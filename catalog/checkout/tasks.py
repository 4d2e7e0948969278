from celery import shared_task
from django.utils import timezone

from groundwork.queue import RETRY, enqueue

from . import confirmation, settlement


@shared_task(**RETRY)
def send_order_confirmation(order_id: int) -> bool:
    return confirmation.send_order_confirmation(order_id=order_id)


@shared_task(**RETRY)
def process_stripe_event(event_id: str) -> None:
    order = settlement.process_stripe_event(event_id=event_id)
    if order is not None:
        # Claimed once per order: the customer's return may have asked for it already.
        enqueue(send_order_confirmation, order.pk)


@shared_task(acks_late=True)
def settle_leftovers() -> int:
    """Beat, every few minutes: what a lost message left behind becomes an order or a
    refund, and every placed order gets its confirmation."""
    now = timezone.now()
    orders = settlement.settle_leftovers(now=now)
    for order_id in {order.pk for order in orders} | set(settlement.unconfirmed_orders(now=now)):
        enqueue(send_order_confirmation, order_id)
    return len(orders)
