"""The director's mailbox: every message has a named owner and is answered within 48 hours.

The deadline is 48 clock hours, not business hours: the customer is told "within 48
hours", and a complaint sent on the eve of the National Day week must not wait nine days.
A message still unanswered at its deadline climbs the service desk's ladder
(aftersales.ladder: team lead, then supervisor, then manager, a day apart), one level per
run of the job; each level is reached once, by one conditional UPDATE and one row unique
per (message, level), however often the job runs.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from membership import points

from .. import ladder
from ..models import FeedbackCampaign, MailboxEscalation, MailboxMessage, StaffLevel

REPLY_WITHIN = datetime.timedelta(hours=48)
ESCALATION_STEP = datetime.timedelta(hours=24)
ANSWER_PERMISSION = "aftersales.answer_mailbox"
# Who holds a permission, through their groups or their own: Django's model backend, named
# because the site signs in through several backends (with_perm then needs one named).
PERMISSIONS_BACKEND = "django.contrib.auth.backends.ModelBackend"
# The service desk's ladder (aftersales.ladder): team lead, supervisor, manager.
TOP_LEVEL = int(StaffLevel.MANAGER)
LEVEL_NAMES = {int(level): level.label for level in StaffLevel}


class AlreadyAnswered(Exception):
    def __init__(self):
        super().__init__(_("This message has already been answered."))


def level_due(message: MailboxMessage, level: int) -> datetime.datetime:
    """When an unanswered message reaches `level` (1: at its deadline, then a day apart)."""
    return message.reply_due + (level - 1) * ESCALATION_STEP


# --- Receiving --------------------------------------------------------------------------


def campaign_for(*, body: str, tag: str, today: datetime.date):
    """(campaign, tag) for a message sent on `today` naming a running campaign's tag."""
    running = FeedbackCampaign.objects.filter(starts_on__lte=today, ends_on__gte=today).order_by(
        "starts_on", "pk"
    )
    for campaign in running:
        for campaign_tag in campaign.tags:
            if campaign_tag and (tag == campaign_tag or campaign_tag in body):
                return campaign, campaign_tag
    return None, ""


def next_owner():
    """The desk member who may answer the mailbox and was given a message longest ago.

    Round robin among those who answer at the desk: someone never given one goes first,
    then the least recently given, a tie to the lowest id. Team leads, supervisors and
    managers answer too but are the ladder above the owner, so they own messages only when
    nobody at the desk may. None when nobody may at all (the inbox shows the message as
    without an owner, and the escalation still runs).
    """
    answerers = (
        get_user_model()
        .objects.with_perm(ANSWER_PERMISSION, include_superusers=False, backend=PERMISSIONS_BACKEND)
        .filter(is_staff=True, is_active=True)
    )
    above_the_desk = Q()
    for codename in ladder.LEVEL_PERMISSIONS.values():
        above_the_desk |= Q(
            user_permissions__codename=codename,
            user_permissions__content_type__app_label="aftersales",
        )
        above_the_desk |= Q(
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label="aftersales",
        )
    at_the_desk = answerers.exclude(
        pk__in=get_user_model().objects.filter(above_the_desk).values("pk")
    )
    for candidates in (at_the_desk, answerers):
        owner = (
            candidates.annotate(last_given=Max("mailbox_owned__created_at"))
            .order_by(F("last_given").asc(nulls_first=True), "pk")
            .first()
        )
        if owner is not None:
            return owner
    return None


def _new_number(now: datetime.datetime) -> str:
    return f"MB{now:%y%m%d}{secrets.token_hex(3).upper()}"


def post_message(
    *,
    kind: str,
    topic: str,
    body: str,
    now: datetime.datetime,
    customer=None,
    contact_name: str = "",
    contact_phone: str = "",
    email: str = "",
    language: str = "zh-hans",
    service_request=None,
    order=None,
    unit=None,
    tag: str = "",
) -> MailboxMessage:
    """Receive a message: its owner, its 48-hour deadline, its campaign if it names one.

    The caller has checked that the request, order and unit are the sender's own.
    """
    body = body.strip()
    campaign, tag = campaign_for(body=body, tag=tag, today=timezone.localdate(now))
    fields = dict(
        kind=kind,
        topic=topic,
        body=body,
        customer=customer if customer is not None and customer.is_authenticated else None,
        contact_name=contact_name,
        contact_phone=contact_phone,
        email=email,
        language=language,
        service_request=service_request,
        order=order,
        unit=unit,
        area=service_request.area if service_request is not None else None,
        campaign=campaign,
        tag=tag,
        owner=next_owner(),
        created_at=now,
        reply_due=now + REPLY_WITHIN,
    )
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return MailboxMessage.objects.create(number=_new_number(now), **fields)
        except IntegrityError:
            continue  # the random number collided; draw another
    raise IntegrityError("Could not number the mailbox message")


# --- Answering --------------------------------------------------------------------------


def reply_to(
    *, message: MailboxMessage, text: str, actor, now: datetime.datetime
) -> MailboxMessage:
    """Answer a message once; the caller queues the reply to the customer after commit."""
    text = text.strip()
    answered = MailboxMessage.objects.filter(pk=message.pk, replied_at__isnull=True).update(
        reply=text, replied_at=now, replied_by=actor
    )
    if not answered:
        raise AlreadyAnswered
    message.refresh_from_db()
    return message


def mark_useful(*, message: MailboxMessage, actor, now: datetime.datetime) -> bool:
    """Record a suggestion as useful, once, and give its sender the points for it.

    The campaign's gift itself is a compensation grant staff make in the compensation
    catalogue; only "useful" is recorded here. False when it was already marked.
    """
    if message.kind != MailboxMessage.Kind.SUGGESTION:
        raise ValueError("Only a suggestion can be marked useful.")
    with transaction.atomic():
        marked = MailboxMessage.objects.filter(pk=message.pk, useful=False).update(
            useful=True, useful_marked_at=now, useful_marked_by=actor
        )
        if marked:
            points.award_for_useful_suggestion(customer=message.customer, message_id=message.pk)
    message.refresh_from_db()
    return bool(marked)


# --- Escalating -------------------------------------------------------------------------


def escalate_overdue(*, now: datetime.datetime) -> list[MailboxEscalation]:
    """Move each unanswered message past its next level's time up one level; return the
    escalations made (the job tells the staff at that level)."""
    overdue = (
        MailboxMessage.objects.unanswered()
        .filter(escalation_level__lt=TOP_LEVEL, reply_due__lte=now)
        .only("pk", "reply_due", "escalation_level")
        .order_by("reply_due", "pk")
    )
    made = []
    for message in overdue.iterator(chunk_size=500):
        level = message.escalation_level + 1
        if level_due(message, level) > now:
            continue
        with transaction.atomic():
            moved = MailboxMessage.objects.filter(
                pk=message.pk, escalation_level=level - 1, replied_at__isnull=True
            ).update(escalation_level=level)
            if not moved:
                continue  # answered, or another run moved it a moment ago
            made.append(MailboxEscalation.objects.create(message=message, level=level, at=now))
    return made


# --- Figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReplyFigures:
    received: int
    answered: int
    on_time: int
    median_seconds: float | None

    @property
    def reply_rate(self) -> float | None:
        """Share of the messages received that have been answered, 0–100."""
        return 100 * self.answered / self.received if self.received else None

    @property
    def on_time_rate(self) -> float | None:
        """Share of the messages received answered within their 48 hours, 0–100."""
        return 100 * self.on_time / self.received if self.received else None

    @property
    def median_hours(self) -> float | None:
        return None if self.median_seconds is None else self.median_seconds / 3600


def reply_figures(messages: QuerySet[MailboxMessage]) -> ReplyFigures:
    """Reply rate, on-time rate and median time to reply of `messages`.

    Two queries whatever the number of messages: the counts in one aggregate, then the
    middle one or two waits picked by the database from the answered messages in order.
    """
    messages = messages.order_by()
    totals = messages.aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(replied_at__isnull=False)),
        on_time=Count("pk", filter=Q(replied_at__lte=F("reply_due"))),
    )
    answered = totals["answered"]
    median = None
    if answered:
        waits = (
            messages.filter(replied_at__isnull=False)
            .annotate(wait=ExpressionWrapper(F("replied_at") - F("created_at"), DurationField()))
            .order_by("wait", "pk")
            .values_list("wait", flat=True)
        )
        middle = (answered - 1) // 2
        picked = list(waits[middle : middle + (2 if answered % 2 == 0 else 1)])
        median = sum(wait.total_seconds() for wait in picked) / len(picked)
    return ReplyFigures(
        received=totals["received"],
        answered=answered,
        on_time=totals["on_time"],
        median_seconds=median,
    )
