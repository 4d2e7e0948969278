"""Password-reset forms that stop mailing once an address or a client asks too often.

Over a limit the page answers exactly as usual ("if an account exists, we sent a link")
and no mail goes out. A different answer would tell a script which limit it hit and when
to come back; the same answer tells it nothing, not even whether the address has an
account, and the person who really asked already has the earlier mails in their inbox.
The counts are shared by the shop's form and Wagtail's, in the cache (Redis in
production), so they hold across web machines.
"""

from hashlib import sha256

from django.http import HttpRequest
from oscar.core.loading import get_class
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from groundwork import throttle
from groundwork.client_ip import client_ip

OscarPasswordResetForm = get_class("customer.forms", "PasswordResetForm")

HOUR = 60 * 60
MAILS_PER_ADDRESS_PER_HOUR = 3
# A household or an office behind one address may have a few people who forgot.
MAILS_PER_CLIENT_PER_HOUR = 10


def reset_mail_allowed(*, email: str, request: HttpRequest | None) -> bool:
    """Count one reset request for this address and this client; False once either is over."""
    if request is not None:
        # The client first: once over its limit, its requests stop counting against the
        # email addresses it names, so it cannot use up their owners' quota.
        if not throttle.allow(
            key=f"password-reset:client:{client_ip(request)}",
            limit=MAILS_PER_CLIENT_PER_HOUR,
            window_seconds=HOUR,
            when_unavailable=True,
        ):
            return False
    # Hashed: an address is personal data, and may hold characters a cache key should not.
    address = sha256(email.strip().lower().encode()).hexdigest()
    return throttle.allow(
        key=f"password-reset:address:{address}",
        limit=MAILS_PER_ADDRESS_PER_HOUR,
        window_seconds=HOUR,
        # While the cache cannot count, a customer locked out of their account can still
        # get the mail: an outage lasts minutes, and a mail flood needs hours of it.
        when_unavailable=True,
    )


class ThrottledResetMixin:
    def save(self, *args, request: HttpRequest | None = None, **kwargs):
        if not reset_mail_allowed(email=self.cleaned_data["email"], request=request):
            return None
        return super().save(*args, request=request, **kwargs)


class ShopPasswordResetForm(ThrottledResetMixin, OscarPasswordResetForm):
    """The shop's /<lang>/shop/password-reset/ (portal.shop.ShopConfig puts it there)."""


class CmsPasswordResetForm(ThrottledResetMixin, WagtailPasswordResetForm):
    """Wagtail's /cms/password_reset/ (settings: WAGTAILADMIN_USER_PASSWORD_RESET_FORM)."""
