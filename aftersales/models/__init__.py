from .bookings import ServiceArea, ServiceBooking, ServiceSlot
from .codes import PhoneCode
from .contracts import WarrantyClaim, WarrantyContract
from .notices import ServiceNotice
from .requests import (
    REPAIR_KINDS,
    VISIT_KINDS,
    Assignment,
    Channel,
    CompensationKind,
    Cover,
    Engineer,
    RepairRate,
    ServiceAttachment,
    ServiceEvent,
    ServiceKind,
    ServicePromise,
    ServiceRequest,
)
from .units import RegisteredUnit

__all__ = [
    "REPAIR_KINDS",
    "VISIT_KINDS",
    "Assignment",
    "Channel",
    "CompensationKind",
    "Cover",
    "Engineer",
    "PhoneCode",
    "RegisteredUnit",
    "RepairRate",
    "ServiceArea",
    "ServiceAttachment",
    "ServiceBooking",
    "ServiceEvent",
    "ServiceKind",
    "ServiceNotice",
    "ServicePromise",
    "ServiceRequest",
    "ServiceSlot",
    "WarrantyClaim",
    "WarrantyContract",
]
