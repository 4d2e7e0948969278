"""The welcome email, sent through Oscar's REGISTRATION communication event.

Sent at most once per member: the task claims the send by stamping `welcomed_at` in one
conditional UPDATE, so two workers running the same task cannot both send. If the mail
server fails, the claim is released for the retry.
"""

from django.utils import timezone, translation
from oscar.core.loading import get_class

from .models import MemberProfile
from .services import ensure_profile

CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")


def send_welcome_email(*, user) -> bool:
    profile = ensure_profile(user=user)
    claimed = MemberProfile.objects.filter(pk=profile.pk, welcomed_at__isnull=True).update(
        welcomed_at=timezone.now()
    )
    if not claimed:
        return False
    try:
        with translation.override(profile.preferred_language):
            CustomerDispatcher().send_registration_email_for_user(user, {"user": user})
    except Exception:
        MemberProfile.objects.filter(pk=profile.pk).update(welcomed_at=None)
        raise
    return True
