"""Reads of CMS content that other parts of the site need (QR routing, registration)."""

from django.conf import settings

from .models import ManualPage


def manual_for(appliance_model, language: str) -> ManualPage | None:
    """The live manual of `appliance_model` in `language`, else in the default language."""
    manuals = {
        page.locale.language_code: page
        for page in ManualPage.objects.live()
        .filter(appliance_model=appliance_model)
        .select_related("locale")
    }
    return manuals.get(language) or manuals.get(settings.LANGUAGE_CODE)
