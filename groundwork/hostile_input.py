"""Refuses, before any view runs, text that no view should have to handle.

PostgreSQL refuses a NUL byte in any text (psycopg raises before the query is sent), so a
%00 in a path, a query string or a form field used to reach a lookup as a 500 on
PostgreSQL and a silent miss on SQLite. The other C0 control characters are never typed
by a person either. And a single value of many kilobytes is an attack or a mistake, never
an address, a name or a search. Checking every view for all of this would miss one; this
middleware answers them all with one 400 and a message in the visitor's language.

Tab, CR and LF stay allowed (text areas send them). File contents are not looked at, only
the path, the query string and urlencoded or multipart form fields. A `next` parameter
(where to go after a login or a form) must at least look like an address, with a "/":
Django's redirect() tries a bare word as a URL name and raises NoReverseMatch, and views
in Wagtail's admin pass `next` to redirect() after checking only that it names no other
host. Whether an address is on this site stays the view's to check.

Some exceptions can only mean the input was wrong, whichever view lets them escape: a
form field missing from request.POST (MultiValueDictKeyError; Oscar's basket formset
without its management form raises it), a value a model field refused (ValidationError,
e.g. a malformed UUID in a lookup), a value the database cannot hold (a word for an
integer key, a number past a bigint, text longer than its column), a row that is not
there (ObjectDoesNotExist). Those get a 400 or the site's 404 instead of a 500, are
logged as warnings, and announced by the `bad_input` signal. They are a safety net for
code this project does not own (Django's admin, Wagtail's, Oscar's); this project's own
views check their input where they read it, and the hostile-input walk holds them to it.
"""

import logging
import re

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.handlers.exception import response_for_exception
from django.db import DataError
from django.dispatch import Signal
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext_lazy as _

from .whole_numbers import whole_number_or_none

logger = logging.getLogger(__name__)

# C0 controls except \t \n \r.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_VALUE_LENGTH = 10_000
# Browsers and proxies keep to about 2,000 characters (gunicorn refuses a request line
# past 4,094 bytes); longer paths carry things like thousands of digits for an <int>.
MAX_PATH_LENGTH = 2_000
# A formset builds (and renders again, when invalid) as many forms as its TOTAL_FORMS says,
# up to 2,000 by Django's default: tens of seconds of one process for one request. No
# form on this site has anywhere near this many rows. Django reads the count with int(),
# so "+३۶০۲" counts too: anything but ASCII digits is refused as a malformed formset.
MAX_FORMS = 200
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

MESSAGES = {
    "control": _(
        "The address or the form contains invisible control characters. Remove them and try again."
    ),
    "length": _("A value in the address or the form is too long (at most %(limit)s characters)."),
    "path": _("This address is too long."),
    "next": _("The page to return to must be an address on this site."),
    "incomplete": _("The form was incomplete or not valid. Reload the page and try again."),
    "value": _("The address or the form contains a value this site cannot use."),
    "forms": _(
        "The form's count of rows is missing, malformed or more than this site accepts "
        "(at most %(forms)s)."
    ),
}

# Sent when a view let an exception escape that only bad input raises, with `request` and
# `exception`: the hostile-input walk tells this project's own code from the libraries'.
bad_input = Signal()


class HostileInputMiddleware:
    """Answers 400 for control characters in the input, one over-long value, a `next` that
    is not a path; and 400 or 404 for exceptions that only bad input raises.

    Settings: HOSTILE_INPUT_MAX_VALUE_LENGTH (10,000 characters by default) caps any one
    query or form value; HOSTILE_INPUT_LONG_VALUE_PATHS lists path prefixes exempt from
    that cap (editors' screens, whose rich text and page bodies are long by nature);
    HOSTILE_INPUT_MAX_PATH_LENGTH (2,000) caps the path, and HOSTILE_INPUT_MAX_FORMS (200)
    the rows a formset's management form may announce.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_length = getattr(settings, "HOSTILE_INPUT_MAX_VALUE_LENGTH", MAX_VALUE_LENGTH)
        self.long_value_paths = tuple(getattr(settings, "HOSTILE_INPUT_LONG_VALUE_PATHS", ()))
        self.max_path_length = getattr(settings, "HOSTILE_INPUT_MAX_PATH_LENGTH", MAX_PATH_LENGTH)
        self.max_forms = getattr(settings, "HOSTILE_INPUT_MAX_FORMS", MAX_FORMS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = self.problem(request)
        if problem is not None:
            logger.info("Refused %s %r: %s", request.method, request.path[:200], problem)
            return self.refuse(request, problem)
        return self.get_response(request)

    def problem(self, request: HttpRequest) -> str | None:
        if CONTROL_CHARACTERS.search(request.path):
            return "control"
        if len(request.path) > self.max_path_length:
            return "path"
        capped = not request.path_info.startswith(self.long_value_paths)
        sources = [request.GET]
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            sources.append(request.POST)
        for data in sources:
            for key, values in data.lists():
                for text in (key, *values):
                    if CONTROL_CHARACTERS.search(text):
                        return "control"
                    if capped and len(text) > self.max_length:
                        return "length"
                if key == "next" and any(value and "/" not in value for value in values):
                    return "next"
                if key.endswith("TOTAL_FORMS") and any(
                    whole_number_or_none(value, minimum=0, maximum=self.max_forms) is None
                    for value in values
                ):
                    return "forms"
        return None

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, MultiValueDictKeyError | ValidationError):
            problem = "incomplete"
        elif refused_by_the_database(exception):
            problem = "value"
        elif isinstance(exception, ObjectDoesNotExist):
            problem = "missing"
        else:
            return None
        logger.warning("Bad input to %s: %r", request.path[:200], exception, exc_info=True)
        bad_input.send(sender=type(self), request=request, exception=exception)
        if problem == "missing":
            return response_for_exception(request, Http404(str(exception)))
        return self.refuse(request, problem)

    def refuse(self, request: HttpRequest, problem: str) -> HttpResponse:
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            message = str(MESSAGES[problem]) % {
                "limit": f"{self.max_length:,}",
                "forms": f"{self.max_forms:,}",
            }
        response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        response["Content-Language"] = language
        return response


def refused_by_the_database(exception: Exception) -> bool:
    """Whether a value met a column it cannot go into: not a number for an integer key,
    past a bigint or SQLite's INTEGER, longer than a varchar, a NUL for PostgreSQL."""
    if isinstance(exception, DataError):
        return True
    raised_in = _innermost_module(exception)
    if isinstance(exception, ValueError | TypeError):
        return raised_in == "django.db.models.fields"  # Field.get_prep_value / to_python
    if isinstance(exception, OverflowError):
        return raised_in.startswith("django.db.backends.")
    return False


def _innermost_module(exception: Exception) -> str:
    traceback = exception.__traceback__
    if traceback is None:
        return ""
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    return traceback.tb_frame.f_globals.get("__name__", "")
