"""E-commerce partners who send installation orders for appliances sold in their shops."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class InstallationPartner(models.Model):
    """A shop that sends its customers' installation orders, signed with a shared secret.

    The secret signs each API call (HMAC-SHA256, see aftersales.partner_orders); staff give
    it to the partner once and replace it here if it leaks.
    """

    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("In the partner's address: /api/partners/<code>/installations/"),
    )
    name = models.CharField(_("name"), max_length=80)
    secret = models.CharField(_("signing secret"), max_length=128, default=new_secret)
    is_active = models.BooleanField(_("sending orders"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("installation partner")
        verbose_name_plural = _("installation partners")

    def __str__(self):
        return self.name
