from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """How customers reach service: shown in footers and at the end of every fix that fails."""

    hotline = models.CharField(_("service hotline"), max_length=40, default="400-820-8820")
    hours = models.CharField(_("opening hours"), max_length=80, default="08:00–20:00")
    email = models.EmailField(_("service email"), default="care@aftercare.example.cn")
    response_promise_hours = models.PositiveSmallIntegerField(
        _("response promise (hours)"), default=2
    )

    class Meta:
        verbose_name = _("contact settings")
