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
    # Service requests (issue #11): the owner's pages by number, a guest's by signed link.
    path("service/", views.MyServiceRequestsView.as_view(), name="service-requests"),
    path("service/new/", views.OpenRequestView.as_view(), name="service-new"),
    path("service/guest/<str:token>/", views.RequestDetailView.as_view(), name="service-guest"),
    path(
        "service/guest/<str:token>/cancel/",
        views.CancelRequestView.as_view(),
        name="service-guest-cancel",
    ),
    path(
        "service/guest/<str:token>/reschedule/",
        views.RescheduleRequestView.as_view(),
        name="service-guest-reschedule",
    ),
    path("service/guest/<str:token>/confirm/", views.confirm_view, name="service-guest-confirm"),
    path(
        "service/guest/<str:token>/files/<int:pk>/",
        views.AttachmentFileView.as_view(),
        name="service-guest-file",
    ),
    path("service/<str:number>/", views.RequestDetailView.as_view(), name="service-detail"),
    path("service/<str:number>/cancel/", views.CancelRequestView.as_view(), name="service-cancel"),
    path(
        "service/<str:number>/reschedule/",
        views.RescheduleRequestView.as_view(),
        name="service-reschedule",
    ),
    path("service/<str:number>/confirm/", views.confirm_view, name="service-confirm"),
    path(
        "service/<str:number>/files/<int:pk>/",
        views.AttachmentFileView.as_view(),
        name="service-file",
    ),
]
