"""Mainland mobile numbers as people type them: spaces, dashes, a +86 in front."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

MOBILE = re.compile(r"1[3-9][0-9]{9}")
_SEPARATORS = re.compile(r"[\s\-().]")
INVALID = _("Enter an 11-digit mainland China mobile number, e.g. 13812345678.")


def normalise_phone(text: object) -> str | None:
    """The 11 digits of a mainland mobile number, or None if `text` is not one."""
    if not isinstance(text, str) or len(text) > 32:
        return None
    digits = _SEPARATORS.sub("", text.strip())
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
            break
    # ASCII digits only: fullmatch on [0-9] refuses "１３８…" and other scripts' digits.
    return digits if MOBILE.fullmatch(digits) else None


def mask(phone: str) -> str:
    """138****8000: enough for the owner to recognise, nothing for anyone else."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else phone


class MobilePhoneField(forms.CharField):
    default_error_messages = {"invalid": INVALID}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "type": "tel"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        phone = normalise_phone(value)
        if phone is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return phone
