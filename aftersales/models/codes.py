from django.db import models
from django.utils.translation import gettext_lazy as _


class PhoneCode(models.Model):
    """A one-time code sent by text to prove a phone is the caller's: single use, short-lived.

    Only a hash of the code is kept. `purpose` keeps a code for one thing (a guest opening a
    request, a customer confirming a finished job, looking up progress) from opening another.
    """

    phone = models.CharField(_("phone"), max_length=20)
    purpose = models.CharField(_("for"), max_length=32)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("phone code")
        verbose_name_plural = _("phone codes")
        indexes = [models.Index(fields=["phone", "purpose", "-created_at"], name="code_lookup")]

    def __str__(self):
        return f"{self.phone} · {self.purpose}"
