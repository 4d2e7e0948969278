"""Earning, spending and staff adjustments: one transaction each, the account locked first."""

import datetime
import uuid
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import LedgerEntry, MemberProfile, PointsAccount
from ..rules import (
    CLEANING_VISIT_POINTS,
    REGISTRATION_POINTS,
    REVIEW_POINTS,
    SERVICE_RATING_POINTS,
    USEFUL_SUGGESTION_POINTS,
    expiry_for,
    points_for_payment,
)
from ..services import ensure_profile
from . import holds, lots, reasons
from .accounts import AdjustmentRefused, InsufficientPoints, locked_account
from .tiers import upgrade_if_qualified

Kind = LedgerEntry.Kind


def _replayed(source_key: str, account: PointsAccount, kind: str) -> LedgerEntry | None:
    """The entry already written under `source_key`, if it is the same event for this member."""
    entry = LedgerEntry.objects.filter(source_key=source_key).first()
    if entry is not None and (entry.member_id != account.member_id or entry.kind != kind):
        raise ValueError(f"Source key {source_key!r} already records another event.")
    return entry


def _credit_lot(account: PointsAccount, *, source_key: str, **fields) -> LedgerEntry | None:
    """Write a new lot, or nothing if the source key is taken (checked, then enforced)."""
    if LedgerEntry.objects.filter(source_key=source_key).exists():
        return None
    try:
        with transaction.atomic():
            return lots.write(account, source_key=source_key, **fields)
    except IntegrityError:
        if LedgerEntry.objects.filter(source_key=source_key).exists():
            return None
        raise


def award(
    *,
    member: MemberProfile,
    points: int,
    source_key: str,
    reason: str,
    expires_on: datetime.date | None = None,
    actor=None,
    today: datetime.date | None = None,
) -> LedgerEntry | None:
    """Credit earned points as a new lot; None when `source_key` was already awarded.

    A better tier reached by these points applies at once.
    """
    if points <= 0:
        raise ValueError("An award is a positive number of points.")
    today = today or timezone.localdate()
    with transaction.atomic():
        account = locked_account(member=member, today=today)
        entry = _credit_lot(
            account,
            kind=Kind.EARN,
            points=points,
            source_key=source_key,
            reason=reason,
            expires_on=expires_on or expiry_for(today),
            remaining=points,
            created_by=actor,
        )
        if entry is not None:
            upgrade_if_qualified(account, today=today)
        return entry


def earn_for_payment(
    *,
    member: MemberProfile,
    amount_paid: Decimal,
    source_key: str,
    today: datetime.date | None = None,
    reason: str = reasons.PAYMENT,
) -> LedgerEntry | None:
    """Points for money paid (not points spent): whole yuan times the member's multiplier."""
    today = today or timezone.localdate()
    with transaction.atomic():
        account = locked_account(member=member, today=today)
        points = points_for_payment(amount_paid, account.tier.multiplier)
        if points == 0:
            return None
        return award(
            member=member, points=points, source_key=source_key, reason=reason, today=today
        )


def award_for_registration(*, owner, unit_id: int) -> LedgerEntry | None:
    """The once-per-unit reward for registering an appliance, to whoever registered it."""
    return award(
        member=ensure_profile(user=owner),
        points=REGISTRATION_POINTS,
        source_key=f"unit:{unit_id}:register",
        reason=reasons.REGISTERED_UNIT,
    )


def award_for_review(*, review) -> LedgerEntry | None:
    """The once-per-review reward, when a moderator approves a customer's product review."""
    if review.user_id is None:
        return None
    return award(
        member=ensure_profile(user=review.user),
        points=REVIEW_POINTS,
        source_key=f"review:{review.pk}:approved",
        reason=reasons.APPROVED_REVIEW,
    )


def award_for_service_rating(*, customer, job: str) -> LedgerEntry | None:
    """The once-per-job reward for rating a finished service job (`job` names it, e.g.
    "request:12"); None for a guest, who has no points account."""
    if customer is None:
        return None
    return award(
        member=ensure_profile(user=customer),
        points=SERVICE_RATING_POINTS,
        source_key=f"rating:{job}",
        reason=reasons.RATED_SERVICE,
    )


def award_for_cleaning_visit(*, customer, booking_id: int) -> LedgerEntry | None:
    """The once-per-visit reward when a cleaning visit bought in the shop is completed."""
    return award(
        member=ensure_profile(user=customer),
        points=CLEANING_VISIT_POINTS,
        source_key=f"booking:{booking_id}:completed",
        reason=reasons.COMPLETED_CLEANING,
    )


def award_for_useful_suggestion(*, customer, message_id: int) -> LedgerEntry | None:
    """The once-per-message reward when staff mark a suggestion useful; None for a guest."""
    if customer is None:
        return None
    return award(
        member=ensure_profile(user=customer),
        points=USEFUL_SUGGESTION_POINTS,
        source_key=f"mailbox:{message_id}:useful",
        reason=reasons.USEFUL_SUGGESTION,
    )


def redeem(
    *,
    member: MemberProfile,
    points: int,
    source_key: str,
    reason: str,
    today: datetime.date | None = None,
    hold_key: str | None = None,
) -> LedgerEntry:
    """Spend points, the soonest to expire first; InsufficientPoints if the balance is short.

    Points other checkouts hold are not spendable; `hold_key` names the hold this spend
    uses up (a checkout paying with the points it held), which is then released.
    Replaying a source key returns the first redemption and takes nothing more.
    """
    if points <= 0:
        raise ValueError("A redemption is a positive number of points.")
    today = today or timezone.localdate()
    with transaction.atomic():
        account = locked_account(member=member, today=today)
        if (existing := _replayed(source_key, account, Kind.REDEEM)) is not None:
            return existing
        # Lots past their date are not spendable, even if tonight's expiry job has not run.
        lots.expire_lots(account, today=today)
        available = holds.spendable(account, now=timezone.now(), except_key=hold_key)
        if available < points:
            raise InsufficientPoints(balance=max(available, 0), needed=points)
        if hold_key:
            holds.release(key=hold_key)
        return lots.write(
            account,
            kind=Kind.REDEEM,
            points=-points,
            source_key=source_key,
            reason=reason,
            moves=lots.take_oldest_first(account, points, today=today),
        )


def adjust(
    *,
    member: MemberProfile,
    points: int,
    reason: str,
    actor,
    source_key: str | None = None,
    today: datetime.date | None = None,
) -> LedgerEntry:
    """A staff correction: added points form a lot expiring like earned ones; removed points
    come from the soonest-expiring lots and never take the balance below zero."""
    if not (reason or "").strip():
        raise AdjustmentRefused(_("An adjustment needs a reason."))
    if actor is None or not getattr(actor, "is_staff", False):
        raise AdjustmentRefused(_("An adjustment needs the staff member who makes it."))
    if points == 0:
        raise AdjustmentRefused(_("An adjustment moves at least one point."))
    today = today or timezone.localdate()
    source_key = source_key or f"adjust:{uuid.uuid4()}"
    fields = {"kind": Kind.ADJUST, "source_key": source_key, "reason": reason, "created_by": actor}
    with transaction.atomic():
        account = locked_account(member=member, today=today)
        if (existing := _replayed(source_key, account, Kind.ADJUST)) is not None:
            return existing
        if points > 0:
            return lots.write(
                account, points=points, expires_on=expiry_for(today), remaining=points, **fields
            )
        lots.expire_lots(account, today=today)
        if account.balance < -points:
            raise InsufficientPoints(balance=account.balance, needed=-points)
        moves = lots.take_oldest_first(account, -points, today=today)
        return lots.write(account, points=points, moves=moves, **fields)
