"""Served the way production serves (DEBUG off, cached templates, whitenoise), minus TLS."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "bench-only-key"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'bench.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = 60
STATIC_ROOT = BASE_DIR / "var" / "bench-static"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": True}
