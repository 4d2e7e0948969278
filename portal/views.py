"""Site-wide views that belong to no business app: health check and error pages."""

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django_redis import get_redis_connection

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 when the database (and, in production, Redis) answers; 503 naming what did not."""
    checks = {"database": _database_answers()}
    if settings.HEALTHZ_CHECK_REDIS:
        checks["redis"] = _redis_answers()
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:
        return False


def _redis_answers() -> bool:
    # The raw client, not the cache: the cache turns Redis errors into misses, so through
    # it a dead Redis would look healthy. The client keeps the cache's short timeouts.
    try:
        return get_redis_connection("default").ping() is True
    except Exception as exc:
        logger.warning("Health check: Redis does not answer: %r", exc)
        return False


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: the database may be why we are here. The CSP
    # middleware gave the request its nonce before the view failed.
    nonce = getattr(request, "csp_nonce", "")
    return HttpResponseServerError(loader.render_to_string("500.html", {"csp_nonce": nonce}))
