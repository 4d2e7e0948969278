"""The customer's own after-sales pages under /<lang>/devices/."""

from .bookings import CancelBookingView, MyBookingsView, RescheduleBookingView
from .devices import MyDevicesView, RegisterUnitView, invoice_photo
from .my_requests import (
    AttachmentFileView,
    CancelRequestView,
    MyServiceRequestsView,
    RequestDetailView,
    RescheduleRequestView,
    confirm_view,
)
from .requests import OpenRequestView
from .warranties import CancelContractView, MyWarrantiesView, certificate_pdf

__all__ = [
    "AttachmentFileView",
    "CancelRequestView",
    "MyServiceRequestsView",
    "OpenRequestView",
    "RequestDetailView",
    "RescheduleRequestView",
    "confirm_view",
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
