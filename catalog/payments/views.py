import logging

import stripe
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services, tasks
from .client import StripeGateway, gateway
from .models import StripeEvent

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Verify, store, answer 200, process after commit (STYLE.md rule 4).

    Every verified event gets 200, also types we ignore and replays, or Stripe retries for
    days. Anything unsigned or wrongly signed gets 400 and writes nothing.
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
    if stored is not None:
        tasks.process_stripe_event.delay_on_commit(stored.event_id)
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
