"""The service promise as published on /service-promise/: read from the very rows the SLA
job keeps to (ServicePromise, ServiceArea.arrival_hours), so the page cannot promise one
thing while the job grants another."""

from dataclasses import dataclass

from django.utils.translation import get_language

from .compensation import describe
from .models import VISIT_KINDS, ServiceArea, ServiceKind, ServicePromise
from .services.requests import DEFAULT_ARRIVAL_HOURS, promise_for


@dataclass(frozen=True)
class ArrivalGroup:
    hours: int
    areas: tuple[str, ...]


@dataclass(frozen=True)
class PublishedPromise:
    kind: str
    label: str
    response_hours: int
    # Visits only: the shortest promise first, then longer ones with the areas they hold in.
    arrival: tuple[ArrivalGroup, ...]
    compensation: str


def published_promises() -> list[PublishedPromise]:
    """One row per request type, in the active language."""
    english = not (get_language() or "").startswith("zh")
    areas = list(ServiceArea.objects.filter(is_active=True).order_by("arrival_hours", "code"))
    written = {row.kind: row for row in ServicePromise.objects.all()}
    promises = []
    for kind in ServiceKind:
        # The row, or (none written yet) the defaults the job also uses.
        promise = written.get(kind.value) or promise_for(kind.value)
        arrival = ()
        if kind in VISIT_KINDS:
            base = promise.arrival_hours or DEFAULT_ARRIVAL_HOURS
            arrival = _arrival_groups(base, areas, english)
        promises.append(
            PublishedPromise(
                kind=kind.value,
                label=str(kind.label),
                response_hours=promise.response_hours,
                arrival=arrival,
                compensation=describe(promise.compensation, promise.compensation_amount)
                if promise.compensation_amount
                else "",
            )
        )
    return promises


def _arrival_groups(base: int, areas, english: bool) -> tuple[ArrivalGroup, ...]:
    """Arrival hours as requests.deadlines fixes them: the longer of the type's promise and
    the area's."""
    if not areas:
        return (ArrivalGroup(base, ()),)
    groups: dict[int, list[str]] = {}
    for area in areas:
        name = area.name_en if english and area.name_en else area.name
        groups.setdefault(max(base, area.arrival_hours), []).append(name)
    return tuple(ArrivalGroup(hours, tuple(names)) for hours, names in sorted(groups.items()))
