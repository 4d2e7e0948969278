"""The messages a customer gets as their request moves on, each sent once per channel.

A notice row is written in the same transaction as the step it announces (or by the
day-before reminder job), before anything is sent: a broker outage delays it and the sweep
finds it again; the unique (key, channel) constraint means a retried task, a replayed job
or a second sweep cannot make a second row, and the conditional UPDATE that claims a row
means two workers cannot both send it.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ServiceNotice(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")

    # What makes the notice once: "event:<id>" for a step of the timeline,
    # "reminder:request:<id>:<date>" or "reminder:booking:<id>:<date>" for the day before.
    key = models.CharField(_("key"), max_length=80)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    step = models.CharField(_("step"), max_length=24)
    request = models.ForeignKey(
        "aftersales.ServiceRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("service request"),
    )
    booking = models.ForeignKey(
        "aftersales.ServiceBooking",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("shop visit"),
    )
    event = models.ForeignKey(
        "aftersales.ServiceEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("timeline step"),
    )
    recipient = models.CharField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("written at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.CharField(_("refused by the provider"), max_length=255, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("service notice")
        verbose_name_plural = _("service notices")
        constraints = [
            models.UniqueConstraint(fields=["key", "channel"], name="one_notice_per_key_channel"),
            models.CheckConstraint(
                condition=Q(request__isnull=False) | Q(booking__isnull=False),
                name="notice_is_about_something",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True),
                name="service_notice_unsent",
            )
        ]

    def __str__(self):
        return f"{self.key} · {self.channel}"
