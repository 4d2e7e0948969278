"""The Celery app. Eager in the embedded default and tests; a Redis broker in production."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("aftercare")
app.config_from_object("django.conf:settings", namespace="CELERY")
# cms.qr keeps its tasks beside the QR code it prints, outside the default `cms.tasks`;
# aftersales.feedback beside the mailbox and ratings it serves.
app.autodiscover_tasks()
app.autodiscover_tasks(["cms.qr", "aftersales.feedback"])
