from celery import shared_task
from django.utils import timezone

from cms.models import LabelBatch
from groundwork.queue import RETRY, enqueue

from . import batches


@shared_task(**RETRY)
def generate_label_sheet(batch_id: int) -> bool:
    """Render a large label batch; a retried or duplicated task finds it done and stops."""
    batch = LabelBatch.objects.select_related("appliance_model").filter(pk=batch_id).first()
    if batch is None:
        return False
    return batches.generate(batch=batch)


@shared_task(acks_late=True)
def resume_label_batches() -> int:
    """Beat: large batches still pending after ten minutes (their queueing was lost, or a
    worker died while rendering) are queued again; rendering a done batch does nothing."""
    pending = batches.stalled(now=timezone.now())
    for batch_id in pending:
        enqueue(generate_label_sheet, batch_id)
    return len(pending)
