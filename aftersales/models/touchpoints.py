"""The touchpoint dashboard's figures, counted once per day (aftersales.touchpoints).

One row holds the counts of one day for one touchpoint, service area, engineer and
channel; the dashboard adds rows up and divides, so it reads a few hundred rows a year
per area, however many requests, ratings and messages lie behind them. Rates are never
stored: a rate of a week is the sum of its days' numerators over the sum of their
denominators, which averaging daily rates would not give.
"""

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .requests import Channel


class Touchpoint(models.TextChoices):
    """Where a customer meets the maker after the sale, as the service articles list them."""

    ENQUIRY = "enquiry", _("Enquiry and booking")
    INSTALLATION = "installation", _("Installation")
    GUIDANCE = "guidance", _("Usage guidance")
    REPAIR = "repair", _("Repair")
    RETURNS = "returns", _("Returns")
    VALUE_ADDED = "value_added", _("Value-added services")
    FEEDBACK = "feedback", _("Feedback")


class TouchpointChannel(models.TextChoices):
    """How the customer came: a service request's channel, the shop, or the mailbox."""

    WEB = Channel.WEB.value, Channel.WEB.label
    QR = Channel.QR.value, Channel.QR.label
    HOTLINE = Channel.HOTLINE.value, Channel.HOTLINE.label
    PARTNER = Channel.PARTNER.value, Channel.PARTNER.label
    WECHAT = Channel.WECHAT.value, Channel.WECHAT.label
    SHOP = "shop", _("Online shop")
    MAILBOX = "mailbox", _("Director's mailbox")


# The counts of a row, in the order the CSV and the "how computed" section give them.
COUNTS = (
    "volume",
    "answerable",
    "answered_on_time",
    "arrivals",
    "arrived_on_time",
    "repairs_done",
    "first_visit_fixes",
    "repeat_checked",
    "repeat_repairs",
    "promoters",
    "passives",
    "detractors",
    "complaints",
    "messages",
    "replies",
)


def _count(label):
    return models.PositiveIntegerField(label, default=0)


class TouchpointDay(models.Model):
    day = models.DateField(_("day"))
    touchpoint = models.CharField(_("touchpoint"), max_length=16, choices=Touchpoint.choices)
    area = models.ForeignKey(
        "aftersales.ServiceArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service area"),
    )
    engineer = models.ForeignKey(
        "aftersales.Engineer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("engineer"),
    )
    channel = models.CharField(_("channel"), max_length=12, choices=TouchpointChannel.choices)

    volume = _count(_("volume"))
    answerable = _count(_("requests with an answer promise"))
    answered_on_time = _count(_("answered within the promise"))
    arrivals = _count(_("arrivals"))
    arrived_on_time = _count(_("arrivals within the window"))
    repairs_done = _count(_("on-site repairs done"))
    first_visit_fixes = _count(_("fixed on the first visit"))
    repeat_checked = _count(_("repairs done"))
    repeat_repairs = _count(_("repaired again within 30 days"))
    promoters = _count(_("promoters (9–10)"))
    passives = _count(_("passives (7–8)"))
    detractors = _count(_("detractors (0–6)"))
    complaints = _count(_("complaints"))
    messages = _count(_("mailbox messages"))
    replies = _count(_("messages answered"))

    rebuilt_at = models.DateTimeField(_("counted at"))

    class Meta:
        ordering = ["day", "touchpoint", "pk"]
        verbose_name = _("touchpoint day")
        verbose_name_plural = _("touchpoint days")
        default_permissions = ()
        permissions = [("view_touchpoint_dashboard", _("Can view the touchpoint dashboard"))]
        constraints = [
            # NULL area or engineer counts as one value here, so a rebuild racing another
            # cannot write a day twice (the loser's transaction fails and is retried).
            models.UniqueConstraint(
                "day",
                "touchpoint",
                Coalesce("area", Value(0)),
                Coalesce("engineer", Value(0)),
                "channel",
                name="one_touchpoint_row_per_key",
            ),
        ]
        indexes = [models.Index(fields=["day", "touchpoint"], name="touchpoint_day")]

    def __str__(self):
        return f"{self.day} · {self.get_touchpoint_display()}"
