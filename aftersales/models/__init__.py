from .bookings import ServiceArea, ServiceBooking, ServiceSlot
from .contracts import WarrantyClaim, WarrantyContract
from .units import RegisteredUnit

__all__ = [
    "RegisteredUnit",
    "ServiceArea",
    "ServiceBooking",
    "ServiceSlot",
    "WarrantyClaim",
    "WarrantyContract",
]
