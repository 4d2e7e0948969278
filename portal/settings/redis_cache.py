"""Redis as the shared cache and session cache, degrading instead of failing (issue #13).

Not an environment: production applies these settings, and so does the Redis outage test
(tests/integration/test_redis_outage.py), which kills the very configuration production
runs rather than a copy of it.

While Redis is down or hangs, a cache read is a miss and a write is dropped, both logged
by django-redis; sessions are read from and written to the database (cached_db keeps
them there, and the cache only in front). A failed call costs at most the timeouts below,
and then Redis is left alone for a few seconds (groundwork/redis_breaker.py) before the
next call tries it again: the site is back to normal within seconds of Redis, without a
restart.
"""

# Redis on the same network answers in well under a millisecond. Without these, a call to
# a host that drops packets waits for the kernel's connect timeout (minutes), and one to a
# hung server waits forever.
SOCKET_CONNECT_TIMEOUT = 0.25
SOCKET_TIMEOUT = 0.5


def redis_settings(*, url: str) -> dict[str, object]:
    """The settings, by name, for a cache and session cache on the Redis at `url`."""
    return {
        # Read by django-redis when the cache is built, so they come before CACHES.
        "DJANGO_REDIS_IGNORE_EXCEPTIONS": True,
        "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS": True,
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "CACHES": {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": url,
                "OPTIONS": {
                    "CLIENT_CLASS": "django_redis.client.DefaultClient",
                    # Skips Redis for a few seconds after it failed, so a hung server
                    # costs one timeout per pause instead of one per cache call.
                    "REDIS_CLIENT_CLASS": "groundwork.redis_breaker.CircuitBreakingRedis",
                    "SOCKET_CONNECT_TIMEOUT": SOCKET_CONNECT_TIMEOUT,
                    "SOCKET_TIMEOUT": SOCKET_TIMEOUT,
                },
                "KEY_PREFIX": "aftercare",
            }
        },
    }
