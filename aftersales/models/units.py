from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from groundwork.storage import private_storage


class RegisteredUnitQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class RegisteredUnit(models.Model):
    """One physical appliance, identified by its serial, registered to its owner."""

    class Source(models.TextChoices):
        UNIT_QR = "unit_qr", _("Per-unit QR code")
        MODEL_QR = "model_qr", _("Model QR code")
        WEB = "web", _("Website")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="registered_units",
        verbose_name=_("owner"),
    )
    appliance_model = models.ForeignKey(
        "catalog.ApplianceModel",
        on_delete=models.PROTECT,
        related_name="registered_units",
        verbose_name=_("appliance model"),
    )
    serial = models.CharField(_("serial number"), max_length=40)
    purchase_date = models.DateField(_("purchase date"))
    base_warranty_end = models.DateField(_("base warranty ends"))
    invoice = models.ImageField(
        _("invoice photo"), upload_to="invoices/%Y/%m/", storage=private_storage, blank=True
    )
    source = models.CharField(
        _("registered from"), max_length=16, choices=Source.choices, default=Source.WEB
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = RegisteredUnitQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("registered unit")
        verbose_name_plural = _("registered units")
        constraints = [
            models.UniqueConstraint(
                fields=["appliance_model", "serial"], name="unique_serial_per_model"
            )
        ]

    def __str__(self):
        return f"{self.appliance_model.model_number} · {self.serial}"
