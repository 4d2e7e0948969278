from .bookings import ServiceArea, ServiceBooking, ServiceSlot
from .codes import PhoneCode
from .contracts import WarrantyClaim, WarrantyContract
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
from .work import PartUsed

__all__ = [
    "REPAIR_KINDS",
    "VISIT_KINDS",
    "Assignment",
    "Channel",
    "CompensationKind",
    "Cover",
    "Engineer",
    "PartUsed",
    "PhoneCode",
    "RegisteredUnit",
    "RepairRate",
    "ServiceArea",
    "ServiceAttachment",
    "ServiceBooking",
    "ServiceEvent",
    "ServiceKind",
    "ServicePromise",
    "ServiceRequest",
    "ServiceSlot",
    "WarrantyClaim",
    "WarrantyContract",
]
