"""A generic HTTP purge for Wagtail's frontend cache invalidation (WAGTAILFRONTENDCACHE).

Most caches in front of a site take `PURGE /path` with the site's Host: Varnish, nginx's
proxy_cache_purge, Fastly, and the purge gateways Chinese CDNs put in front of their own
APIs. Wagtail's own HTTPBackend does the same through urllib with no timeout; this one goes
through `requests`, with a timeout and an optional bearer token, so that a CDN that does not
answer cannot hold a worker, and the tests can stand in for the CDN at the HTTP layer.

A purge that fails is logged, not raised: the CDN keeps the page until its s-maxage at most.
"""

import logging
from urllib.parse import urlsplit, urlunsplit

import requests
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 5


class HTTPPurgeBackend(BaseBackend):
    """Options: LOCATION (the cache's base URL, e.g. http://varnish:6081), TOKEN (sent as
    `Authorization: Bearer …` when set), TIMEOUT (seconds), HOSTNAMES (Wagtail's)."""

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.scheme, self.netloc = location.scheme, location.netloc
        self.prefix = location.path.rstrip("/")
        self.token = params.get("TOKEN") or ""
        self.timeout = params.get("TIMEOUT", DEFAULT_TIMEOUT_SECONDS)

    def purge(self, url: str) -> None:
        page = urlsplit(url)
        target = urlunsplit((self.scheme, self.netloc, self.prefix + page.path, page.query, ""))
        headers = {"Host": page.netloc}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = requests.request("PURGE", target, headers=headers, timeout=self.timeout)
            response.raise_for_status()
        except requests.RequestException as error:
            logger.error("Could not purge %s from the CDN: %s", url, error)
