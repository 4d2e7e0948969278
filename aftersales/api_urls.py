"""Machine endpoints of after-sales, mounted at /api/partners/ without a language prefix."""

from django.urls import path

from .views import partner_api

app_name = "aftersales-api"
urlpatterns = [
    path(
        "<slug:partner>/installations/",
        partner_api.installations,
        name="partner-installations",
    ),
]
