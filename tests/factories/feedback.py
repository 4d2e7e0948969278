"""Ratings, mailbox messages, campaigns and the staff who answer them, for tests (#12).

Messages are written directly (not through post_message) so a test can set any history:
received two days ago, answered late, escalated; the rules under test then run on them.
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from aftersales.models import FeedbackCampaign, MailboxMessage, ServiceRequest

from .service import advance, make_engineer, make_request
from .staff import PASSWORD

_sequence = itertools.count(1)


def staff_with(*codenames: str, **fields):
    """An active staff member holding these aftersales permissions and nothing else."""
    n = next(_sequence)
    values = {"username": f"feedback-staff{n}", "email": f"feedback-staff{n}@example.cn"}
    values.update(fields)
    user = get_user_model().objects.create_user(password=PASSWORD, is_staff=True, **values)
    found = Permission.objects.filter(content_type__app_label="aftersales", codename__in=codenames)
    assert found.count() == len(codenames), f"No such permissions among {codenames}"
    user.user_permissions.set(found)
    return user


def make_mailbox_staff(**fields):
    return staff_with("answer_mailbox", **fields)


def make_follow_up_staff(**fields):
    """Follows up unhappy ratings and nothing else (the Supervisor role has more)."""
    return staff_with("follow_up_rating", **fields)


def finished_request(*, area=None, customer=None, status=ServiceRequest.Status.DONE, **fields):
    """A visit done by a named engineer (set up directly, not through dispatch)."""
    service_request = make_request(customer=customer, area=area, **fields)
    engineer = make_engineer(areas=[area] if area is not None else ())
    ServiceRequest.objects.filter(pk=service_request.pk).update(engineer=engineer)
    return advance(service_request, status, completed_at=timezone.now())


def make_campaign(*, tags=("#吐槽产品#",), starts_on=None, ends_on=None, **fields):
    today = timezone.localdate()
    return FeedbackCampaign.objects.create(
        name=fields.pop("name", "吐槽有礼"),
        tags=list(tags),
        starts_on=starts_on or today - datetime.timedelta(days=7),
        ends_on=ends_on or today + datetime.timedelta(days=7),
        gift=fields.pop("gift", "免费清洗券"),
        **fields,
    )


def make_message(
    *,
    customer=None,
    received: datetime.datetime | None = None,
    answered_after: datetime.timedelta | None = None,
    kind: str = MailboxMessage.Kind.COMPLAINT,
    topic: str = MailboxMessage.Topic.SERVICE,
    owner=None,
    contact_phone: str = "13900139000",
    **fields,
) -> MailboxMessage:
    """A message received at `received` (now), answered `answered_after` later if given."""
    received = received or timezone.now()
    n = next(_sequence)
    replied_at = received + answered_after if answered_after is not None else None
    return MailboxMessage.objects.create(
        number=f"MBT{n:08d}",
        kind=kind,
        topic=topic,
        body=fields.pop("body", "师傅迟到了两个小时。"),
        customer=customer,
        contact_name=fields.pop("contact_name", "王小明"),
        contact_phone="" if customer is not None else contact_phone,
        owner=owner,
        created_at=received,
        reply_due=received + datetime.timedelta(hours=48),
        reply="已处理,抱歉。" if replied_at else "",
        replied_at=replied_at,
        **fields,
    )
