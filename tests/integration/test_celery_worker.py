"""The welcome email goes through a real Celery worker consuming from the local Redis."""

import time
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

from membership.models import MemberProfile
from membership.tasks import send_welcome_email
from portal.celery import app
from tests.factories.broker import reset_celery

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def redis_worker():
    """One worker thread for this module, on a queue of its own, broker at TEST_REDIS_URL.

    Celery caches its queue and router set-up on first use, so the queue is chosen once.
    """
    url = settings.TEST_REDIS_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.fail(f"Redis at {url} does not answer ({exc}); start it (see .ci/run)")

    queue = f"test-{uuid.uuid4().hex[:8]}"
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=url, task_always_eager=False, task_default_queue=queue)
    reset_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield queue
    finally:
        app.conf.update(saved)
        reset_connections()
        redis.Redis.from_url(url).delete(queue)


def reset_connections():
    """Drop Celery's pools and queue set-up so the next send uses the broker now configured."""
    reset_celery(app)


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


class TestARealWorker:
    def test_sends_the_welcome_email_enqueued_through_redis(self, redis_worker):
        user = get_user_model().objects.create_user("worker", "worker@example.com", "pw")

        result = send_welcome_email.delay(user.pk)

        assert not isinstance(result, EagerResult)  # it went through the broker
        assert wait_for(lambda: len(mail.outbox) == 1), "the worker did not send the email"
        assert mail.outbox[0].to == ["worker@example.com"]
        assert wait_for(
            lambda: MemberProfile.objects.filter(user=user, welcomed_at__isnull=False).exists()
        )

    def test_a_duplicated_message_still_sends_one_email(self, redis_worker):
        user = get_user_model().objects.create_user("dup", "dup@example.com", "pw")

        send_welcome_email.delay(user.pk)
        send_welcome_email.delay(user.pk)

        assert wait_for(lambda: len(mail.outbox) >= 1)
        time.sleep(1.0)  # give the second message time to be consumed
        assert len(mail.outbox) == 1
