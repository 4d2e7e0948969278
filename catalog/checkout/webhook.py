import logging

import stripe
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from groundwork.queue import enqueue
from payments import services
from payments.client import StripeGateway, gateway
from payments.models import StripeEvent

from . import tasks

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Verify, store, queue, answer (STYLE.md rule 4).

    Every verified event gets 200 once it is queued, also types we ignore and replays, or
    Stripe retries for days. When the queue is down the event is still stored and the answer
    is 503, so Stripe sends it again; the beat sweep (tasks.settle_leftovers) processes it
    meanwhile. Anything unsigned or wrongly signed gets 400 and writes nothing.
    """
    provider = gateway()
    if not isinstance(provider, StripeGateway) or not provider.webhook_secret:
        return HttpResponseBadRequest("Stripe is not configured")
    try:
        event = provider.construct_event(request.body, request.headers.get("Stripe-Signature", ""))
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("Rejected a Stripe webhook with a bad signature or body")
        return HttpResponseBadRequest("Bad signature")
    if not _is_event(event):
        return HttpResponseBadRequest("Not an event")
    stored = services.record_stripe_event(event=event)
    if stored.processed_at is not None:
        return HttpResponse(status=200)  # a replay of an event already acted on
    # New, or a replay of one never processed (its first queueing was lost): queue it.
    if not enqueue(tasks.process_stripe_event, stored.event_id):
        # Stored, so nothing is lost: Stripe retries on a 503 and the sweep runs it anyway.
        return HttpResponse("Queue unavailable, stored for retry", status=503)
    return HttpResponse(status=200)


def _is_event(event) -> bool:
    """An object whose id and type fit StripeEvent's columns; anything else is not Stripe's."""
    if not isinstance(event, dict):
        return False
    event_id, kind = event.get("id"), event.get("type", "")
    return (
        isinstance(event_id, str)
        and 0 < len(event_id) <= StripeEvent._meta.get_field("event_id").max_length
        and isinstance(kind, str)
        and len(kind) <= StripeEvent._meta.get_field("type").max_length
    )
