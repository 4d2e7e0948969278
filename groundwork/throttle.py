"""A fixed-window request limit kept in Django's cache (Redis in production).

The cache is shared by every web process, so the limit holds across machines; nothing
is kept in process memory between requests.

When the cache cannot count (Redis down: django-redis then answers None when told to
ignore errors, or raises when not), the caller's `when_unavailable` decides: a limit that
only keeps a counter honest lets the request through, one that guards personal data
refuses it. Neither falls back to a count in process memory, which each of the web
processes would keep on its own.
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def allow(*, key: str, limit: int, window_seconds: int, when_unavailable: bool) -> bool:
    """Count one request under `key`; False once more than `limit` came in the window.

    `when_unavailable` is the answer while the cache cannot count.
    """
    cache_key = f"throttle:{key}"
    try:
        # add() only sets a missing key, so the window starts at the first request and the
        # increments below never push its expiry back.
        cache.add(cache_key, 0, timeout=window_seconds)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the window expired between add() and incr()
            cache.set(cache_key, 1, timeout=window_seconds)
            count = 1
    except Exception as exc:  # whatever the backend raises when its server is gone
        return _unavailable(key, when_unavailable=when_unavailable, reason=repr(exc))
    if count is None:  # django-redis ignoring the error it met
        return _unavailable(key, when_unavailable=when_unavailable, reason="no count")
    return count <= limit


def _unavailable(key: str, *, when_unavailable: bool, reason: str) -> bool:
    # Only the part before the first colon: the rest may be an address or a phone number.
    logger.warning(
        "Rate limit %r not counted, the cache is unavailable (%s): %s the request",
        key.split(":", 1)[0],
        reason,
        "allowing" if when_unavailable else "refusing",
    )
    return when_unavailable
