"""Our side of django-axes: which account a sign-in names, and the locked-out page.

Staff lift a lockout in Django's admin (Axes > Access attempts: select the rows for the
account's email or the client's address, "Delete selected"), which needs the permissions
axes.view_accessattempt and axes.delete_accessattempt; `manage.py axes_reset_username
<email>` and `manage.py axes_reset` do the same from a shell.
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

# axes.AccessAttempt.username is a varchar(255); PostgreSQL refuses longer values.
_KEY_LENGTH = 255


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend, except that a call without a request is left to the other backends.

    Only code calls authenticate() without a request: Oscar's registration signing in the
    account it has just created (with the password just chosen), and the test client's
    login(). Neither is a guess from a client, and Axes' own backend would answer both
    with an exception, a 500 on the registration page.
    """

    def authenticate(self, request: HttpRequest | None, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def account_key(request: HttpRequest, credentials: dict | None) -> str | None:
    """The one name Axes counts an account's failures under: its email in lower case.

    The shop signs in by email, matched without regard to case; the admins also take the
    username. Counting each spelling apart would give a guesser ten tries per spelling.
    """
    submitted = (credentials or {}).get("username")
    if submitted is None and request is not None:
        submitted = request.POST.get("username")
    if not submitted:
        return None
    submitted = str(submitted).strip()
    if "@" not in submitted:
        email = (
            get_user_model()
            .objects.filter(username=submitted)
            .values_list("email", flat=True)
            .first()
        )
        submitted = email or submitted
    return submitted.lower()[:_KEY_LENGTH]


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The answer to a locked-out sign-in on any form: our page, 429, with Retry-After."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds())
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": max(1, seconds // 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response
