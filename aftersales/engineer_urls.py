"""The engineer's phone pages, mounted at /<lang>/engineer/ (portal.urls)."""

from django.urls import path

from .views import engineer

app_name = "engineer"
urlpatterns = [
    path("", engineer.DayView.as_view(), name="day"),
    path("jobs/<str:number>/", engineer.JobView.as_view(), name="job"),
    path("jobs/<str:number>/on-the-way/", engineer.OnTheWayView.as_view(), name="on-the-way"),
    path("jobs/<str:number>/arrived/", engineer.ArrivedView.as_view(), name="arrived"),
    path("jobs/<str:number>/code/", engineer.AskForCodeView.as_view(), name="code"),
    path("jobs/<str:number>/done/", engineer.DoneView.as_view(), name="done"),
    path("jobs/<str:number>/files/<int:pk>/", engineer.FileView.as_view(), name="file"),
]
