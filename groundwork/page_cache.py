"""A whole-page cache for pages that every visitor without a personal cookie sees alike.

The QR landing (a model's e-manual) is what a scan opens, many times a day for the same
few pages, and almost always by someone who is not signed in. A view that knows its answer
is the same for all of them calls `share()`; the response then says so to shared caches (a
CDN: `Cache-Control: public, s-maxage=…`) and this middleware keeps it too, in Django's
cache (Redis in production, shared by every web process), so the next anonymous request
for the same URL skips sessions, routing, queries and rendering.

Who may get a stored page: a GET or HEAD without a query string, carrying none of the
cookies that make a page personal (settings.PAGE_CACHE_PERSONAL_COOKIES: the session, the
basket, pending messages). Everyone else goes through the view as before, and a signed-in
page is never stored: only a response marked by `share()`, answered 200 and setting no
cookie is. Query strings are left out so that nobody can fill the cache with made-up URLs,
and because the per-unit QR landing carries its serial there.

Stored pages are keyed on the generations in settings.PAGE_CACHE_GENERATIONS
(groundwork.generations), read before the view runs: a publish, a price or a stock change
bumps one, and every page stored before it stops matching at once.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from . import generations

SHARED_ATTRIBUTE = "page_cache_shared"
HEADER = "X-Page-Cache"
ENTRY_PREFIX = "page:"

logger = logging.getLogger(__name__)


def share(response: HttpResponse, *, max_age: int, s_maxage: int) -> HttpResponse:
    """Mark `response` as the same for every visitor without a personal cookie: browsers
    may keep it `max_age` seconds, shared caches (a CDN) `s_maxage`, and this app's page
    cache until what it shows changes."""
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=s_maxage)
    setattr(response, SHARED_ATTRIBUTE, True)
    return response


def keep(response: HttpResponse) -> HttpResponse:
    """Mark `response` as the same for every visitor without a personal cookie, to be kept by
    this app's page cache only: a page whose address is personal in kind (the basket) must
    not be served by a CDN or a browser without asking, so it says `no-cache` to them."""
    patch_cache_control(response, no_cache=True)
    setattr(response, SHARED_ATTRIBUTE, True)
    return response


def same_for_everyone(request: HttpRequest) -> bool:
    """True when the page drawn for `request` shows nothing of the visitor: not signed in,
    an empty basket (the header counts its items), no message waiting to be shown."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    basket = getattr(request, "basket", None)
    if basket is not None and basket.id is not None:
        return False
    # len() reads the pending messages without marking them shown.
    messages = getattr(request, "_messages", None)
    return not (messages is not None and len(messages))


class PageCacheMiddleware:
    """Answers from the page cache when it can; stores what `share()` marked.

    Sits right after WhiteNoise: a hit costs one cache round trip and none of the session,
    locale, CSRF, authentication or basket middleware. Outer middleware (security headers,
    the Content-Security-Policy) still dresses every answer, hit or not.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.personal_cookies = frozenset(settings.PAGE_CACHE_PERSONAL_COOKIES)
        self.generations = tuple(settings.PAGE_CACHE_GENERATIONS)
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self.key_for(request)
        if key is None:
            return self.get_response(request)
        try:
            entry, tokens = self.lookup(key)
        except Exception as error:  # the cache is down and not told to ignore it
            logger.warning("Page cache unavailable, serving uncached: %r", error)
            return self.get_response(request)
        if entry is not None and entry["tokens"] == tokens:
            return self.rebuild(entry)
        response = self.get_response(request)
        if request.method == "GET" and self.storable(response):
            try:
                self.store(key, response, tokens)
            except Exception as error:
                logger.warning("Page cache unavailable, not stored: %r", error)
            response[HEADER] = "miss"
        return response

    def key_for(self, request: HttpRequest) -> str | None:
        if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
            return None
        if self.personal_cookies.intersection(request.COOKIES):
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # the view answers it as before
        url = f"{request.scheme}://{host}{request.path}"
        return ENTRY_PREFIX + hashlib.sha256(url.encode("utf-8")).hexdigest()

    def lookup(self, key: str) -> tuple[dict | None, dict[str, str]]:
        """The stored entry (or None) and the generations now, in one cache round trip."""
        names = {generations.PREFIX + name: name for name in self.generations}
        found = cache.get_many([key, *names])
        tokens = {name: found[cache_key] for cache_key, name in names.items() if cache_key in found}
        if len(tokens) < len(names):
            tokens = generations.current(*self.generations)
        return found.get(key), tokens

    def storable(self, response: HttpResponse) -> bool:
        if not getattr(response, SHARED_ATTRIBUTE, False) or response.status_code != 200:
            return False
        if response.streaming or response.cookies:
            return False
        # A layer below the view may have made it personal after all.
        control = response.get("Cache-Control", "")
        return "private" not in control and "no-store" not in control

    def store(self, key: str, response: HttpResponse, tokens: dict[str, str]) -> None:
        entry = {
            "tokens": tokens,
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
        }
        cache.set(key, entry, timeout=self.timeout)

    @staticmethod
    def rebuild(entry: dict) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HEADER] = "hit"
        return response
