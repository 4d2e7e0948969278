from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

mainland_mobile = RegexValidator(
    r"^1[3-9]\d{9}$", _("Enter an 11-digit mainland China mobile number, e.g. 13812345678.")
)


class MemberProfile(models.Model):
    """What the portal knows of a customer beyond Oscar's user: phone, birthday, language.

    Its points balance and tier live beside it in `PointsAccount`, written only by the ledger.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    phone = models.CharField(
        _("mobile phone"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[mainland_mobile],
    )
    birthday = models.DateField(_("birthday"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    welcomed_at = models.DateTimeField(
        _("welcome email sent"), null=True, blank=True, editable=False
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.phone or self.user.get_username()
