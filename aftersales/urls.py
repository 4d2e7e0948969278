from django.urls import path

from . import views

app_name = "aftersales"
urlpatterns = [
    path("", views.MyDevicesView.as_view(), name="devices"),
    path("register/", views.RegisterUnitView.as_view(), name="register"),
    path("<int:pk>/invoice/", views.invoice_photo, name="invoice"),
]
