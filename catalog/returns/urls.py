from django.urls import path

from . import views

app_name = "returns"

urlpatterns = [
    path("new/<int:line_id>/", views.StartReturnView.as_view(), name="start"),
    path("<int:pk>/", views.ReturnDetailView.as_view(), name="detail"),
]
