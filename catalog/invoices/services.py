"""Invoice requests: written with the order at placement, issued by staff."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import InvoiceRequest


class CannotIssue(Exception):
    """The invoice cannot be recorded as issued; the message says why, for staff."""


def record_request(*, order, user, details: dict, amount: Decimal) -> InvoiceRequest:
    """The customer's request for `order`, inside the transaction that places it."""
    return InvoiceRequest.objects.create(
        order=order,
        user=user,
        title_kind=details["title_kind"],
        title=details["title"][:100],
        taxpayer_number=details.get("taxpayer_number", "")[:18],
        email=details["email"],
        amount=amount,
    )


def mark_issued(*, request_id: int, invoice_number: str, actor) -> InvoiceRequest:
    """Record the invoice the tax system issued; once per request, each number once."""
    try:
        with transaction.atomic():
            request = InvoiceRequest.objects.select_for_update().get(pk=request_id)
            if request.status == InvoiceRequest.Status.ISSUED:
                raise CannotIssue(
                    _("This invoice was already issued as number %(number)s.")
                    % {"number": request.invoice_number}
                )
            request.status = InvoiceRequest.Status.ISSUED
            request.invoice_number = invoice_number
            request.issued_at = timezone.now()
            request.issued_by = actor
            request.save(update_fields=["status", "invoice_number", "issued_at", "issued_by"])
    except IntegrityError as clash:
        raise CannotIssue(
            _("Invoice number %(number)s is already recorded on another order.")
            % {"number": invoice_number}
        ) from clash
    return request
