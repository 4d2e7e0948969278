"""Membership records: profiles, tiers, the points ledger, and the rewards catalogue."""

from .holds import PointsHold
from .ledger import ExpiryReminder, LedgerEntry, LotMovement, PointsAccount
from .offers import TierServiceCondition, TierServiceDiscount
from .profiles import MemberProfile, mainland_mobile
from .rewards import FreeCleaning, Reward, RewardRedemption
from .tiers import Tier, TierChange
from .totals import PointsDay, PointsExpiry

__all__ = [
    "ExpiryReminder",
    "FreeCleaning",
    "LedgerEntry",
    "LotMovement",
    "MemberProfile",
    "PointsAccount",
    "PointsDay",
    "PointsExpiry",
    "PointsHold",
    "Reward",
    "RewardRedemption",
    "Tier",
    "TierChange",
    "TierServiceCondition",
    "TierServiceDiscount",
    "mainland_mobile",
]
