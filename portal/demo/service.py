"""Service requests that make the dispatcher's board and the engineer's day look real.

- Two engineers in every service area (one of them the demo engineer's login), qualified
  for every category, and the demo dispatcher.
- Eight weeks of history: a few hundred requests across every type and channel, answered,
  visited and closed, most within the promise, some late (those were escalated and
  compensated by the same rule the SLA job applies), a few cancelled. Written straight to
  the tables with their timelines, as the site would have left them: history is the one
  place where replaying every step through the services would take minutes for nothing.
- This week, through the services: requests waiting for an answer (some close to their
  deadline), visits assigned to engineers today and in the next days, an engineer on the
  way, and the demo customer's own request on their air conditioner.

Idempotent: history is keyed by its request numbers (SR<yymmdd>D<nnnn>), this week's jobs
by the unique partner order ids of a "demo" channel key; a second run adds nothing.
"""

import datetime
import random
import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone

from aftersales.models import (
    Assignment,
    Channel,
    Cover,
    Engineer,
    ServiceArea,
    ServiceEvent,
    ServiceKind,
    ServicePromise,
    ServiceRequest,
    ServiceSlot,
)
from aftersales.services import requests as service_requests
from appliances.models import ApplianceModel

from .accounts import PASSWORD
from .records import ensure
from .service_areas import WINDOWS

Status = ServiceRequest.Status

HISTORY_DAYS = 56
HISTORY_REQUESTS = 320

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"]
STREETS = {
    "shanghai-pudong": "上海市浦东新区世纪大道{n}号",
    "shanghai-xuhui": "上海市徐汇区漕溪北路{n}弄",
    "beijing-chaoyang": "北京市朝阳区建国路{n}号院",
    "guangzhou-tianhe": "广州市天河区天河路{n}号",
    "shenzhen-nanshan": "深圳市南山区科技园南路{n}号",
}
ENGINEER_NAMES = {
    "shanghai-pudong": ["王建国", "陆志强"],
    "shanghai-xuhui": ["顾伟", "沈磊"],
    "beijing-chaoyang": ["赵立新", "孙海涛"],
    "guangzhou-tianhe": ["梁家豪", "何俊杰"],
    "shenzhen-nanshan": ["黄志明", "林国栋"],
}
SYMPTOMS = {
    ServiceKind.INSTALLATION: ["新机安装,需打孔", "新买的柜机,请上门安装", "旧机移机安装"],
    ServiceKind.ONSITE_REPAIR: [
        "开机后不制冷,外机不转",
        "显示 E1 故障代码",
        "噪音很大,像有东西在转",
        "漏水,室内机滴水",
        "点火失败,热水器不出热水",
    ],
    ServiceKind.MAILIN_REPAIR: ["遥控器无反应", "滤芯座漏水,已拆下寄回"],
    ServiceKind.REMOTE_DIAGNOSIS: ["App 连不上 Wi-Fi", "不知道怎么设置预约洗"],
    ServiceKind.GUIDANCE: ["老人不会用,希望上门教一下", "想学习清洗滤网"],
    ServiceKind.CONSULTATION: ["延保怎么买?", "这个型号能用哪款滤芯?"],
}
RESOLUTIONS = {
    ServiceKind.INSTALLATION: "安装完成,试机正常,已讲解使用方法",
    ServiceKind.ONSITE_REPAIR: "更换电容/传感器,试机正常",
    ServiceKind.MAILIN_REPAIR: "更换按键板,测试合格后寄回",
    ServiceKind.REMOTE_DIAGNOSIS: "视频指导重置网络,已恢复连接",
    ServiceKind.GUIDANCE: "已上门讲解并演示清洗",
    ServiceKind.CONSULTATION: "已电话解答",
}
# How often each type comes in, and through which channel, as a maker's hotline sees it.
KIND_WEIGHTS = {
    ServiceKind.ONSITE_REPAIR: 40,
    ServiceKind.INSTALLATION: 25,
    ServiceKind.CONSULTATION: 12,
    ServiceKind.GUIDANCE: 9,
    ServiceKind.REMOTE_DIAGNOSIS: 8,
    ServiceKind.MAILIN_REPAIR: 6,
}
CHANNEL_WEIGHTS = {Channel.WEB: 30, Channel.QR: 25, Channel.HOTLINE: 30, Channel.PARTNER: 15}

# What the maker writes on /service-promise/: 2 hours to answer everywhere, a visit within
# 24 business hours in town (48 in the countryside, per area).
PROMISES = {
    ServiceKind.INSTALLATION: dict(arrival_hours=24, compensation="points", amount=300),
    ServiceKind.ONSITE_REPAIR: dict(
        arrival_hours=24, compensation="cover_months", amount=1, callout_fee=Decimal("50")
    ),
    ServiceKind.MAILIN_REPAIR: dict(arrival_hours=None, compensation="points", amount=200),
    ServiceKind.REMOTE_DIAGNOSIS: dict(arrival_hours=None, compensation="points", amount=100),
    ServiceKind.GUIDANCE: dict(arrival_hours=24, compensation="points", amount=200),
    ServiceKind.CONSULTATION: dict(arrival_hours=None, compensation="points", amount=100),
}


def load_service(appliances: dict) -> dict[str, int]:
    _promises()
    areas = {area.code: area for area in ServiceArea.objects.all()}
    engineers = _engineers(areas)
    models = list(appliances.values())
    _supervisors(areas)
    written = _history(areas, engineers, models)
    return {
        "engineers": sum(len(v) for v in engineers.values()),
        "service requests (history)": written,
    }


def _promises() -> None:
    for kind, terms in PROMISES.items():
        ensure(
            ServicePromise,
            {"kind": kind},
            {
                "response_hours": 2,
                "arrival_hours": terms["arrival_hours"],
                "compensation": terms["compensation"],
                "compensation_amount": terms["amount"],
                "callout_fee": terms.get("callout_fee", Decimal("0")),
            },
        )


def _supervisors(areas: dict) -> None:
    """The demo supervisor calls back the detractors of every area that has nobody yet."""
    supervisor = get_user_model().objects.filter(email__iexact="supervisor@aftercare.demo").first()
    if supervisor is None:
        return
    ServiceArea.objects.filter(pk__in=[area.pk for area in areas.values()]).filter(
        supervisor__isnull=True
    ).update(supervisor=supervisor)


def _engineers(areas: dict) -> dict[str, list[Engineer]]:
    User = get_user_model()
    group = Group.objects.get(name="Engineer")  # written by the roles migration
    categories = sorted({model.category for model in _all_models()})
    by_area = {}
    for code, names in ENGINEER_NAMES.items():
        area = areas.get(code)
        if area is None:
            continue
        by_area[code] = []
        for n, name in enumerate(names, start=1):
            email = (
                "engineer@aftercare.demo"
                if (code, n) == ("shanghai-pudong", 1)
                else f"engineer.{code}.{n}@aftercare.demo"
            )
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(
                    username=email.split("@")[0],
                    email=email,
                    password=PASSWORD,
                    first_name=name[1:],
                    last_name=name[0],
                    is_staff=True,
                )
            engineer, _ = ensure(
                Engineer,
                {"user": user},
                {"name": name, "phone": f"1390021{len(by_area) * 10 + n:04d}"},
                initial={"categories": categories},
            )
            engineer.areas.add(area)
            user.groups.add(group)
            by_area[code].append(engineer)
    return by_area


def _all_models():
    return ApplianceModel.objects.filter(is_active=True)


def serial_for(pattern: str, rng: random.Random) -> str:
    """A serial matching the demo's patterns: two letters, four digits, N letters/digits."""
    match = re.fullmatch(r"\^?([A-Z]{2})\[0-9\]\{4\}\[A-Z0-9\]\{(\d+)\}\$?", pattern)
    if match is None:
        return ""
    prefix, length = match.group(1), int(match.group(2))
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    return (
        prefix
        + f"{rng.randrange(2019, 2027):04d}"
        + "".join(rng.choice(alphabet) for _ in range(length))
    )


def _history(areas, engineers, models) -> int:
    """Eight weeks of closed requests, with their timelines and visits; once."""
    if ServiceRequest.objects.filter(number__regex=r"^SR[0-9]{6}D[0-9]{4}$").exists():
        return 0
    rng = random.Random(20261202)
    now = timezone.now()
    today = timezone.localdate()
    User = get_user_model()
    dispatcher = User.objects.filter(email__iexact="dispatcher@aftercare.demo").first()
    kinds = list(KIND_WEIGHTS)
    channels = list(CHANNEL_WEIGHTS)
    area_codes = [code for code in ENGINEER_NAMES if code in areas]
    requests, events, assignments = [], [], []
    slot_places: dict[tuple, ServiceSlot] = {}
    taken: set[tuple] = set()
    for n in range(1, HISTORY_REQUESTS + 1):
        kind = rng.choices(kinds, weights=list(KIND_WEIGHTS.values()))[0]
        channel = rng.choices(channels, weights=list(CHANNEL_WEIGHTS.values()))[0]
        if channel == Channel.PARTNER:
            kind = ServiceKind.INSTALLATION
        day = today - datetime.timedelta(days=rng.randrange(3, HISTORY_DAYS))
        opened = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.randrange(8, 20), rng.randrange(60)))
        )
        code = rng.choice(area_codes)
        area = areas[code]
        model = rng.choice(models)
        response_due, arrival_due = service_requests.deadlines(
            kind=kind, area=area, opened_at=opened
        )
        # Most are answered in well under the promise; one in twelve is late.
        late = rng.random() < 1 / 12
        answer_after = (
            datetime.timedelta(minutes=rng.randrange(130, 300))
            if late
            else datetime.timedelta(minutes=rng.randrange(5, 100))
        )
        answered = opened + answer_after
        cancelled = rng.random() < 0.05
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN])
        request = ServiceRequest(
            number=f"SR{opened:%y%m%d}D{n:04d}",
            kind=kind,
            channel=channel,
            status=Status.CANCELLED if cancelled else Status.CONFIRMED,
            appliance_model=model,
            serial=serial_for(model.serial_pattern, rng),
            contact_name=name,
            contact_phone=f"13{rng.randrange(0, 10)}{rng.randrange(10**8):08d}",
            area=area,
            address=STREETS[code].format(n=rng.randrange(1, 999)),
            symptom=rng.choice(SYMPTOMS[kind]),
            cover=rng.choice([Cover.BASE, Cover.EXTENDED, Cover.NONE])
            if kind in (ServiceKind.ONSITE_REPAIR, ServiceKind.MAILIN_REPAIR)
            else Cover.NOT_APPLICABLE,
            opened_at=opened,
            response_due=response_due,
            arrival_due=arrival_due,
            answered_at=None if cancelled else answered,
            breached_at=response_due if late and not cancelled else None,
            escalation_level=1 if late and not cancelled else 0,
            partner="jd" if channel == Channel.PARTNER else "",
            partner_order_id=f"DEMO-{n:05d}" if channel == Channel.PARTNER else "",
            resolution="" if cancelled else RESOLUTIONS[kind],
            cancelled_at=answered if cancelled else None,
        )
        timeline = [("open", "", Status.RECEIVED, opened, "customer")]
        if cancelled:
            timeline.append(("cancel", Status.RECEIVED, Status.CANCELLED, answered, "customer"))
        else:
            timeline.append(("answer", Status.RECEIVED, Status.ANSWERED, answered, "agent"))
            if late:
                timeline.insert(
                    1, ("escalate", Status.RECEIVED, Status.RECEIVED, response_due, "system")
                )
            done = answered + datetime.timedelta(hours=rng.randrange(3, 40))
            if kind in (ServiceKind.INSTALLATION, ServiceKind.ONSITE_REPAIR, ServiceKind.GUIDANCE):
                engineer, slot, visit_day, window = _visit(
                    rng, engineers[code], area, answered, slot_places, taken
                )
                start = timezone.make_aware(datetime.datetime.combine(visit_day, window[0]))
                # Within the (two-hour) window: the touchpoint dashboard counts these as on
                # time, and portal.demo.touchpoints' older history tells the late ones.
                arrived = start + datetime.timedelta(minutes=rng.randrange(0, 110))
                done = arrived + datetime.timedelta(minutes=rng.randrange(40, 120))
                request.engineer, request.slot = engineer, slot
                request.labour_minutes = int((done - arrived).total_seconds() // 60)
                timeline += [
                    ("assign", Status.ANSWERED, Status.ASSIGNED, answered, "dispatcher"),
                    (
                        "on_the_way",
                        Status.ASSIGNED,
                        Status.ON_THE_WAY,
                        arrived - datetime.timedelta(minutes=35),
                        "engineer",
                    ),
                    ("arrive", Status.ON_THE_WAY, Status.ARRIVED, arrived, "engineer"),
                    ("complete", Status.ARRIVED, Status.DONE, done, "engineer"),
                ]
                assignments.append((request, engineer, slot, answered, arrived, done))
            elif kind == ServiceKind.MAILIN_REPAIR:
                steps = [
                    ("await_parcel", Status.ANSWERED, Status.AWAITING_PARCEL),
                    ("receive_parcel", Status.AWAITING_PARCEL, Status.PARCEL_RECEIVED),
                    ("repair", Status.PARCEL_RECEIVED, Status.REPAIRED),
                    ("ship_back", Status.REPAIRED, Status.SHIPPED_BACK),
                    ("complete", Status.SHIPPED_BACK, Status.DONE),
                ]
                at = answered
                for action, before, after in steps:
                    at = at + datetime.timedelta(hours=rng.randrange(4, 30))
                    timeline.append((action, before, after, at, "agent"))
                done = at
                request.inbound_tracking = f"SF{rng.randrange(10**12):012d}"
                request.outbound_tracking = f"SF{rng.randrange(10**12):012d}"
            elif kind == ServiceKind.REMOTE_DIAGNOSIS:
                call = answered + datetime.timedelta(hours=rng.randrange(2, 24))
                request.appointment_at = call
                request.call_link = f"https://meeting.example.cn/j/{rng.randrange(10**9)}"
                timeline += [
                    ("schedule_call", Status.ANSWERED, Status.SCHEDULED, answered, "agent"),
                    ("complete", Status.SCHEDULED, Status.DONE, call, "agent"),
                ]
                done = call + datetime.timedelta(minutes=20)
            else:
                timeline.append(("complete", Status.ANSWERED, Status.DONE, answered, "agent"))
                done = answered
            done = min(done, now - datetime.timedelta(hours=1))
            request.completed_at = done
            request.confirmed_at = done + datetime.timedelta(hours=rng.randrange(1, 20))
            timeline.append(
                ("confirm", Status.DONE, Status.CONFIRMED, request.confirmed_at, "customer")
            )
        requests.append(request)
        events.append(timeline)
    ServiceRequest.objects.bulk_create(requests)
    rows = []
    for request, timeline in zip(requests, events, strict=True):
        for action, before, after, at, role in timeline:
            rows.append(
                ServiceEvent(
                    request=request,
                    action=action,
                    status_from=before,
                    status_to=after,
                    actor=dispatcher if role == "dispatcher" else None,
                    actor_role=role,
                    customer_visible=action != "escalate",
                    at=min(at, now),
                )
            )
    ServiceEvent.objects.bulk_create(rows)
    Assignment.objects.bulk_create(
        [
            Assignment(
                engineer=engineer,
                slot=slot,
                request=request,
                date=slot.date,
                starts_at=slot.starts_at,
                assigned_at=assigned,
                on_the_way_at=arrived - datetime.timedelta(minutes=35),
                arrived_at=arrived,
                done_at=done,
            )
            for request, engineer, slot, assigned, arrived, done in assignments
        ]
    )
    per_slot: dict[int, int] = {}
    for _request, _engineer, slot, *_times in assignments:
        per_slot[slot.pk] = per_slot.get(slot.pk, 0) + 1
    for slot_id, places in per_slot.items():
        ServiceSlot.objects.filter(pk=slot_id).update(booked=F("booked") + places)
    return len(requests)


def _visit(rng, engineers, area, answered, slot_places, taken):
    """A past window in `area` the day after the answer, with a free engineer."""
    day = timezone.localdate(answered) + datetime.timedelta(days=1)
    while True:
        for window in WINDOWS:
            for engineer in rng.sample(engineers, len(engineers)):
                if (engineer.pk, day, window[0]) in taken:
                    continue
                taken.add((engineer.pk, day, window[0]))
                key = (area.pk, day, window[0])
                slot = slot_places.get(key)
                if slot is None:
                    slot, _ = ensure(
                        ServiceSlot,
                        {"area": area, "date": day, "starts_at": window[0]},
                        {"ends_at": window[1]},
                        initial={"capacity": len(engineers)},
                    )
                    slot_places[key] = slot
                return engineer, slot, day, window
        day += datetime.timedelta(days=1)
