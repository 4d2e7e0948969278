"""Undoing an earn or a redemption, for refunds and cancellations.

Reversing an earn takes back exactly what it credited, no more: first what is left of its
own lot, then, if the member has spent those points, from their other lots oldest first,
but never below a zero balance. What cannot be taken back is recorded on the reversal as
its `shortfall` (and still counts against the tier). Points of the lot that expired unused
are not taken again.

Reversing a redemption gives its points back to the lots it took them from, with those
lots' own expiry dates. Points whose lot has expired meanwhile are given back and expired
at once, in a second entry: had they not been spent they would have expired, and a fresh
expiry date would let a buy-and-refund cycle keep points alive for ever.

`points` reverses part of the original (a partial refund); without it, all that is left.
"""

import datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import LedgerEntry, LotMovement, PointsAccount
from . import lots, reasons
from .accounts import CannotReverse, locked_account

Kind = LedgerEntry.Kind


def reverse(
    *,
    source_key_of_original: str,
    source_key: str,
    reason: str,
    points: int | None = None,
    today: datetime.date | None = None,
) -> LedgerEntry | None:
    """The reversal entry; None if `source_key` was already used or nothing is left to undo."""
    if points is not None and points <= 0:
        raise ValueError("A partial reversal is a positive number of points.")
    original = LedgerEntry.objects.filter(source_key=source_key_of_original).first()
    if original is None or original.kind not in (Kind.EARN, Kind.REDEEM):
        raise CannotReverse(_("Only points earned or redeemed can be reversed."))
    today = today or timezone.localdate()
    with transaction.atomic():
        account = locked_account(member=original.member, today=today)
        if LedgerEntry.objects.filter(source_key=source_key).exists():
            return None
        lots.expire_lots(account, today=today)
        undo = _take_back_earned if original.kind == Kind.EARN else _give_back_redeemed
        return undo(account, original, points, source_key=source_key, reason=reason, today=today)


def _take_back_earned(
    account: PointsAccount, original: LedgerEntry, points, *, source_key, reason, today
) -> LedgerEntry | None:
    lot = LedgerEntry.objects.get(pk=original.pk)
    done = lot.reversals.aggregate(taken=Sum("points"), short=Sum("shortfall"))
    expired = lot.lot_movements.filter(entry__kind=Kind.EXPIRE).aggregate(n=Sum("points"))["n"]
    left = lot.points + (done["taken"] or 0) - (done["short"] or 0) + (expired or 0)
    wanted = left if points is None else min(points, left)
    if wanted <= 0:
        return None
    taken = min(wanted, account.balance)
    moves = lots.take_oldest_first(account, taken, today=today, first=lot) if taken else []
    return lots.write(
        account,
        kind=Kind.REVERSE,
        points=-taken,
        source_key=source_key,
        reason=reason,
        moves=moves,
        reverses=original,
        shortfall=wanted - taken,
    )


def _give_back_redeemed(
    account: PointsAccount, original: LedgerEntry, points, *, source_key, reason, today
) -> LedgerEntry | None:
    spent = {m.lot_id: -m.points for m in original.movements.all()}
    returned = dict(
        LotMovement.objects.filter(entry__reverses=original)
        .values("lot")
        .annotate(n=Sum("points"))
        .values_list("lot", "n")
    )
    # The latest-expiring lots first, so a partial refund returns the longest-lived points.
    due_lots = LedgerEntry.objects.filter(pk__in=spent).order_by("-expires_on", "-pk")
    wanted = sum(spent.values()) - sum(returned.values())
    wanted = wanted if points is None else min(points, wanted)
    if wanted <= 0:
        return None
    moves, left = [], wanted
    for lot in due_lots:
        n = min(left, spent[lot.pk] - returned.get(lot.pk, 0))
        if n > 0:
            moves.append((lot, n))
            left -= n
    entry = lots.write(
        account,
        kind=Kind.REVERSE,
        points=wanted,
        source_key=source_key,
        reason=reason,
        moves=moves,
        reverses=original,
    )
    for lot, n in moves:
        if lot.expires_on < today:
            lots.write(
                account,
                kind=Kind.EXPIRE,
                points=-n,
                source_key=f"expire:{lot.pk}:{entry.pk}",
                reason=reasons.EXPIRED_ON_RETURN,
                moves=[(lot, -n)],
            )
    return entry


def undone(*, source_key: str) -> tuple[int, int]:
    """(the points of the entry with `source_key`, how many of them reversals have undone).

    For an earn, undone counts the points taken back and those that could not be (the
    shortfall); for a redemption, the points given back. (0, 0) when there is no entry.
    """
    original = LedgerEntry.objects.filter(source_key=source_key).first()
    if original is None:
        return 0, 0
    totals = original.reversals.aggregate(points=Sum("points"), short=Sum("shortfall"))
    moved = abs(totals["points"] or 0) + (totals["short"] or 0)
    return abs(original.points), moved
