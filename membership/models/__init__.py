"""Membership records: profiles, tiers, and the points ledger."""

from .ledger import ExpiryReminder, LedgerEntry, LotMovement, PointsAccount
from .offers import TierServiceCondition, TierServiceDiscount
from .profiles import MemberProfile, mainland_mobile
from .tiers import Tier, TierChange

__all__ = [
    "ExpiryReminder",
    "LedgerEntry",
    "LotMovement",
    "MemberProfile",
    "PointsAccount",
    "Tier",
    "TierChange",
    "TierServiceCondition",
    "TierServiceDiscount",
    "mainland_mobile",
]
