"""The service desk's records for tests: installation partners, grants, promises (issue #11)."""

import itertools
import uuid

from django.utils import timezone

from aftersales.models import (
    CompensationCap,
    CompensationGrant,
    CompensationKind,
    InstallationPartner,
    ServicePromise,
)
from aftersales.models.compensation import DEFAULT_CAPS

_sequence = itertools.count(1)


def make_partner(**fields) -> InstallationPartner:
    n = next(_sequence)
    values = {"code": f"shop{n}", "name": f"商城{n}", "secret": f"secret-{uuid.uuid4().hex}"}
    values.update(fields)
    return InstallationPartner.objects.create(**values)


def default_caps() -> None:
    """The caps a new site starts with (the migration writes them; a flush removes them)."""
    for level, caps in DEFAULT_CAPS.items():
        for kind, (per_grant, per_case) in caps.items():
            CompensationCap.objects.update_or_create(
                level=level, kind=kind, defaults={"per_grant": per_grant, "per_case": per_case}
            )


def make_promise(kind, **fields) -> ServicePromise:
    values = {"response_hours": 2, "compensation": CompensationKind.POINTS}
    values.update(fields)
    return ServicePromise.objects.update_or_create(kind=kind, defaults=values)[0]


def make_grant(service_request, *, amount=100, kind=CompensationKind.POINTS, **fields):
    """A grant row written directly (for reports), not through the catalogue's rules."""
    values = {
        "key": f"test:{uuid.uuid4()}",
        "service_request": service_request,
        "kind": kind,
        "amount": amount,
        "reason": "goodwill",
        "role": "agent",
        "created_at": timezone.now(),
        "status": CompensationGrant.Status.DELIVERED,
    }
    values.update(fields)
    return CompensationGrant.objects.create(**values)
