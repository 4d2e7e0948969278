"""Text messages through one small interface, whatever the provider.

`send(phone, text)` hands the message to the backend named by the SMS_BACKEND setting:

- `groundwork.sms.ConsoleBackend` (development): prints the message;
- `groundwork.sms.LocmemBackend` (tests): keeps it in `groundwork.sms.outbox`, as Django's
  locmem email backend keeps mail in `django.core.mail.outbox`;
- `groundwork.sms_aliyun.AliyunBackend` (production): Aliyun's SMS HTTP API, configured by
  environment variables (README, "Text messages").

A message is its full text, which the console and test backends show as it is. Providers
that only deliver pre-approved templates (Aliyun does, in mainland China) also get the name
of the template and its parameters, and look the provider's template code up by that name.

A backend raises one of groundwork.queue.TRANSIENT_ERRORS for a failure worth retrying (the
network, a rate limit), and SmsRefused for one that is not (a number the provider rejects).
"""

import abc
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsRefused(Exception):
    """The provider will not deliver this message (bad number, template, signature…)."""


@dataclass(frozen=True)
class Sms:
    phone: str
    text: str
    # Our name for the message (e.g. "phone_code", "service_assigned") and its variables,
    # for providers that send approved templates rather than free text.
    template: str = ""
    params: dict = field(default_factory=dict)


# The test outbox: a list, like django.core.mail.outbox.
outbox: list[Sms] = []


class BaseBackend(abc.ABC):
    """What every provider implements; the site only ever calls `send`."""

    @abc.abstractmethod
    def send(self, message: Sms) -> str:
        """Deliver `message`; return the provider's message id."""


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


def send(*, phone: str, text: str, template: str = "", params: dict | None = None) -> str:
    return backend().send(Sms(phone=phone, text=text, template=template, params=params or {}))
