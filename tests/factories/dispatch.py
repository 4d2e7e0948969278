"""Dispatchers, engineers at work, jobs on their day and boards of many requests (issue #11).

`make_job` puts a request (or a shop visit) on an engineer's day directly, the way
dispatch would leave it (status, engineer, slot, a place taken, the Assignment), so that a
test of the engineer's page can start today, at any hour, without the dispatch rules that
refuse a window that has started. `bulk_requests` writes thousands of open requests with
bulk_create, for the query-count tests.
"""

import base64
import datetime
import io
import itertools
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from aftersales.models import (
    Assignment,
    Cover,
    ServiceKind,
    ServiceRequest,
    ServiceSlot,
)
from tests.factories.aftersales import make_appliance_model, make_booking, make_slot
from tests.factories.service import advance, make_engineer, make_request

_sequence = itertools.count(1)


def _permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="aftersales", codename=codename)


def make_dispatcher(**fields):
    """Staff allowed to dispatch (aftersales.dispatch_servicerequest), and nothing else."""
    n = next(_sequence)
    user = get_user_model().objects.create_user(
        username=f"dispatcher{n}",
        email=f"dispatcher{n}@example.cn",
        password="pw-dispatcher",
        is_staff=True,
        **fields,
    )
    user.user_permissions.add(_permission("dispatch_servicerequest"))
    return user


def make_working_engineer(**kwargs):
    """An engineer whose account may work on jobs (aftersales.work_servicerequest)."""
    engineer = make_engineer(**kwargs)
    engineer.user.user_permissions.add(_permission("work_servicerequest"))
    return engineer


def two_hours_from(start: datetime.time) -> datetime.time:
    return (
        datetime.datetime.combine(datetime.date.min, start) + datetime.timedelta(hours=2)
    ).time()


def today_slot(area, *, starts_at=datetime.time(9, 0), day=None):
    """A two-hour window today (or on `day`) in `area`, made once."""
    slot, _created = ServiceSlot.objects.get_or_create(
        area=area,
        date=day or timezone.localdate(),
        starts_at=starts_at,
        defaults={"ends_at": two_hours_from(starts_at), "capacity": 3},
    )
    return slot


def make_job(engineer, *, slot=None, booking_customer=None, status="assigned", **request_fields):
    """A request (or, with `booking_customer`, a shop visit) on `engineer`'s day in `slot`."""
    area = engineer.areas.first()
    slot = slot or today_slot(area)
    if booking_customer is not None:
        booking = make_booking(booking_customer, slot)
        return Assignment.objects.create(
            engineer=engineer,
            slot=slot,
            booking=booking,
            date=slot.date,
            starts_at=slot.starts_at,
            assigned_at=timezone.now(),
        )
    service_request = make_request(area=slot.area, **request_fields)
    advance(service_request, status, engineer=engineer, slot=slot, answered_at=timezone.now())
    ServiceSlot.objects.filter(pk=slot.pk).update(booked=F("booked") + 1)
    return Assignment.objects.create(
        engineer=engineer,
        slot=slot,
        request=service_request,
        date=slot.date,
        starts_at=slot.starts_at,
        assigned_at=timezone.now(),
    )


def bulk_requests(count: int, *, area, engineer=None, now=None, kind=ServiceKind.ONSITE_REPAIR):
    """`count` open requests in `area`, written in one INSERT; every fifth one answered.

    With `engineer`, each is assigned to them on a day of its own, years back (a window a
    day), so the engineer's history is large while any one day holds one job.
    """
    now = now or timezone.now()
    model = make_appliance_model()
    far_back = timezone.localdate(now) - datetime.timedelta(days=count + 30)
    slots = []
    if engineer is not None:
        slots = ServiceSlot.objects.bulk_create(
            ServiceSlot(
                area=area,
                date=far_back + datetime.timedelta(days=n),
                starts_at=datetime.time(9, 0),
                ends_at=datetime.time(11, 0),
                capacity=1,
                booked=1,
            )
            for n in range(count)
        )
    batch = next(_sequence)
    requests = ServiceRequest.objects.bulk_create(
        ServiceRequest(
            number=f"SRB{batch:03d}{n:06d}",
            kind=kind,
            channel="web",
            status=ServiceRequest.Status.ASSIGNED if engineer else ServiceRequest.Status.RECEIVED,
            appliance_model=model,
            contact_name="批量客户",
            contact_phone=f"137{n:08d}",
            area=area,
            address="上海市浦东新区世纪大道100号",
            cover=Cover.NONE,
            callout_fee=Decimal("50.00"),
            opened_at=now - datetime.timedelta(minutes=n),
            response_due=now + datetime.timedelta(minutes=120 - n % 300),
            arrival_due=now + datetime.timedelta(hours=24),
            answered_at=now if n % 5 == 0 else None,
            engineer=engineer,
            slot=slots[n] if engineer else None,
        )
        for n in range(count)
    )
    if engineer is not None:
        Assignment.objects.bulk_create(
            Assignment(
                engineer=engineer,
                slot=slot,
                request=service_request,
                date=slot.date,
                starts_at=slot.starts_at,
                assigned_at=now,
            )
            for slot, service_request in zip(slots, requests, strict=True)
        )
    return requests


def future_slot(area, *, days=7, starts_at=datetime.time(9, 0), capacity=3, booked=0):
    """A two-hour window `days` ahead in `area`."""
    return make_slot(
        area,
        date=timezone.localdate() + datetime.timedelta(days=days),
        starts_at=starts_at,
        ends_at=two_hours_from(starts_at),
        capacity=capacity,
        booked=booked,
    )


def signature_data_url(*, blank: bool = False, size=(320, 140), scribbles: int = 0) -> str:
    """What the signature pad posts: a PNG data URL of a line on a transparent canvas.

    `scribbles` adds that many random strokes: a real signature from the phone's 640 × 280
    pad runs to tens of thousands of characters.
    """
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    shaky = random.Random(7)
    for _stroke in range(scribbles):
        points = [(shaky.randrange(size[0]), shaky.randrange(size[1])) for _ in range(6)]
        draw.line(points, fill="black", width=3)
    if not blank:
        ImageDraw.Draw(image).line(
            [(20, 100), (120, 30), (220, 110), (300, 40)], fill="black", width=4
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def photo_upload(name="work.jpg", *, size=(64, 48)):
    image = Image.new("RGB", size, (200, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
