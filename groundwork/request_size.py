"""Refuse a request whose body is larger than the largest upload the site accepts.

Django reads a body only when something asks for it (CSRF's check, a form), and by then
the worker has spent the whole upload receiving it; a form that then rejects a 2 GB file
has already paid for it. The declared Content-Length is in the headers, so a request over
settings.REQUEST_BODY_MAX_BYTES gets 413 at once and its body is never read. A proxy in
front (nginx's client_max_body_size) may refuse earlier still; this holds without one.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        limit = settings.REQUEST_BODY_MAX_BYTES
        if declared_length(request) > limit:
            # Runs before the locale middleware (nothing may read the body first), so it
            # picks the visitor's language itself, from the URL prefix or the headers.
            with translation.override(
                translation.get_language_from_request(request, check_path=True)
            ):
                return too_large(limit=limit)
        return self.get_response(request)


def declared_length(request: HttpRequest) -> int:
    """The body length the client announced; 0 when none or garbage (Django reads none then)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def too_large(*, limit: int) -> HttpResponse:
    message = _("This request is too large: at most %(size)s can be sent at once.") % {
        "size": filesizeformat(limit)
    }
    response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    # Answered before CommonMiddleware would count it: a client still sending its body
    # learns where the answer ends without waiting for the connection to close.
    response["Content-Length"] = len(response.content)
    return response
