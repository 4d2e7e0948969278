"""Text messages through one small interface, whatever the provider.

`send(phone, text)` hands the message to the backend named by the SMS_BACKEND setting:

- `groundwork.sms.ConsoleBackend` (development): prints the message;
- `groundwork.sms.LocmemBackend` (tests): keeps it in `groundwork.sms.outbox`, as Django's
  locmem email backend keeps mail in `django.core.mail.outbox`;
- a real provider in production (e.g. Aliyun's SMS API), configured by environment variables.

A backend raises one of groundwork.queue.TRANSIENT_ERRORS for a failure worth retrying (the
network, a rate limit), and SmsRefused for one that is not (a number the provider rejects).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsRefused(Exception):
    """The provider will not deliver this message (bad number, template, signature…)."""


@dataclass(frozen=True)
class Sms:
    phone: str
    text: str


# The test outbox: a list, like django.core.mail.outbox.
outbox: list[Sms] = []


class BaseBackend:
    def send(self, message: Sms) -> str:
        """Deliver `message`; return the provider's message id."""
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send(self, message: Sms) -> str:
        print(f"[SMS to {message.phone}] {message.text}", flush=True)  # noqa: T201
        return "console"


class LocmemBackend(BaseBackend):
    def send(self, message: Sms) -> str:
        outbox.append(message)
        return f"locmem-{len(outbox)}"


def backend() -> BaseBackend:
    path = getattr(settings, "SMS_BACKEND", "groundwork.sms.ConsoleBackend")
    return import_string(path)()


def send(*, phone: str, text: str) -> str:
    return backend().send(Sms(phone=phone, text=text))
