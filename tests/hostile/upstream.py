"""Server errors the walk finds inside Django's, Wagtail's and Oscar's own code.

These cannot be fixed here without patching the libraries (STYLE.md: no monkeypatches),
and every one is on a staff-only screen. Each entry names the library function that
raises, so it matches nothing else; the walk counts them and prints the count instead
of failing, and a failure that passes through any of this project's code (views, forms,
template tags, models) is never excused, whatever it raises.
"""

import re
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent
# Project frames that every request passes through: they do not make an error ours.
PASS_THROUGH = {
    ("groundwork/hostile_input.py", "__call__"),
    ("portal/middleware.py", "process_response"),
}


@dataclass(frozen=True)
class Upstream:
    reason: str
    exception: str  # the class name of what is raised
    frame: str  # "library/module.py:function", somewhere in the traceback
    path: str = ""  # a regex the URL must match, when the frame alone is too general


KNOWN = [
    Upstream(
        "Wagtail admin search on SQLite: FTS5 refuses a query with quotes or a backslash",
        "OperationalError",
        "modelsearch/backends/database/sqlite/sqlite.py:_do_count",
    ),
    Upstream(
        "Wagtail admin search: an ordered listing's filter is not one the search backend reads",
        "AttributeError",
        "modelsearch/backends/base.py:_get_filters_from_where_node",
    ),
    Upstream(
        "Wagtail: the workflow editor reads ?p= with int()",
        "ValueError",
        "wagtail/admin/views/workflows.py:get_paginated_pages",
    ),
    Upstream(
        "Wagtail: the redirects import form reads a field its validation may have dropped",
        "KeyError",
        "wagtail/contrib/redirects/forms.py:clean",
    ),
    Upstream(
        "Wagtail: /cms/failwhale/ raises on purpose, to test error reporting",
        "Exception",
        "wagtail/admin/views/home.py:error_test",
    ),
    Upstream(
        "Wagtail: deleting a user who has orders or units (PROTECT) is not caught",
        "ProtectedError",
        "django/db/models/deletion.py:collect",
        r"^/cms/users/delete/",
    ),
    Upstream(
        "Oscar admin: an offer condition or benefit without a known type has no proxy",
        "RuntimeError",
        "oscar/apps/offer/abstract_models.py:proxy",
    ),
    Upstream(
        "Oscar admin: an offer condition or benefit with a malformed proxy class path",
        "ValueError",
        "oscar/apps/offer/utils.py:load_proxy",
    ),
    Upstream(
        "Oscar admin: an order's discount or voucher use saved without its order",
        "IntegrityError",
        "django/contrib/admin/options.py:save_model",
        r"^/django-admin/(voucher/voucherapplication|order/orderdiscount)/",
    ),
    Upstream(
        "Oscar dashboard: a category form that does not validate renders a link to its empty slug",
        "NoReverseMatch",
        "oscar/apps/catalogue/abstract_models.py:get_absolute_url",
        r"^/dashboard/catalogue/categories/",
    ),
    Upstream(
        "Oscar dashboard: the offer restrictions form reads a date its validation dropped",
        "KeyError",
        "oscar/apps/dashboard/offers/forms.py:clean",
    ),
    Upstream(
        "Oscar dashboard: a POST to an offer without suspend or unsuspend answers nothing",
        "ValueError",
        "django/core/handlers/base.py:check_response",
        r"^/dashboard/offers/\d+/$",
    ),
]


def known_upstream(url: str, error: Exception, frames) -> str | None:
    """The reason, if this error is one of KNOWN and passed through no project code."""
    if passes_through_project_code(frames):
        return None
    names = {type_.__name__ for type_ in type(error).__mro__}
    for entry in KNOWN:
        if entry.exception not in names or (entry.path and not re.search(entry.path, url)):
            continue
        module, function = entry.frame.split(":")
        if any(f.filename.endswith(module) and f.name == function for f in frames):
            return entry.reason
    return None


def passes_through_project_code(frames) -> bool:
    return any(_is_ours(frame) for frame in frames)


def _is_ours(frame) -> bool:
    path = Path(frame.filename)
    if "site-packages" in path.parts or not path.is_relative_to(PROJECT):
        return False
    relative = path.relative_to(PROJECT).as_posix()
    return not relative.startswith("tests/") and (relative, frame.name) not in PASS_THROUGH
