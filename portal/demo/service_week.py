"""A week of visits for every demo engineer: jobs today and on each of the next 6 days.

Each engineer of an area takes two of its four daily windows (the first engineer the 1st
and 3rd, the second the 2nd and 4th), so the dispatcher still has free windows to give
and the engineer's page shows a full week. Written straight to the tables with their
timeline (received, then assigned), as `service.py` writes its history: no notices go out
for visits nobody asked for.

Idempotent: a job's number is its engineer, day and window (SR<yymmdd>W<engineer><n>),
and an engineer's window already taken (by a job of the running site) is left alone. A
rerun on a later day adds the day that came into view.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from aftersales.models import (
    Assignment,
    Channel,
    Cover,
    Engineer,
    ServiceEvent,
    ServiceKind,
    ServiceRequest,
    ServiceSlot,
)
from aftersales.services import requests as service_requests
from appliances.models import ApplianceModel

from .service_areas import WINDOWS

Status = ServiceRequest.Status

WEEK_DAYS = 7  # today and the next 6 days
DEMO_DOMAIN = "@aftercare.demo"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"]
STREETS = {
    "shanghai-pudong": "上海市浦东新区世纪大道{n}号",
    "shanghai-xuhui": "上海市徐汇区漕溪北路{n}弄",
    "beijing-chaoyang": "北京市朝阳区建国路{n}号院",
    "guangzhou-tianhe": "广州市天河区天河路{n}号",
    "shenzhen-nanshan": "深圳市南山区科技园南路{n}号",
}
JOBS = [
    (ServiceKind.ONSITE_REPAIR, "开机后不制冷,外机不转"),
    (ServiceKind.ONSITE_REPAIR, "显示 E1 故障代码"),
    (ServiceKind.INSTALLATION, "新买的柜机,请上门安装"),
    (ServiceKind.GUIDANCE, "老人不会用,希望上门教一下"),
    (ServiceKind.ONSITE_REPAIR, "漏水,室内机滴水"),
]
CHANNELS = [Channel.WEB, Channel.QR, Channel.HOTLINE]


def number_for(engineer: Engineer, day: datetime.date, window: int) -> str:
    return f"SR{day:%y%m%d}W{engineer.pk:04d}{window}"


def demo_engineers() -> list[Engineer]:
    return list(
        Engineer.objects.filter(user__email__endswith=DEMO_DOMAIN)
        .prefetch_related("areas")
        .order_by("pk")
    )


def load_service_week() -> dict[str, int]:
    today = timezone.localdate()
    days = [today + datetime.timedelta(days=n) for n in range(WEEK_DAYS)]
    models = list(ApplianceModel.objects.filter(is_active=True).order_by("pk"))
    dispatcher = get_user_model().objects.filter(email__iexact=f"dispatcher{DEMO_DOMAIN}").first()
    written = 0
    for engineer in demo_engineers():
        area = min(engineer.areas.all(), key=lambda a: a.code, default=None)
        if area is None or not models:
            continue
        rank = [e.pk for e in area.engineers.order_by("pk")].index(engineer.pk)
        windows = [n for n in range(len(WINDOWS)) if n % 2 == rank % 2]
        for day in days:
            for window in windows:
                written += _job(engineer, area, day, window, models, dispatcher)
    return {"service requests (this week)": written}


def _job(engineer, area, day, window, models, dispatcher) -> int:
    number = number_for(engineer, day, window)
    starts_at = WINDOWS[window][0]
    if ServiceRequest.objects.filter(number=number).exists():
        return 0
    if Assignment.objects.filter(engineer=engineer, date=day, starts_at=starts_at).exists():
        return 0  # the running site gave this window to another job
    slot = ServiceSlot.objects.filter(area=area, date=day, starts_at=starts_at).first()
    if slot is None:
        return 0
    # The place is taken only while one is free: the slot's check constraint holds.
    if not ServiceSlot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(
        booked=F("booked") + 1
    ):
        return 0
    rng = random.Random(number)
    kind, symptom = rng.choice(JOBS)
    model = rng.choice(models)
    # Opened the evening before or earlier, answered within the hour, as most are.
    opened = timezone.make_aware(
        datetime.datetime.combine(
            min(day, timezone.localdate()) - datetime.timedelta(days=rng.randrange(1, 3)),
            datetime.time(rng.randrange(8, 20), rng.randrange(60)),
        )
    )
    answered = opened + datetime.timedelta(minutes=rng.randrange(5, 60))
    response_due, arrival_due = service_requests.deadlines(kind=kind, area=area, opened_at=opened)
    service_request = ServiceRequest.objects.create(
        number=number,
        kind=kind,
        channel=rng.choice(CHANNELS),
        status=Status.ASSIGNED,
        appliance_model=model,
        contact_name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN]),
        contact_phone=f"13{rng.randrange(0, 10)}{rng.randrange(10**8):08d}",
        area=area,
        address=STREETS.get(area.code, "{n}号").format(n=rng.randrange(1, 999)),
        symptom=symptom,
        cover=Cover.BASE if kind == ServiceKind.ONSITE_REPAIR else Cover.NOT_APPLICABLE,
        opened_at=opened,
        response_due=response_due,
        arrival_due=arrival_due,
        answered_at=answered,
        engineer=engineer,
        slot=slot,
    )
    ServiceEvent.objects.bulk_create(
        [
            ServiceEvent(
                request=service_request,
                action="open",
                status_from="",
                status_to=Status.RECEIVED,
                actor_role="customer",
                note=symptom,
                at=opened,
            ),
            ServiceEvent(
                request=service_request,
                action="assign",
                status_from=Status.RECEIVED,
                status_to=Status.ASSIGNED,
                actor=dispatcher,
                actor_role="dispatcher",
                note=f"{engineer.name} · {slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}",
                at=answered,
            ),
        ]
    )
    Assignment.objects.create(
        engineer=engineer,
        slot=slot,
        request=service_request,
        date=day,
        starts_at=starts_at,
        assigned_by=dispatcher,
        assigned_at=answered,
    )
    return 1
