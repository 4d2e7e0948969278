"""The customer's side of service requests in tests: files to upload, an engineer's visit.

`assign` sets a request up as dispatch leaves it (a place taken in the slot, the engineer's
Assignment, the request ASSIGNED) without going through the dispatcher's service, which the
customer's tests do not exercise.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone
from PIL import Image

from aftersales.models import Assignment, ServiceRequest, ServiceSlot

from .aftersales import make_slot
from .service import advance, make_engineer

MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


def photo(name: str = "fault.jpg", *, image_format: str = "JPEG", size=(16, 12)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format=image_format)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def video(name: str = "fault.mp4", *, size: int = 2048, head: bytes = MP4_HEAD):
    return SimpleUploadedFile(name, head + b"\x00" * (size - len(head)), content_type="video/mp4")


def not_a_photo(name: str = "fault.jpg"):
    """Text dressed as a JPEG: the name and the claimed type say photo, the bytes do not."""
    return SimpleUploadedFile(name, b"#!/bin/sh\necho hello\n" * 10, content_type="image/jpeg")


def slot_in(area, *, hours: float, capacity: int = 3) -> ServiceSlot:
    """A two-hour window starting `hours` from now (local time), on the hour's minute."""
    at = timezone.localtime() + datetime.timedelta(hours=hours)
    starts = at.time().replace(second=0, microsecond=0)
    later = at + datetime.timedelta(hours=2)
    ends = later.time().replace(second=0, microsecond=0)
    if later.date() != at.date() or ends <= starts:
        ends = datetime.time(23, 59, 59)
    return make_slot(area, date=at.date(), starts_at=starts, ends_at=ends, capacity=capacity)


def assign(service_request: ServiceRequest, *, slot: ServiceSlot, engineer=None) -> Assignment:
    """The request ASSIGNED to `engineer` (a new one in the slot's area unless given)."""
    engineer = engineer or make_engineer(areas=[slot.area])
    ServiceSlot.objects.filter(pk=slot.pk).update(booked=F("booked") + 1)
    assignment = Assignment.objects.create(
        engineer=engineer,
        slot=slot,
        request=service_request,
        date=slot.date,
        starts_at=slot.starts_at,
        assigned_at=timezone.now(),
    )
    advance(service_request, ServiceRequest.Status.ASSIGNED, engineer=engineer, slot=slot)
    return assignment
