from celery import shared_task

from groundwork.queue import RETRY

from . import notices


@shared_task(**RETRY)
def send_return_notice(request_id: int, step: str) -> bool:
    return notices.send_return_notice(request_id=request_id, step=step)
