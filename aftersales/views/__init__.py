"""The customer's own after-sales pages under /<lang>/devices/."""

from .bookings import CancelBookingView, MyBookingsView, RescheduleBookingView
from .devices import MyDevicesView, RegisterUnitView, invoice_photo
from .warranties import CancelContractView, MyWarrantiesView, certificate_pdf

__all__ = [
    "CancelBookingView",
    "CancelContractView",
    "MyBookingsView",
    "MyDevicesView",
    "MyWarrantiesView",
    "RegisterUnitView",
    "RescheduleBookingView",
    "certificate_pdf",
    "invoice_photo",
]
