"""POST /api/partners/<code>/installations/: a partner's installation order, signed.

Answers in JSON: 201 with the request numbers when the order opened something, 200 with the
same numbers when every line was there already, 400 with an error (and field errors for a
malformed order). Nothing is written unless the signature and the whole order are good.
"""

import json

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from groundwork.storable_text import storable

from .. import partner_orders
from ..models import InstallationPartner


def _refuse(message: str, fields: dict | None = None) -> JsonResponse:
    body = {"error": message}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=400)


@csrf_exempt  # a machine's call, authenticated by its signature instead of a cookie
@require_POST
def installations(request, partner: str):
    now = timezone.now()
    found = InstallationPartner.objects.filter(code=partner).first()
    try:
        partner_orders.verify(
            partner=found,
            body=request.body,
            timestamp=request.headers.get(partner_orders.TIMESTAMP_HEADER, ""),
            signature=request.headers.get(partner_orders.SIGNATURE_HEADER, ""),
            now=now,
        )
    except partner_orders.BadSignature as refusal:
        return _refuse(str(refusal))
    try:
        # NUL and lone surrogates, which JSON may spell, become U+FFFD (PostgreSQL refuses them).
        data = storable(json.loads(request.body.decode("utf-8")))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, a number past any limit
        return _refuse(_("The body is not JSON."))
    try:
        lines = partner_orders.read_order(data)
    except partner_orders.OrderRefused as refusal:
        return _refuse(_("The order was not taken; see the fields."), refusal.errors)
    opened = partner_orders.open_order(partner=found, lines=lines, now=now)
    return JsonResponse(
        {
            "requests": [
                {
                    "line_id": item.line_id,
                    "number": item.service_request.number,
                    "created": item.created,
                }
                for item in opened
            ]
        },
        status=201 if any(item.created for item in opened) else 200,
    )
