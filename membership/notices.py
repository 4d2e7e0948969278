"""Emails about points and tiers, through Oscar's communication events.

Staff can reword them in the dashboard (codes TIER_DOWNGRADE and POINTS_EXPIRING); the
files in templates/oscar/communication/emails/ are the default text. Each is sent once:
the send is claimed with one conditional UPDATE, and released if the mail server fails.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone, translation
from oscar.core.loading import get_class

from .models import ExpiryReminder, MemberProfile, TierChange

Dispatcher = get_class("communication.utils", "Dispatcher")


def _send(*, user, language: str, code: str, context: dict) -> None:
    with translation.override(language):
        dispatcher = Dispatcher()
        dispatcher.dispatch_user_messages(user, dispatcher.get_messages(code, context))


def send_tier_notice(*, change_id: int) -> bool:
    claimed = TierChange.objects.filter(pk=change_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    change = TierChange.objects.select_related("member__user", "from_tier", "to_tier").get(
        pk=change_id
    )
    context = {
        "user": change.member.user,
        "from_tier": change.from_tier,
        "to_tier": change.to_tier,
        "points_earned": change.points_earned,
    }
    try:
        _send(
            user=change.member.user,
            language=change.member.preferred_language,
            code="TIER_DOWNGRADE",
            context=context,
        )
    except Exception:
        TierChange.objects.filter(pk=change_id).update(notified_at=None)
        raise
    return True


def send_expiry_reminder(*, reminder_id: int) -> bool:
    claimed = ExpiryReminder.objects.filter(pk=reminder_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    reminder = ExpiryReminder.objects.select_related("member__user").get(pk=reminder_id)
    context = {
        "user": reminder.member.user,
        "points": reminder.points,
        "expires_on": reminder.expires_on,
    }
    try:
        _send(
            user=reminder.member.user,
            language=reminder.member.preferred_language,
            code="POINTS_EXPIRING",
            context=context,
        )
    except Exception:
        ExpiryReminder.objects.filter(pk=reminder_id).update(sent_at=None)
        raise
    return True


# A notice written this long ago and still unsent was lost on its way to the queue; older
# than the horizon, it is no longer worth sending.
LOST_AFTER = datetime.timedelta(minutes=10)
HORIZON = datetime.timedelta(days=2)


@dataclass(frozen=True)
class Unsent:
    welcomes: list[int]
    tier_changes: list[int]
    reminders: list[int]


def unsent(*, now: datetime.datetime) -> Unsent:
    """Ids of the notices that should have gone out by `now` and have not."""
    since, until = now - HORIZON, now - LOST_AFTER
    today = timezone.localdate(now)
    return Unsent(
        welcomes=list(
            MemberProfile.objects.filter(
                welcomed_at__isnull=True,
                user__is_active=True,
                user__date_joined__range=(since, until),
            ).values_list("user_id", flat=True)[:500]
        ),
        tier_changes=list(
            TierChange.objects.filter(
                notified_at__isnull=True,
                reason=TierChange.Reason.REVIEW,
                to_tier__rank__lt=F("from_tier__rank"),
                changed_on__range=(today - HORIZON, today),
            ).values_list("pk", flat=True)[:500]
        ),
        reminders=list(
            ExpiryReminder.objects.filter(
                sent_at__isnull=True, created_at__range=(since, until)
            ).values_list("pk", flat=True)[:500]
        ),
    )
