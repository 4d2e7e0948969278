"""Service requests, engineers and their jobs for tests (issue #11).

Requests are opened through `aftersales.services.requests.open_request` so that their cover,
estimate and deadlines are the real ones; a test that needs a later status moves it with
`advance`, which writes the status and a timeline event directly, without the rules a test
may be exercising.
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from aftersales.models import Engineer, ServiceEvent, ServiceKind, ServiceRequest
from aftersales.services.requests import open_request

from .aftersales import make_appliance_model, make_area

_sequence = itertools.count(1)


def make_engineer(*, areas=(), categories=("air_conditioner",), name=None, **user_fields):
    n = next(_sequence)
    user = get_user_model().objects.create_user(
        username=f"engineer{n}",
        email=f"engineer{n}@example.com",
        password="pw-engineer",
        is_staff=True,
        **user_fields,
    )
    engineer = Engineer.objects.create(
        user=user,
        name=name or f"王师傅{n}",
        phone=f"139{n:08d}",
        categories=list(categories),
    )
    engineer.areas.set(list(areas) or [make_area()])
    return engineer


def make_request(
    *,
    kind: str = ServiceKind.ONSITE_REPAIR,
    channel: str = "web",
    customer=None,
    unit=None,
    appliance_model=None,
    area=None,
    now: datetime.datetime | None = None,
    contact_name: str = "王小明",
    contact_phone: str = "13800138000",
    **fields,
) -> ServiceRequest:
    if unit is None and appliance_model is None:
        appliance_model = make_appliance_model()
    return open_request(
        kind=kind,
        channel=channel,
        appliance_model=appliance_model,
        unit=unit,
        customer=customer,
        contact_name=contact_name,
        contact_phone=contact_phone,
        area=area,
        address=fields.pop("address", "上海市浦东新区世纪大道100号"),
        now=now or timezone.now(),
        **fields,
    )


def advance(service_request: ServiceRequest, status: str, **fields) -> ServiceRequest:
    """Put the request in `status` directly (set-up for a test, not the rule under test)."""
    before = service_request.status
    ServiceRequest.objects.filter(pk=service_request.pk).update(status=status, **fields)
    ServiceEvent.objects.create(
        request=service_request,
        action="setup",
        status_from=before,
        status_to=status,
        actor_role="system",
        at=timezone.now(),
    )
    service_request.refresh_from_db()
    return service_request
