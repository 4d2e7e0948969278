"""A fixed-window request limit kept in Django's cache (Redis in production).

The cache is shared by every web process, so the limit holds across machines; nothing
is kept in process memory between requests.
"""

from django.core.cache import cache


def allow(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one request under `key`; False once more than `limit` came in the window."""
    cache_key = f"throttle:{key}"
    # add() only sets a missing key, so the window starts at the first request and the
    # increments below never push its expiry back.
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window expired between add() and incr()
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
