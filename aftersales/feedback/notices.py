"""What the feedback loop tells people: the customer their reply, staff their cases.

Each notice is claimed once by a conditional UPDATE of its "sent" time and released if
the mail server or the text provider fails, so a retried task neither loses nor repeats it.
Links in staff emails point at the dashboard on SITE_URL (WAGTAILADMIN_BASE_URL).
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from groundwork import sms

from .. import ladder
from ..models import FollowUp, MailboxEscalation, MailboxMessage
from .mailbox import LEVEL_NAMES, PERMISSIONS_BACKEND

TEMPLATES = "aftersales/feedback/email/"


def _site(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _mail(*, template: str, context: dict, to: list[str]) -> None:
    if not to:
        return
    subject = " ".join(render_to_string(f"{TEMPLATES}{template}_subject.txt", context).split())
    body = render_to_string(f"{TEMPLATES}{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def _phone_of(message: MailboxMessage) -> str:
    if message.contact_phone:
        return message.contact_phone
    profile = getattr(message.customer, "member_profile", None) if message.customer else None
    return (profile.phone or "") if profile else ""


def _email_of(message: MailboxMessage) -> str:
    if message.email:
        return message.email
    return message.customer.email if message.customer else ""


def send_reply(*, message_id: int) -> bool:
    """Email and text the customer that their message is answered, once."""
    claimed = MailboxMessage.objects.filter(
        pk=message_id, replied_at__isnull=False, reply_sent_at__isnull=True
    ).update(reply_sent_at=timezone.now())
    if not claimed:
        return False
    message = MailboxMessage.objects.select_related("customer__member_profile").get(pk=message_id)
    try:
        with translation.override(message.language):
            context = {"message": message, "url": _site(_customer_url(message))}
            email = _email_of(message)
            if email:
                _mail(template="mailbox_reply", context=context, to=[email])
            phone = _phone_of(message)
            if phone:
                text = render_to_string(f"{TEMPLATES}mailbox_reply_sms.txt", context)
                sms.send(phone=phone, text=" ".join(text.split()))
    except Exception:
        MailboxMessage.objects.filter(pk=message_id).update(reply_sent_at=None)
        raise
    return True


def _customer_url(message: MailboxMessage) -> str:
    return reverse("feedback:my-message", kwargs={"number": message.number})


def _staff_emails(permission: str) -> list[str]:
    users = (
        get_user_model()
        .objects.with_perm(permission, include_superusers=False, backend=PERMISSIONS_BACKEND)
        .filter(is_active=True, is_staff=True)
        .exclude(email="")
    )
    return sorted({user.email for user in users})


def notify_escalation(*, escalation_id: int) -> bool:
    """Tell the staff at the escalation's level that a message waits for a reply."""
    claimed = MailboxEscalation.objects.filter(pk=escalation_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    escalation = MailboxEscalation.objects.select_related("message__owner").get(pk=escalation_id)
    message = escalation.message
    try:
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "message": message,
                "level": LEVEL_NAMES[escalation.level],
                "url": _site(reverse("dashboard:aftersales-mailbox-detail", args=[message.pk])),
            }
            to = sorted(set(ladder.staff_at(escalation.level).values_list("email", flat=True)))
            _mail(template="mailbox_escalation", context=context, to=to)
    except Exception:
        MailboxEscalation.objects.filter(pk=escalation_id).update(notified_at=None)
        raise
    return True


def notify_follow_up(*, follow_up_id: int) -> bool:
    """Tell the area's supervisor (or, with none, everyone who follows up ratings)."""
    claimed = FollowUp.objects.filter(pk=follow_up_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    follow_up = FollowUp.objects.select_related("owner", "rating", "area").get(pk=follow_up_id)
    if follow_up.owner is not None and follow_up.owner.email:
        to = [follow_up.owner.email]
    else:
        to = _staff_emails("aftersales.follow_up_rating")
    try:
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "follow_up": follow_up,
                "rating": follow_up.rating,
                "url": _site(reverse("dashboard:aftersales-follow-up-detail", args=[follow_up.pk])),
            }
            _mail(template="follow_up", context=context, to=to)
    except Exception:
        FollowUp.objects.filter(pk=follow_up_id).update(notified_at=None)
        raise
    return True


# A notice written this long ago and still unsent was lost on its way to the queue.
LOST_AFTER = datetime.timedelta(minutes=10)
HORIZON = datetime.timedelta(days=2)


def unsent(*, now: datetime.datetime) -> dict[str, list[int]]:
    """Ids of the notices that should have gone out by `now` and have not."""
    since, until = now - HORIZON, now - LOST_AFTER
    return {
        "replies": list(
            MailboxMessage.objects.filter(
                reply_sent_at__isnull=True, replied_at__range=(since, until)
            ).values_list("pk", flat=True)[:500]
        ),
        "escalations": list(
            MailboxEscalation.objects.filter(
                notified_at__isnull=True, at__range=(since, until)
            ).values_list("pk", flat=True)[:500]
        ),
        "follow_ups": list(
            FollowUp.objects.filter(
                notified_at__isnull=True, opened_at__range=(since, until)
            ).values_list("pk", flat=True)[:500]
        ),
    }
