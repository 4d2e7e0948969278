"""A Redis client that stops calling a server which just failed, for a few seconds.

The cache turns a Redis error into a miss, but each miss still costs the socket timeouts,
and a page makes dozens of cache calls (sessions, Wagtail's site paths, manual chapters,
thumbnails): a Redis that hangs instead of refusing made one catalogue page take 13 s.
After a connection error or a timeout this client refuses every command at once for
`pause_seconds`, then lets the next one through to try the server again; the first that
answers ends the pause. So a dead or hung Redis costs one slow call per pause per
process, and the site is back to normal within a pause of Redis returning.

The pause is kept per client object (django-redis makes one per thread): it is about this
process's connection, not shared state, so it has no place in the shared cache.
"""

import logging
import time

import redis

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 5.0


class CircuitBreakingRedis(redis.Redis):
    """redis.Redis, refusing commands for a while after the server failed to answer one."""

    def __init__(self, *args, pause_seconds: float = PAUSE_SECONDS, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pause_seconds = pause_seconds
        self._paused_until = 0.0
        self._failed = False

    def execute_command(self, *args, **options):
        self._refuse_while_paused()
        try:
            result = super().execute_command(*args, **options)
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            self._paused_until = time.monotonic() + self.pause_seconds
            self._failed = True
            logger.warning("Redis failed (%r): not called again for %s s", exc, self.pause_seconds)
            raise
        if self._failed:
            self._failed = False
            logger.info("Redis answers again")
        return result

    def pipeline(self, *args, **kwargs):
        # A pipeline's own failure does not start a pause; the next single command will.
        self._refuse_while_paused()
        return super().pipeline(*args, **kwargs)

    def _refuse_while_paused(self) -> None:
        if time.monotonic() < self._paused_until:
            raise redis.ConnectionError("Redis is paused after a failure")
