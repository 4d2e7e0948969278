"""Emails about points and tiers, through Oscar's communication events.

Staff can reword them in the dashboard (codes TIER_DOWNGRADE and POINTS_EXPIRING); the
files in templates/oscar/communication/emails/ are the default text. Each is sent once:
the send is claimed with one conditional UPDATE, and released if the mail server fails.
"""

from django.utils import timezone, translation
from oscar.core.loading import get_class

from .models import ExpiryReminder, TierChange

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
