"""Served the way production serves (DEBUG off, cached templates, whitenoise), minus TLS."""

from pathlib import Path

import oscar

from portal.settings.base import *  # noqa: F403
from portal.settings.base import BASE_DIR, TEMPLATES, env

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

# Oscar's stock product page, the reference our product page is compared with (tests/bench/urls.py).
ROOT_URLCONF = "tests.bench.urls"
# A second engine that sees only Oscar's own templates, so that the stock page renders
# Oscar's detail.html, layout.html and partials rather than our overrides of the same paths.
# It comes second: every other lookup finds ours first, exactly as without it. Same context
# processors, and the same cached loader (DEBUG is off).
TEMPLATES = [
    *TEMPLATES,
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "NAME": "oscar_stock",
        "DIRS": [Path(oscar.__file__).parent / "templates"],
        "APP_DIRS": False,
        "OPTIONS": TEMPLATES[0]["OPTIONS"],
    },
]
