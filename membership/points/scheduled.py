"""The daily jobs (see membership.tasks): each safe to run twice on the same day."""

import datetime
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q, Sum

from ..models import ExpiryReminder, LedgerEntry, MemberProfile, PointsAccount
from ..rules import birthday_dates_matching, birthdays_due, reminder_horizon
from . import lots, reasons
from .accounts import entry_tier
from .movements import award


def expire_due(*, today: datetime.date) -> int:
    """Expire what is left of every lot dated before `today`; the number of lots expired.

    One transaction per member. Each lot expires under the source key "expire:<lot id>"
    and has nothing left afterwards, so a second run finds nothing.
    """
    member_ids = list(
        LedgerEntry.objects.filter(remaining__gt=0, expires_on__lt=today)
        .order_by("member_id")
        .values_list("member_id", flat=True)
        .distinct()
    )
    expired = 0
    for member_id in member_ids:
        with transaction.atomic():
            account = PointsAccount.objects.select_for_update().get(member_id=member_id)
            expired += len(lots.expire_lots(account, today=today))
    return expired


def award_birthday_points(*, today: datetime.date) -> int:
    """Birthday points by tier, once a year per member; the number of members awarded.

    Birthdays of the last few days count too, so a day the scheduler missed is made up;
    the source key "birthday:<year>:<member id>" keeps it to once a year.
    """
    days = {
        matching: day for day in birthdays_due(today) for matching in birthday_dates_matching(day)
    }
    wanted = reduce(or_, (Q(birthday__month=m, birthday__day=d) for m, d in days))
    members = MemberProfile.objects.filter(wanted).select_related("points_account__tier")
    default_tier = None
    awarded = 0
    for member in members:
        account = getattr(member, "points_account", None)
        if account is None:
            default_tier = default_tier or entry_tier()
        tier = account.tier if account else default_tier
        day = days[(member.birthday.month, member.birthday.day)]
        if tier.birthday_points:
            entry = award(
                member=member,
                points=tier.birthday_points,
                source_key=f"birthday:{day.year}:{member.pk}",
                reason=reasons.BIRTHDAY,
                today=today,
            )
            awarded += entry is not None
    return awarded


def remind_expiring(*, today: datetime.date) -> list[ExpiryReminder]:
    """Reminders of points expiring within 30 days, once per member and expiry date.

    The reminder row is the marker (unique per member and date); returns the ones created,
    whose emails the caller sends (membership.tasks).
    """
    batches = (
        LedgerEntry.objects.filter(
            remaining__gt=0, expires_on__gte=today, expires_on__lte=reminder_horizon(today)
        )
        .values("member_id", "expires_on")
        .annotate(points=Sum("remaining"))
        .order_by("member_id", "expires_on")
    )
    created = []
    for batch in batches:
        with transaction.atomic():
            reminder, is_new = ExpiryReminder.objects.get_or_create(
                member_id=batch["member_id"],
                expires_on=batch["expires_on"],
                defaults={"points": batch["points"]},
            )
            if is_new:
                created.append(reminder)
    return created
