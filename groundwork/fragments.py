"""Cached template fragments that hold a form: rendered once, shown to everyone.

A fragment cached with Django's `{% cache %}` keeps the CSRF token of the visitor who
happened to draw it, and every later visitor's form then fails with a 403. These helpers
draw the fragment with a placeholder where `{% csrf_token %}` puts the token, and put the
viewer's own token in its place each time the fragment is shown.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

CSRF_PLACEHOLDER = "csrf-token-placeholder-6f1c2a"


def render_shared(render: Callable[[], str], context) -> str:
    """What `render()` draws with `context`, holding no visitor's CSRF token."""
    with context.push(csrf_token=CSRF_PLACEHOLDER):
        return str(render())


def personalise(html: str, context) -> SafeString:
    """A fragment from `render_shared`, with the viewer's CSRF token in place."""
    if CSRF_PLACEHOLDER in html:
        # Read only when a form needs it: reading it sets the visitor's CSRF cookie.
        html = html.replace(CSRF_PLACEHOLDER, str(context.get("csrf_token", "")))
    return mark_safe(html)  # noqa: S308 - drawn by our own templates
