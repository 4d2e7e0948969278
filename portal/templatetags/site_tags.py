"""Small template helpers for the site chrome (header, language switcher, CMS links)."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

register = template.Library()

_SAFE_LINK_PREFIXES = ("/", "http://", "https://", "tel:", "mailto:", "#")


@register.simple_tag(takes_context=True)
def language_neutral_path(context):
    """The current path and query string without its language prefix.

    The language switcher puts each language's prefix in front of it. Oscar's
    `language_neutral_url_path` drops the query string (a search or page number), so the
    switcher uses this one.
    """
    request = context.get("request")
    if request is None:
        return "/"
    path = request.get_full_path()
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
        if path == prefix.rstrip("/"):
            return "/"
    return path


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The same page in each language: code, local name, URL, and whether it is this one.

    A Wagtail page links to its live translation (its slug may differ); any other page swaps
    the language prefix of its path. A path without one (a QR code's not-found page) links
    to each language's home.
    """
    request = context.get("request")
    current = translation.get_language()
    translations = {}
    page = context.get("page")
    if request is not None and isinstance(page, Page):
        translations = {
            other.locale.language_code: other.get_url(request)
            for other in page.get_translations(inclusive=True).live().select_related("locale")
        }
    path = request.get_full_path() if request is not None else "/"
    prefixed = any(
        path.startswith(f"/{code}/") or path == f"/{code}" for code, _name in settings.LANGUAGES
    )
    neutral = language_neutral_path(context)
    links = []
    for code, _name in settings.LANGUAGES:
        url = translations.get(code) or (f"/{code}{neutral}" if prefixed else f"/{code}/")
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,
                "current": code == current,
            }
        )
    return links


@register.filter
def safe_href(value):
    """An editor-typed link, or "#" when it is not a path, web, phone or mail address.

    Keeps `javascript:` and protocol-relative (`//host`) links out of CMS content.
    """
    link = str(value or "").strip()
    if link.startswith(("//", "/\\")) or not link.startswith(_SAFE_LINK_PREFIXES):
        return "#"
    return link
