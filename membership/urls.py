from django.urls import include, path

from . import views

app_name = "membership"
urlpatterns = [
    path("", views.centre, name="centre"),
    path("history/", views.history, name="history"),
    # The rewards catalogue's own URLs ("rewards", "reward-detail", "my-vouchers") join this
    # namespace: membership:rewards.
    path("rewards/", include("membership.rewards.urls")),
]
