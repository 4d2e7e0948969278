"""groundwork.redis_breaker: after Redis failed, leave it alone for a pause, then try again."""

import time

import pytest
import redis

from groundwork.redis_breaker import CircuitBreakingRedis


def dead_redis(*, pause_seconds: float) -> CircuitBreakingRedis:
    # Nothing listens on port 1: each attempt is refused at once. Built on a pool, as
    # django-redis builds it (a pool-less redis.Redis would retry with backoff).
    pool = redis.ConnectionPool.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    return CircuitBreakingRedis(connection_pool=pool, pause_seconds=pause_seconds)


def error_of(client: CircuitBreakingRedis) -> str:
    with pytest.raises(redis.ConnectionError) as raised:
        client.ping()
    return str(raised.value)


class TestARedisThatFailed:
    def test_is_not_called_again_during_the_pause(self):
        client = dead_redis(pause_seconds=60)
        assert "paused" not in error_of(client)  # a real attempt, refused
        assert "paused" in error_of(client)  # no attempt at all
        with pytest.raises(redis.ConnectionError, match="paused"):
            client.pipeline()

    def test_is_tried_again_after_the_pause(self):
        client = dead_redis(pause_seconds=0.05)
        error_of(client)
        time.sleep(0.1)
        assert "paused" not in error_of(client)
