from django.urls import path

from . import views

app_name = "aftersales"
urlpatterns = [
    path("", views.MyDevicesView.as_view(), name="devices"),
    path("register/", views.RegisterUnitView.as_view(), name="register"),
    path("<int:pk>/invoice/", views.invoice_photo, name="invoice"),
    path("warranties/", views.MyWarrantiesView.as_view(), name="warranties"),
    path(
        "warranties/<str:number>/certificate.pdf",
        views.certificate_pdf,
        name="warranty-certificate",
    ),
    path(
        "warranties/<str:number>/cancel/",
        views.CancelContractView.as_view(),
        name="warranty-cancel",
    ),
    path("bookings/", views.MyBookingsView.as_view(), name="bookings"),
    path(
        "bookings/<str:number>/reschedule/",
        views.RescheduleBookingView.as_view(),
        name="booking-reschedule",
    ),
    path("bookings/<str:number>/cancel/", views.CancelBookingView.as_view(), name="booking-cancel"),
]
