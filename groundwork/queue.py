"""Sending work to Celery so that none is lost, and retrying what failed for a passing reason.

Two rules (STYLE.md rule 5, issue #13): a job is recorded in the database before it is
queued, so a broker outage delays it instead of losing it (each app's sweep job finds what
was left and runs it); and a task retries only errors that may pass by themselves (a
network blip, a rate limit, a gateway's 5xx), with backoff, never a bug.
"""

import functools
import logging
import smtplib

import stripe
from celery.exceptions import Retry
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# Errors worth another try later: the network, the broker, the mail server, and Stripe's
# connection errors, rate limits and server errors (stripe.APIError is its 5xx).
TRANSIENT_ERRORS = (
    ConnectionError,
    TimeoutError,
    OperationalError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    stripe.APIConnectionError,
    stripe.RateLimitError,
    stripe.APIError,
)

# One policy for every task whose loss would lose money, points or a promised message.
RETRY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
    "acks_late": True,
}

# How long a request waits for a broker that does not answer: a webhook must still reply.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}


def enqueue(task, *args) -> bool:
    """Queue `task(*args)`; False (and a warning) when the broker cannot take it.

    The caller has already stored what the task needs, so a False means "later, by the
    sweep", not "never".
    """
    try:
        task.apply_async(args=args, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except (*TRANSIENT_ERRORS, OSError, Retry) as error:
        # With a broker, only publishing can fail here. Run eagerly (the embedded default
        # and the tests), the task itself ran: a passing failure after its retries is left
        # to the sweep just the same.
        logger.warning("Could not run %s%s: %s; the sweep will", task.name, args, error)
        return False
    return True


def enqueue_on_commit(task, *args) -> None:
    """Queue after the current transaction commits (by value: nothing binds late)."""
    transaction.on_commit(functools.partial(enqueue, task, *args))
