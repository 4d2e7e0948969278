"""Small template helpers for the site chrome (header, language switcher, CMS links)."""

from django import template
from django.conf import settings

register = template.Library()

_SAFE_LINK_PREFIXES = ("/", "http://", "https://", "tel:", "mailto:", "#")


@register.simple_tag(takes_context=True)
def language_neutral_path(context):
    """The current path and query string without its language prefix, for set_language's `next`.

    Django's set_language resolves a prefixed `next` in the language of the /i18n/ request
    (the cookie or Accept-Language), not in the page's language, so a prefixed path can come
    back untranslated. A neutral path always works: LocaleMiddleware redirects it to the
    prefix of the language just chosen. Oscar's `language_neutral_url_path` drops the query
    string (a search or page number), so the switcher uses this one.
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


@register.filter
def safe_href(value):
    """An editor-typed link, or "#" when it is not a path, web, phone or mail address.

    Keeps `javascript:` and protocol-relative (`//host`) links out of CMS content.
    """
    link = str(value or "").strip()
    if link.startswith(("//", "/\\")) or not link.startswith(_SAFE_LINK_PREFIXES):
        return "#"
    return link
