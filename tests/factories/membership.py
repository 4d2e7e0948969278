"""Members and points history for tests.

Entries are written through membership.points like everywhere else; only their dates are
moved afterwards (`backdate`), since the ledger stamps each entry with the time it is written.
"""

import datetime
import importlib

from django.apps import apps
from django.utils import timezone
from oscar.test.factories import UserFactory

from membership import points
from membership.models import LedgerEntry, MemberProfile, Tier
from membership.services import ensure_profile


def ensure_tiers() -> None:
    """The seeded tiers, put back if a transactional test emptied the tables."""
    if not Tier.objects.exists():
        seed = importlib.import_module("membership.migrations.0003_seed_tiers")
        seed.seed_tiers(apps, None)


def make_member(*, language: str = "en", **user_fields) -> MemberProfile:
    """A customer with a profile and an open points account in the entry tier."""
    member = ensure_profile(user=UserFactory(**user_fields), language=language)
    points.open_account(member=member, today=timezone.localdate())
    return member


def backdate(entry: LedgerEntry, *, days: int) -> None:
    LedgerEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
