"""Reads for the customer's own pages: a fixed number of queries whatever the page size."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from appliances.models import ApplianceModel

from .models import (
    RegisteredUnit,
    ServiceArea,
    ServiceBooking,
    ServiceEvent,
    ServiceKind,
    ServiceRequest,
    WarrantyContract,
)
from .refunds import booking_refund, can_change_visit
from .services import visit_starts
from .services.requests import can, step_label
from .services.requests_customer import too_close, window_starts


def units_with_cover(user) -> QuerySet[RegisteredUnit]:
    """The user's units, each with `contracts_in_force` prefetched, longest cover first,
    its `open_requests` (newest first) and `installation_asked` (installed by us, or on
    its way), so that My devices offers only the requests that make sense."""
    in_force = WarrantyContract.objects.in_force().order_by("-ends_on", "-pk")
    open_requests = ServiceRequest.objects.open().order_by("-opened_at", "-pk")
    installation = ServiceRequest.objects.filter(
        kind=ServiceKind.INSTALLATION,
        appliance_model=OuterRef("appliance_model"),
        serial=OuterRef("serial"),
    ).exclude(status=ServiceRequest.Status.CANCELLED)
    return (
        RegisteredUnit.objects.owned_by(user)
        .select_related("appliance_model")
        .annotate(installation_asked=Exists(installation))
        .prefetch_related(
            Prefetch("contracts", queryset=in_force, to_attr="contracts_in_force"),
            Prefetch("service_requests", queryset=open_requests, to_attr="open_requests"),
        )
    )


def extended_cover(unit: RegisteredUnit) -> WarrantyContract | None:
    """The in-force contract that covers `unit` longest, from units_with_cover's prefetch."""
    contracts = unit.contracts_in_force
    return contracts[0] if contracts else None


def contracts_of(user) -> QuerySet[WarrantyContract]:
    """The user's contracts, newest first, with `has_later`: a later active plan on the unit.

    Only the latest plan on a unit may be cancelled (cancel_contract refuses the others), so
    the list offers "Cancel" only where `has_later` is false.
    """
    later = WarrantyContract.objects.in_force().filter(
        unit=OuterRef("unit"), starts_on__gt=OuterRef("starts_on")
    )
    return (
        WarrantyContract.objects.owned_by(user)
        .select_related("unit__appliance_model")
        .annotate(has_later=Exists(later))
        .order_by("-created_at", "-pk")
    )


def bookings_of(user) -> QuerySet[ServiceBooking]:
    """The user's visits, latest visit date first."""
    return (
        ServiceBooking.objects.owned_by(user)
        .select_related("slot__area", "unit__appliance_model")
        .order_by("-slot__date", "-slot__starts_at", "-pk")
    )


@dataclass(frozen=True)
class ContractState:
    """Where a contract stands on `today`, for the list and the cancel page."""

    contract: WarrantyContract
    today: datetime.date

    @property
    def cancelled(self) -> bool:
        return not self.contract.is_active

    @property
    def ended(self) -> bool:
        return self.contract.is_active and self.today > self.contract.ends_on

    @property
    def upcoming(self) -> bool:
        return self.contract.is_active and self.today < self.contract.starts_on

    @property
    def running(self) -> bool:
        return self.contract.is_active and not self.ended and not self.upcoming

    @property
    def days_left(self) -> int:
        return max((self.contract.ends_on - self.today).days, 0)

    @property
    def may_cancel(self) -> bool:
        """What cancel_contract would allow, read from the row (`has_later` if annotated)."""
        return (
            self.contract.is_active
            and not self.ended
            and not getattr(self.contract, "has_later", False)
        )


def models_matching(query: str) -> QuerySet[ApplianceModel]:
    """Models on sale whose model number or name holds `query`, closest numbers first."""
    words = query.replace("-", " ").split() if query else []
    models = ApplianceModel.objects.active()
    if not query:
        return models.none()
    match = (
        Q(model_number__icontains=query) | Q(name__icontains=query) | Q(name_en__icontains=query)
    )
    # "kfr 35gw" finds KFR-35GW/…: every word in the number, in any case.
    every_word = Q()
    for word in words:
        every_word &= Q(model_number__icontains=word)
    return models.filter(match | every_word).order_by("model_number")


def area_for_district(district_code: str | None) -> ServiceArea | None:
    """The area taking bookings whose crews go to this district, or None: outside every area."""
    if not district_code:
        return None
    areas = ServiceArea.objects.filter(is_active=True, districts__district_code=district_code)
    return areas.first()


def area_name(area: ServiceArea) -> str:
    return area.label


@dataclass(frozen=True)
class VisitState:
    """Where a booking stands at `now`: may it still be moved or cancelled online?"""

    booking: ServiceBooking
    now: datetime.datetime

    @property
    def starts(self) -> datetime.datetime:
        return visit_starts(self.booking.slot)

    @property
    def is_open(self) -> bool:
        return self.booking.status == ServiceBooking.Status.BOOKED

    @property
    def changeable(self) -> bool:
        return self.is_open and can_change_visit(visit_starts=self.starts, now=self.now)

    @property
    def too_close(self) -> bool:
        """Open and still ahead, but inside the 24-hour cutoff: only the hotline can help."""
        return self.is_open and not self.changeable and self.starts > self.now

    @property
    def refund(self):
        return booking_refund(price=self.booking.price, visit_starts=self.starts, now=self.now)

    @property
    def area_name(self) -> str:
        return area_name(self.booking.slot.area)


# -- service requests ---------------------------------------------------------------------


def requests_of(user) -> QuerySet[ServiceRequest]:
    """The user's service requests, newest first, with what the list shows joined in."""
    return (
        ServiceRequest.objects.owned_by(user)
        .select_related("appliance_model", "engineer", "slot__area", "area")
        .order_by("-opened_at", "-pk")
    )


def timeline(service_request: ServiceRequest) -> list[tuple[ServiceEvent, str]]:
    """The steps the customer may see, oldest first, each with its label."""
    events = service_request.events.filter(customer_visible=True).order_by("at", "pk")
    return [(event, step_label(event.action)) for event in events]


def open_request_for_unit(unit: RegisteredUnit) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.open()
        .filter(unit=unit)
        .select_related("engineer", "slot")
        .order_by("-opened_at", "-pk")
        .first()
    )


def owned_unit(user, *, appliance_model, serial: str) -> RegisteredUnit | None:
    """The signed-in user's unit of that model and serial (a per-unit QR code), or None."""
    if not user.is_authenticated or not serial:
        return None
    return (
        RegisteredUnit.objects.owned_by(user)
        .filter(appliance_model=appliance_model, serial=serial)
        .select_related("appliance_model")
        .first()
    )


def installation_asked(*, appliance_model, serial: str) -> bool:
    """Whether this unit was installed by us, or an installation is on its way."""
    return (
        ServiceRequest.objects.filter(
            kind=ServiceKind.INSTALLATION, appliance_model=appliance_model, serial=serial
        )
        .exclude(status=ServiceRequest.Status.CANCELLED)
        .exists()
    )


@dataclass(frozen=True)
class RequestState:
    """What the customer may still do with a request at `now`."""

    service_request: ServiceRequest
    now: datetime.datetime

    @property
    def window_starts(self) -> datetime.datetime | None:
        return window_starts(self.service_request)

    @property
    def too_close(self) -> bool:
        """Something could change, but the appointment is under 2 hours away."""
        return (
            can(self.service_request, "cancel")
            and self.window_starts is not None
            and too_close(self.service_request, now=self.now)
        )

    @property
    def may_cancel(self) -> bool:
        return can(self.service_request, "cancel") and not self.too_close

    @property
    def may_reschedule(self) -> bool:
        return (
            can(self.service_request, "reschedule")
            and self.service_request.slot_id is not None
            and not self.too_close
        )

    @property
    def may_confirm(self) -> bool:
        return can(self.service_request, "confirm")
