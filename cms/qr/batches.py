"""Label batches: record who printed which serials, render the sheet now or in Celery."""

import datetime
import logging
import re

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from appliances.models import ApplianceModel
from cms.models import LabelBatch

from . import labels

logger = logging.getLogger(__name__)

# About a second and a half of rendering: fine inside a request, above it a worker's job.
INLINE_LIMIT = 200


def request_labels(
    *,
    appliance_model: ApplianceModel,
    serials: list[str],
    requested_by: AbstractBaseUser,
) -> LabelBatch:
    """A done batch for a small run; for a large one, a pending batch for the caller to
    queue (cms.qr.tasks.generate_label_sheet)."""
    fields = {
        "appliance_model": appliance_model,
        "serials": "\n".join(serials),
        "count": len(serials),
        "requested_by": requested_by,
    }
    if len(serials) <= INLINE_LIMIT:
        # Rendered before anything is written: a failure leaves no batch behind.
        pdf = labels.label_sheet(appliance_model=appliance_model, serials=serials)
        with transaction.atomic():
            batch = LabelBatch.objects.create(**fields)
            _store(batch, pdf)
        return batch
    return LabelBatch.objects.create(**fields)


def generate(*, batch: LabelBatch) -> bool:
    """Render and store the sheet of a pending batch. Safe to run twice."""
    if batch.status != LabelBatch.Status.PENDING:
        return False
    try:
        pdf = labels.label_sheet(appliance_model=batch.appliance_model, serials=batch.serial_list())
    except Exception:
        # Bad data will not render any better on a retry: record it and stop.
        logger.exception("QR label batch %s failed to render", batch.pk)
        batch.status = LabelBatch.Status.FAILED
        batch.finished = timezone.now()
        batch.save(update_fields=["status", "finished"])
        return False
    _store(batch, pdf)
    return True


def download_name(batch: LabelBatch) -> str:
    model_number = re.sub(r"[^A-Za-z0-9]+", "-", batch.appliance_model.model_number).strip("-")
    return f"qr-labels-{model_number}-{batch.first_serial}-{batch.count}.pdf"


def _store(batch: LabelBatch, pdf: bytes) -> None:
    batch.file.save("labels.pdf", ContentFile(pdf), save=False)
    batch.status = LabelBatch.Status.DONE
    batch.finished = timezone.now()
    batch.save(update_fields=["file", "status", "finished"])


STALLED_AFTER = datetime.timedelta(minutes=10)


def stalled(*, now) -> list[int]:
    """Pending batches requested more than ten minutes ago (at most two days ago)."""
    return list(
        LabelBatch.objects.filter(
            status=LabelBatch.Status.PENDING,
            created__range=(now - datetime.timedelta(days=2), now - STALLED_AFTER),
        ).values_list("pk", flat=True)
    )
