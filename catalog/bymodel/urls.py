"""Shop by appliance model, mounted at /<lang>/shop/for/ (before Oscar's /shop/ URLs)."""

from django.urls import path

from . import views

app_name = "appliances"
urlpatterns = [
    path("", views.ShopByModelView.as_view(), name="index"),
    # <path:>: model numbers contain slashes (KFR-35GW/BP3DN8Y-PH200(B3)).
    path("<path:model_number>/", views.EverythingForModelView.as_view(), name="model"),
]
