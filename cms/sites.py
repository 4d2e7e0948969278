"""Wagtail's Site lookup, from the cache instead of a query on every request.

Wagtail finds the request's Site with one query per request (hostname, port, default),
before routing and again for every page URL it builds without one. The answer changes only
when a Site or a root page does, so it is kept per host and port under the PAGES
generation (cms/freshness.py) and handed to Wagtail the way Wagtail caches it itself, on
`request._wagtail_site`.
"""

import logging

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from groundwork import generations

from .freshness import PAGES

SITE_CACHE_SECONDS = 24 * 60 * 60
# The views that look the Site up: Wagtail's pages, the QR landings (the manual's URL), the
# site search. Others (the shop, the admins) never ask, and are not made to pay for it.
SITE_VIEW_MODULES = frozenset({"wagtail.views", "cms.qr.views", "cms.search"})
_MISSING = object()

logger = logging.getLogger(__name__)


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # After CommonMiddleware has refused hosts outside ALLOWED_HOSTS, so only the
        # site's own host names become keys.
        if getattr(view_func, "__module__", None) not in SITE_VIEW_MODULES:
            return None
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for(request)


def site_for(request) -> Site | None:
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        key = f"wagtail-site:{hostname}:{request.get_port()}:{generations.token(PAGES)}"
        site = cache.get(key, _MISSING)
    except Exception as error:  # the cache is down and not told to ignore it
        logger.warning("Site cache unavailable: %r", error)
        return Site.find_for_request(request)
    if site is _MISSING:
        site = Site.find_for_request(request)
        try:
            cache.set(key, site, timeout=SITE_CACHE_SECONDS)
        except Exception as error:
            logger.warning("Site cache unavailable: %r", error)
    return site
