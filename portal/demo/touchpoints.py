"""Eighteen weeks of after-sales history for the touchpoint dashboard to tell a story.

- Older requests (10 to 18 weeks back), written like portal.demo.service's eight weeks:
  answered, visited, done and confirmed. In Beijing Chaoyang a crew was short from about
  14 to 10 weeks ago: visits came late, answers slipped, customers complained and rated
  low; then a third engineer joined and the area recovered (the last eight weeks are
  portal.demo.service's, on time).
- Some repairs come back for the same appliance within a month (repeat repairs).
- Ratings for about half of every finished request of both histories, lower after a late
  visit; about 110 messages to the director's mailbox, most about a request, almost all
  answered.
- Then the dashboard's daily rows are counted for the whole period.

Idempotent: requests are keyed by their numbers (SR<yymmdd>T<nnnn>), messages by theirs
(MB<yymmdd>T<nnn>), ratings by their request (one each); a second run adds nothing and
counts the same rows again.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from aftersales import touchpoints
from aftersales.models import (
    Assignment,
    Channel,
    Cover,
    Engineer,
    MailboxMessage,
    ServiceArea,
    ServiceEvent,
    ServiceKind,
    ServiceRating,
    ServiceRequest,
    ServiceSlot,
)
from aftersales.services import requests as service_requests
from appliances.models import ApplianceModel

from .records import ensure
from .service import (
    CHANNEL_WEIGHTS,
    ENGINEER_NAMES,
    GIVEN,
    KIND_WEIGHTS,
    RESOLUTIONS,
    STREETS,
    SURNAMES,
    SYMPTOMS,
    serial_for,
)
from .service_areas import WINDOWS

Status = ServiceRequest.Status

WEEKS = 18
OLDEST_DAY, NEWEST_DAY = WEEKS * 7, 58  # days back; portal.demo.service has the rest
PER_DAY = 8
# The story: Beijing Chaoyang short of a crew between these days back.
TROUBLED_AREA = "beijing-chaoyang"
TROUBLE_FROM, TROUBLE_TO = 100, 72
MESSAGES = 110
HISTORY_NUMBERS = r"^SR[0-9]{6}[DT][0-9]{4}$"
VISITS = (ServiceKind.INSTALLATION, ServiceKind.ONSITE_REPAIR, ServiceKind.GUIDANCE)

COMPLAINTS = [
    "师傅迟到了三个小时,也没有提前电话。",
    "约好上午来,下午才到,耽误我上班。",
    "修完不到一个月又坏了,同样的问题。",
    "客服电话一直占线,留言也没人回。",
    "安装时把墙面弄脏了,没有清理。",
]
SUGGESTIONS = [
    "希望可以在小程序里看到师傅的实时位置。 #吐槽服务#",
    "说明书的字太小,老人看不清,能否出大字版? #吐槽产品#",
    "滤芯到期能不能提前一周短信提醒?",
    "周末上门的时段能不能多一点?",
]
PRAISE = ["王师傅很专业,讲解耐心,点赞!", "客服回复很及时,问题当天就解决了。"]
REPLY = "您好,感谢您的反馈。我们已核实情况并安排专人跟进,如仍有问题请随时联系我们。"


def load_touchpoints() -> dict[str, int]:
    areas = {area.code: area for area in ServiceArea.objects.filter(code__in=ENGINEER_NAMES)}
    engineers = {
        code: list(Engineer.objects.filter(areas=area).order_by("pk"))
        for code, area in areas.items()
    }
    written = _older_requests(areas, engineers)
    ratings = _ratings()
    messages = _messages()
    now = timezone.now()
    today = touchpoints.site_day(now)
    rows = touchpoints.rebuild(
        first=today - datetime.timedelta(days=OLDEST_DAY + 1), last=today, now=now
    )
    return {
        "service requests (older history)": written,
        "service ratings": ratings,
        "mailbox messages": messages,
        "touchpoint days": rows,
    }


def _troubled(code: str, days_back: int) -> bool:
    return code == TROUBLED_AREA and TROUBLE_TO <= days_back <= TROUBLE_FROM


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=timezone.get_default_timezone())


def _older_requests(areas, engineers) -> int:
    if ServiceRequest.objects.filter(number__regex=r"^SR[0-9]{6}T[0-9]{4}$").exists():
        return 0
    rng = random.Random(20261203)
    today = timezone.localdate()
    models = list(ApplianceModel.objects.filter(is_active=True).order_by("pk"))
    codes = [code for code in ENGINEER_NAMES if code in areas and engineers.get(code)]
    if not models or not codes:
        return 0
    kinds, channels = list(KIND_WEIGHTS), list(CHANNEL_WEIGHTS)
    requests, timelines, visits = [], [], []
    slots: dict[tuple, ServiceSlot] = {}
    taken: set[tuple] = set()
    recent_repairs: list[ServiceRequest] = []
    n = 0
    for days_back in range(OLDEST_DAY, NEWEST_DAY - 1, -1):
        day = today - datetime.timedelta(days=days_back)
        for _ in range(PER_DAY + rng.randrange(-2, 3)):
            n += 1
            code = rng.choice(codes)
            troubled = _troubled(code, days_back)
            kind = rng.choices(kinds, weights=list(KIND_WEIGHTS.values()))[0]
            channel = rng.choices(channels, weights=list(CHANNEL_WEIGHTS.values()))[0]
            if channel == Channel.PARTNER:
                kind = ServiceKind.INSTALLATION
            opened = _at(day, datetime.time(rng.randrange(8, 19), rng.randrange(60)))
            area, model = areas[code], rng.choice(models)
            serial, phone = serial_for(model.serial_pattern, rng), _phone(rng)
            # One repair in eight is the same appliance back within a month.
            if kind == ServiceKind.ONSITE_REPAIR and recent_repairs and rng.random() < 0.125:
                first = rng.choice(recent_repairs)
                model, serial, phone, code = (
                    first.appliance_model,
                    first.serial,
                    first.contact_phone,
                    first.area.code,
                )
                area = areas[code]
            response_due, arrival_due = service_requests.deadlines(
                kind=kind, area=area, opened_at=opened
            )
            late_answer = rng.random() < (0.3 if troubled else 0.07)
            answered = opened + datetime.timedelta(
                minutes=rng.randrange(130, 320) if late_answer else rng.randrange(5, 100)
            )
            request = ServiceRequest(
                number=f"SR{opened:%y%m%d}T{n:04d}",
                kind=kind,
                channel=channel,
                status=Status.CONFIRMED,
                appliance_model=model,
                serial=serial,
                contact_name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN]),
                contact_phone=phone,
                area=area,
                address=STREETS[code].format(n=rng.randrange(1, 999)),
                symptom=rng.choice(SYMPTOMS[kind]),
                cover=Cover.BASE if kind == ServiceKind.ONSITE_REPAIR else Cover.NOT_APPLICABLE,
                opened_at=opened,
                response_due=response_due,
                arrival_due=arrival_due,
                answered_at=answered,
                breached_at=response_due if answered > response_due else None,
                partner="jd" if channel == Channel.PARTNER else "",
                partner_order_id=f"DEMO-T{n:05d}" if channel == Channel.PARTNER else "",
                resolution=RESOLUTIONS[kind],
            )
            timeline = [
                ("open", "", Status.RECEIVED, opened, "customer"),
                ("answer", Status.RECEIVED, Status.ANSWERED, answered, "agent"),
            ]
            done = answered + datetime.timedelta(hours=rng.randrange(2, 30))
            if kind in VISITS:
                engineer, slot, window = _visit(rng, engineers[code], area, answered, slots, taken)
                if rng.random() < (0.55 if troubled else 0.06):
                    arrived = _at(slot.date, window[1]) + datetime.timedelta(
                        minutes=rng.randrange(15, 150)
                    )
                else:
                    window_minutes = (
                        _at(slot.date, window[1]) - _at(slot.date, window[0])
                    ).total_seconds() // 60
                    arrived = _at(slot.date, window[0]) + datetime.timedelta(
                        minutes=rng.randrange(0, int(window_minutes) - 5)
                    )
                done = arrived + datetime.timedelta(minutes=rng.randrange(40, 120))
                request.engineer, request.slot = engineer, slot
                request.labour_minutes = int((done - arrived).total_seconds() // 60)
                timeline += [
                    ("assign", Status.ANSWERED, Status.ASSIGNED, answered, "dispatcher"),
                    ("arrive", Status.ASSIGNED, Status.ARRIVED, arrived, "engineer"),
                    ("complete", Status.ARRIVED, Status.DONE, done, "engineer"),
                ]
                visits.append((request, engineer, slot, answered, arrived, done))
            else:
                timeline.append(("complete", Status.ANSWERED, Status.DONE, done, "agent"))
            request.completed_at = done
            request.confirmed_at = done + datetime.timedelta(hours=rng.randrange(1, 20))
            timeline.append(
                ("confirm", Status.DONE, Status.CONFIRMED, request.confirmed_at, "customer")
            )
            if kind == ServiceKind.ONSITE_REPAIR:
                recent_repairs = [*recent_repairs[-30:], request]
            requests.append(request)
            timelines.append(timeline)
    ServiceRequest.objects.bulk_create(requests, batch_size=500)
    ServiceEvent.objects.bulk_create(
        (
            ServiceEvent(
                request=request,
                action=action,
                status_from=before,
                status_to=after,
                actor_role=role,
                at=at,
            )
            for request, timeline in zip(requests, timelines, strict=True)
            for action, before, after, at, role in timeline
        ),
        batch_size=1000,
    )
    Assignment.objects.bulk_create(
        (
            Assignment(
                engineer=engineer,
                slot=slot,
                request=request,
                date=slot.date,
                starts_at=slot.starts_at,
                assigned_at=assigned,
                arrived_at=arrived,
                done_at=done,
            )
            for request, engineer, slot, assigned, arrived, done in visits
        ),
        batch_size=500,
    )
    per_slot: dict[int, int] = {}
    for _request, _engineer, slot, *_times in visits:
        per_slot[slot.pk] = per_slot.get(slot.pk, 0) + 1
    for slot_id, places in per_slot.items():
        ServiceSlot.objects.filter(pk=slot_id).update(booked=F("booked") + places)
    return len(requests)


def _phone(rng) -> str:
    return f"13{rng.randrange(0, 10)}{rng.randrange(10**8):08d}"


def _visit(rng, engineers, area, answered, slots, taken):
    """A window the day after the answer (or the next free one) with a free engineer."""
    day = timezone.localdate(answered) + datetime.timedelta(days=1)
    while True:
        for window in WINDOWS:
            for engineer in rng.sample(engineers, len(engineers)):
                if (engineer.pk, day, window[0]) in taken:
                    continue
                taken.add((engineer.pk, day, window[0]))
                key = (area.pk, day, window[0])
                if key not in slots:
                    slots[key], _ = ensure(
                        ServiceSlot,
                        {"area": area, "date": day, "starts_at": window[0]},
                        {"ends_at": window[1]},
                        initial={"capacity": len(engineers) + 1},
                    )
                return engineer, slots[key], window
        day += datetime.timedelta(days=1)


def _ratings() -> int:
    """About half of the finished history rated: lower after a late answer or visit."""
    now = timezone.now()
    finished = (
        ServiceRequest.objects.filter(
            number__regex=HISTORY_NUMBERS, status=Status.CONFIRMED, rating__isnull=True
        )
        .select_related("assignment__slot")
        .order_by("number")
    )
    ratings = []
    for request in finished:
        rng = random.Random(request.number)
        if rng.random() >= 0.5:
            continue
        late = request.answered_at and request.answered_at > request.response_due
        assignment = getattr(request, "assignment", None)
        if assignment is not None and assignment.arrived_at:
            window_end = _at(assignment.slot.date, assignment.slot.ends_at)
            late = late or assignment.arrived_at > window_end
        nps = rng.choice([2, 3, 4, 5, 6, 6, 7, 8]) if late else rng.choice([7, 8, 9, 9, 10, 10])
        scores = [1, 2, 3, 3, 4] if late else [4, 5, 5]
        punctuality, attitude, skill, tidiness = (rng.choice(scores) for _aspect in range(4))
        rated_at = (request.confirmed_at or request.completed_at) + datetime.timedelta(
            hours=rng.randrange(1, 30)
        )
        if rated_at > now:
            continue
        ratings.append(
            ServiceRating(
                service_request=request,
                customer=request.customer,
                area=request.area,
                engineer=request.engineer,
                punctuality=punctuality,
                attitude=attitude,
                skill=skill,
                tidiness=tidiness,
                nps=nps,
                comment="",
                created_at=rated_at,
            )
        )
    ServiceRating.objects.bulk_create(ratings, batch_size=500)
    return len(ratings)


def _messages() -> int:
    """About 110 messages over the period: complaints follow the late visits."""
    if MailboxMessage.objects.filter(number__regex=r"^MB[0-9]{6}T[0-9]{3}$").exists():
        return 0
    rng = random.Random(110)
    now = timezone.now()
    owner = get_user_model().objects.filter(email__iexact="dispatcher@aftercare.demo").first()
    unhappy = list(
        ServiceRating.objects.filter(
            service_request__number__regex=HISTORY_NUMBERS, nps__lte=6
        ).select_related("service_request__area")
    )
    rng.shuffle(unhappy)
    messages = []
    for n in range(1, MESSAGES + 1):
        roll = rng.random()
        if roll < 0.55 and unhappy:
            about = unhappy.pop().service_request
            kind, body = MailboxMessage.Kind.COMPLAINT, rng.choice(COMPLAINTS)
            received = (about.completed_at or about.opened_at) + datetime.timedelta(
                hours=rng.randrange(2, 48)
            )
        else:
            about = None
            kind, body = rng.choice(
                [
                    (MailboxMessage.Kind.SUGGESTION, rng.choice(SUGGESTIONS)),
                    (MailboxMessage.Kind.PRAISE, rng.choice(PRAISE)),
                    (MailboxMessage.Kind.COMPLAINT, rng.choice(COMPLAINTS)),
                ]
            )
            received = now - datetime.timedelta(
                days=rng.randrange(1, OLDEST_DAY), minutes=rng.randrange(24 * 60)
            )
        received = min(received, now - datetime.timedelta(hours=1))
        replied = received + datetime.timedelta(hours=rng.randrange(1, 44))
        answered = rng.random() < 0.95 and replied < now
        messages.append(
            MailboxMessage(
                number=f"MB{received:%y%m%d}T{n:03d}",
                kind=kind,
                topic=MailboxMessage.Topic.PRODUCT
                if "#吐槽产品#" in body
                else MailboxMessage.Topic.SERVICE,
                body=body,
                contact_name=about.contact_name if about else rng.choice(SURNAMES) + "先生",
                contact_phone=about.contact_phone if about else _phone(rng),
                service_request=about,
                area=about.area if about else None,
                owner=owner,
                created_at=received,
                reply_due=received + datetime.timedelta(hours=48),
                reply=REPLY if answered else "",
                replied_at=replied if answered else None,
                replied_by=owner if answered else None,
                reply_sent_at=replied if answered else None,
            )
        )
    MailboxMessage.objects.bulk_create(messages)
    return len(messages)
