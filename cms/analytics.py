"""Counting QR scans and manual section opens, one UPDATE per event.

A scan must not slow the landing: instead of inserting an event row, it adds one to the
day's counter for its key. The counter row is created by the first scan of the day; two
first scans at once would both miss it, so the loser of the INSERT race counts on the
winner's row instead of failing.
"""

import datetime
import re

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from appliances.models import ApplianceModel

from .models import ScanCount, SectionOpenCount
from .models.analytics import Device

# The usual mobile markers: "Mobi" covers most phone browsers (and WeChat's), Android
# tablets without it still browse like phones, iPhone covers in-app browsers that drop it.
PHONE_USER_AGENT = re.compile(r"Mobi|Android|iPhone")


def device_for(user_agent: str) -> str:
    return Device.PHONE if PHONE_USER_AGENT.search(user_agent or "") else Device.DESKTOP


def record_scan(
    *,
    appliance_model: ApplianceModel,
    language: str,
    device: str,
    unit_code: bool,
    day: datetime.date | None = None,
) -> None:
    _add_one(
        ScanCount,
        appliance_model=appliance_model,
        day=day or timezone.localdate(),
        language=language,
        device=device,
        unit_code=unit_code,
    )


def record_open(
    *,
    appliance_model: ApplianceModel,
    kind: str,
    key: str,
    day: datetime.date | None = None,
) -> None:
    _add_one(
        SectionOpenCount,
        appliance_model=appliance_model,
        day=day or timezone.localdate(),
        kind=kind,
        key=key,
    )


def _add_one(counter: type[models.Model], **key) -> None:
    rows = counter.objects.filter(**key)
    if rows.update(count=F("count") + 1):
        return
    try:
        # A savepoint, so that a lost race leaves an enclosing transaction usable.
        with transaction.atomic():
            counter.objects.create(count=1, **key)
    except IntegrityError:
        rows.update(count=F("count") + 1)
