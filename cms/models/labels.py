"""Printable QR label sheets: one batch of serials of one model, as a PDF for the factory."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from groundwork.storage import private_storage


def label_sheet_path(batch: "LabelBatch", filename: str) -> str:
    # Every label carries a valid per-unit signature: the file name must not be guessable
    # even where media is served without the permission-checked download view.
    return f"qr-labels/{uuid.uuid4().hex}.pdf"


class LabelBatch(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    appliance_model = models.ForeignKey(
        "catalog.ApplianceModel",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("appliance model"),
    )
    serials = models.TextField(_("serial numbers"), help_text=_("One per line."))
    count = models.PositiveIntegerField(_("labels"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    # Each sheet holds valid per-unit signatures: private storage, read only via the
    # permission-checked download view, never under /media/.
    file = models.FileField(
        _("label sheet"), upload_to=label_sheet_path, storage=private_storage, blank=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created = models.DateTimeField(_("requested"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("QR label batch")
        verbose_name_plural = _("QR label batches")

    def __str__(self):
        return f"{self.appliance_model_id} × {self.count} ({self.status})"

    def serial_list(self) -> list[str]:
        return self.serials.split()

    @property
    def first_serial(self) -> str:
        return self.serials.split("\n", 1)[0]
