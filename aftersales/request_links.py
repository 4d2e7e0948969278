"""Where a customer follows a request: their account page, or a guest's signed link.

A guest has no account, so their messages carry a link signed with the site's key: it
names the request and cannot be made up or changed to another number. Whoever holds the
phone the link was texted to can follow the request and confirm it, as the phone's owner
could by calling the hotline.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "aftersales.service-request.guest-link"


def guest_token(number: str) -> str:
    return signing.Signer(salt=SALT).sign(number)


def number_from_token(token: str) -> str | None:
    """The request number a guest link names, or None for a made-up or altered one."""
    try:
        return signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None


def detail_path(service_request, *, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        if service_request.customer_id:
            return reverse("aftersales:service-detail", args=[service_request.number])
        return reverse("aftersales:service-guest", args=[guest_token(service_request.number)])


def detail_url(service_request, *, language: str) -> str:
    """The absolute address for messages: the site's own base URL, never a request's Host."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}{detail_path(service_request, language=language)}"
