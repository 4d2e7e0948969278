"""/<lang>/service/: progress lookup, rating links and the director's mailbox."""

from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("track/", views.TrackView.as_view(), name="track"),
    path("track/code/", views.SendTrackCodeView.as_view(), name="track-code"),
    path("track/verify/", views.VerifyTrackCodeView.as_view(), name="track-verify"),
    path("rate/<str:token>/", views.RateView.as_view(), name="rate"),
    path("mailbox/", views.WriteView.as_view(), name="mailbox"),
    path("mailbox/code/", views.SendMailboxCodeView.as_view(), name="mailbox-code"),
    path("mailbox/verify/", views.VerifyMailboxCodeView.as_view(), name="mailbox-verify"),
    path("mailbox/mine/", views.MyMessagesView.as_view(), name="my-messages"),
    path("mailbox/mine/<str:number>/", views.MyMessageView.as_view(), name="my-message"),
]
