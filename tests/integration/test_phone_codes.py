"""One-time codes by text: single use, ten minutes, wrong and expired look alike."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from aftersales import phone_codes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages below are matched in English; zh-hans is the site's default.
    with translation.override("en"):
        yield


PHONE = "13800138000"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def sent_code(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1].text).group()


def test_a_code_is_texted_and_works_once(sms_outbox):
    now = timezone.now()
    phone_codes.send(phone=PHONE, purpose="guest", text="验证码 %(code)s", now=now)
    assert sms_outbox[-1].phone == PHONE
    code = sent_code(sms_outbox)
    phone_codes.redeem(phone=PHONE, purpose="guest", code=code, now=now)
    with pytest.raises(phone_codes.CodeRefused):
        phone_codes.redeem(phone=PHONE, purpose="guest", code=code, now=now)


def test_an_expired_code_or_another_purpose_is_refused(sms_outbox):
    now = timezone.now()
    phone_codes.send(phone=PHONE, purpose="guest", text="%(code)s", now=now)
    code = sent_code(sms_outbox)
    with pytest.raises(phone_codes.CodeRefused):
        phone_codes.redeem(phone=PHONE, purpose="confirm", code=code, now=now)
    later = now + datetime.timedelta(minutes=10, seconds=1)
    with pytest.raises(phone_codes.CodeRefused) as refused:
        phone_codes.redeem(phone=PHONE, purpose="guest", code=code, now=later)
    assert "not right or has expired" in str(refused.value)


def test_five_wrong_tries_spend_the_code(sms_outbox):
    now = timezone.now()
    phone_codes.send(phone=PHONE, purpose="guest", text="%(code)s", now=now)
    code = sent_code(sms_outbox)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        with pytest.raises(phone_codes.CodeRefused):
            phone_codes.redeem(phone=PHONE, purpose="guest", code=wrong, now=now)
    with pytest.raises(phone_codes.CodeRefused):
        phone_codes.redeem(phone=PHONE, purpose="guest", code=code, now=now)


def test_a_phone_gets_one_code_a_minute(sms_outbox):
    now = timezone.now()
    phone_codes.send(phone=PHONE, purpose="guest", text="%(code)s", now=now)
    with pytest.raises(phone_codes.CodeRefused, match="wait a minute"):
        phone_codes.send(phone=PHONE, purpose="guest", text="%(code)s", now=now)
    assert len(sms_outbox) == 1
