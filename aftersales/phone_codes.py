"""One-time codes by text message: a guest's phone, a customer's "yes, it is done".

A code is six digits, kept as a salted HMAC (keyed by SECRET_KEY), good for ten minutes and
one use; five wrong tries spend it. Sending is limited per phone (one a minute, ten an hour)
through the shared cache, so nobody can flood a stranger's phone through the site.
"""

import datetime
import secrets

from django.db import transaction
from django.db.models import F
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac
from django.utils.translation import gettext as _

from groundwork import sms, throttle

from .models import PhoneCode

LIFETIME = datetime.timedelta(minutes=10)
MAX_WRONG_TRIES = 5


def _digest(code: str, salt: str) -> str:
    return f"{salt}${salted_hmac('aftersales.phone-code', f'{salt}:{code}').hexdigest()}"


def _matches(code: str, stored: str) -> bool:
    salt, _sep, _rest = stored.partition("$")
    return constant_time_compare(_digest(code, salt), stored)


class CodeRefused(Exception):
    """The code is wrong, used or expired (the message does not say which), or sending is
    paused for this phone."""


def issue(*, phone: str, purpose: str, now: datetime.datetime) -> str:
    """Make a code for `phone` and `purpose`, replacing any earlier one; return the code.

    The caller sends it (see `send`); tests read it from the text outbox.
    """
    if not throttle.allow(
        key=f"phone-code:{phone}:min", limit=1, window_seconds=60, when_unavailable=False
    ) or not throttle.allow(
        key=f"phone-code:{phone}:hour", limit=10, window_seconds=3600, when_unavailable=False
    ):
        raise CodeRefused(_("A code was sent to this phone a moment ago. Please wait a minute."))
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        PhoneCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True).update(
            used_at=now
        )
        PhoneCode.objects.create(
            phone=phone,
            purpose=purpose,
            code_hash=_digest(code, get_random_string(12)),
            created_at=now,
            expires_at=now + LIFETIME,
        )
    return code


def send(*, phone: str, purpose: str, text: str, now: datetime.datetime) -> None:
    """Issue a code and text it; `text` holds `%(code)s` where the code goes."""
    code = issue(phone=phone, purpose=purpose, now=now)
    sms.send(phone=phone, text=text % {"code": code}, template="phone_code", params={"code": code})


def redeem(*, phone: str, purpose: str, code: str, now: datetime.datetime) -> None:
    """Spend the code or raise CodeRefused: wrong, used, expired and unknown look alike."""
    refused = CodeRefused(_("That code is not right or has expired. Ask for a new one."))
    code = (code or "").strip()
    candidate = (
        PhoneCode.objects.filter(
            phone=phone, purpose=purpose, used_at__isnull=True, expires_at__gt=now
        )
        .order_by("-created_at")
        .first()
    )
    if candidate is None or candidate.attempts >= MAX_WRONG_TRIES:
        raise refused
    if not (len(code) == 6 and code.isascii() and code.isdigit()) or not _matches(
        code, candidate.code_hash
    ):
        PhoneCode.objects.filter(pk=candidate.pk).update(attempts=F("attempts") + 1)
        raise refused
    # One use: of two requests spending the same code at once, one UPDATE wins.
    spent = PhoneCode.objects.filter(pk=candidate.pk, used_at__isnull=True).update(used_at=now)
    if not spent:
        raise refused
