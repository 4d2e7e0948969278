from celery import shared_task

from cms.models import LabelBatch

from . import batches


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def generate_label_sheet(batch_id: int) -> bool:
    """Render a large label batch; a retried or duplicated task finds it done and stops."""
    batch = LabelBatch.objects.select_related("appliance_model").filter(pk=batch_id).first()
    if batch is None:
        return False
    return batches.generate(batch=batch)
