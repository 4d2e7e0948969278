from django.db.models import Q

from .models import InvoiceRequest


def requests_for_staff(*, status: str = "", q: str = ""):
    """The queue: oldest waiting first when filtered to one status, newest first otherwise."""
    requests = InvoiceRequest.objects.select_related("order", "user", "issued_by")
    if status:
        requests = requests.filter(status=status).order_by("created_at")
    q = q.strip()
    if q:
        requests = requests.filter(
            Q(order__number=q)
            | Q(title__icontains=q)
            | Q(taxpayer_number=q.upper())
            | Q(email__iexact=q)
            | Q(invoice_number=q)
        )
    return requests
