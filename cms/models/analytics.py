"""Scan analytics: daily counters, one row per (model, day, language, device, kind).

A scan adds one to a counter row instead of inserting an event, so the table grows with
models × days, not with scans, and staff reports read a few hundred rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Device(models.TextChoices):
    PHONE = "phone", _("Phone")
    DESKTOP = "desktop", _("Desktop")


class ScanCount(models.Model):
    appliance_model = models.ForeignKey(
        "catalog.ApplianceModel", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10)
    device = models.CharField(_("device"), max_length=8, choices=Device.choices)
    unit_code = models.BooleanField(_("per-unit code"), default=False)
    count = models.PositiveIntegerField(_("scans"), default=0)

    class Meta:
        verbose_name = _("scan count")
        verbose_name_plural = _("scan counts")
        constraints = [
            models.UniqueConstraint(
                fields=["appliance_model", "day", "language", "device", "unit_code"],
                name="one_scan_counter_per_key",
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.appliance_model_id} {self.day} {self.language} {self.device}: {self.count}"


class SectionOpenCount(models.Model):
    class Kind(models.TextChoices):
        SECTION = "section", _("Manual section")
        TROUBLESHOOTING = "troubleshooting", _("Troubleshooting entry")
        VIDEO = "video", _("Video")

    appliance_model = models.ForeignKey(
        "catalog.ApplianceModel", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    key = models.CharField(_("anchor"), max_length=80)
    count = models.PositiveIntegerField(_("opens"), default=0)

    class Meta:
        verbose_name = _("section open count")
        verbose_name_plural = _("section open counts")
        constraints = [
            models.UniqueConstraint(
                fields=["appliance_model", "day", "kind", "key"], name="one_open_counter_per_key"
            )
        ]

    def __str__(self):
        return f"{self.appliance_model_id} {self.day} {self.kind}#{self.key}: {self.count}"
