"""groundwork.throttle: a fixed-window limit counted in the cache, and what it answers when
the cache cannot count (Redis down), which each caller decides."""

import logging

import pytest
import time_machine
from django.core.cache import cache

from groundwork import throttle

# Nothing listens on port 1: each call is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"


def limit(key="qr-open:10.0.0.1", *, when_unavailable: bool, times: int = 1) -> list[bool]:
    return [
        throttle.allow(key=key, limit=3, window_seconds=60, when_unavailable=when_unavailable)
        for _ in range(times)
    ]


@pytest.fixture
def counting_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "throttle-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


class TestALimitWithACacheThatCounts:
    def test_allows_up_to_the_limit_then_refuses(self, counting_cache):
        assert limit(when_unavailable=False, times=4) == [True, True, True, False]

    def test_refuses_past_the_limit_even_when_it_would_allow_without_a_cache(self, counting_cache):
        assert limit(when_unavailable=True, times=4) == [True, True, True, False]

    def test_counts_each_key_on_its_own(self, counting_cache):
        limit("qr-open:10.0.0.1", when_unavailable=False, times=3)
        assert limit("qr-open:10.0.0.2", when_unavailable=False) == [True]

    def test_starts_again_in_the_next_window(self, counting_cache):
        with time_machine.travel("2025-03-01 10:00:00", tick=False) as clock:
            limit(when_unavailable=False, times=4)
            clock.shift(61)
            assert limit(when_unavailable=False) == [True]


class TestALimitWhenTheCacheCannotCount:
    @pytest.fixture(
        params=[True, False],
        ids=["django-redis ignoring errors (incr answers None)", "django-redis raising"],
    )
    def dead_cache(self, request, settings):
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": DEAD_REDIS,
                "OPTIONS": {"IGNORE_EXCEPTIONS": request.param, "SOCKET_CONNECT_TIMEOUT": 0.2},
            }
        }

    def test_allows_every_request_when_the_caller_says_so(self, dead_cache):
        assert limit(when_unavailable=True, times=5) == [True] * 5

    def test_refuses_every_request_when_the_caller_says_so(self, dead_cache):
        assert limit(when_unavailable=False, times=5) == [False] * 5

    def test_logs_the_outage_without_who_asked(self, dead_cache, caplog):
        with caplog.at_level(logging.WARNING, logger="groundwork.throttle"):
            limit("phone-lookup:13800138000", when_unavailable=False)
        logged = " ".join(r.getMessage() for r in caplog.records if r.name == "groundwork.throttle")
        assert "'phone-lookup' not counted" in logged
        assert "refusing" in logged
        assert "13800138000" not in logged
