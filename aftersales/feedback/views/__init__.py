"""Customer pages of the feedback loop, under /<lang>/service/."""

from .mailbox import (
    MyMessagesView,
    MyMessageView,
    SendMailboxCodeView,
    VerifyMailboxCodeView,
    WriteView,
)
from .rating import RateView
from .track import SendTrackCodeView, TrackView, VerifyTrackCodeView

__all__ = [
    "MyMessageView",
    "MyMessagesView",
    "RateView",
    "SendMailboxCodeView",
    "SendTrackCodeView",
    "TrackView",
    "VerifyMailboxCodeView",
    "VerifyTrackCodeView",
    "WriteView",
]
