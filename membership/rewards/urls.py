"""Included by membership/urls.py at /<lang>/members/rewards/, in the "membership" namespace.

No app_name here: the names join the namespace of the URLconf that includes them.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.RewardListView.as_view(), name="rewards"),
    # Before the reward pattern, so that no reward's slug can hide it.
    path("vouchers/", views.MyVouchersView.as_view(), name="my-vouchers"),
    path("<slug:slug>/", views.RewardDetailView.as_view(), name="reward-detail"),
]
