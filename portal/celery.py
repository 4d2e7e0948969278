"""The Celery app. Eager in the embedded default and tests; a Redis broker in production."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("aftercare")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
