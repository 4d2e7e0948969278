"""Writing entries and moving lots; callers hold the account lock (`accounts.locked_account`)."""

import datetime
from collections.abc import Sequence

from django.db.models import F

from ..models import LedgerEntry, LotMovement, PointsAccount
from . import reasons, totals
from .accounts import InsufficientPoints

Move = tuple[LedgerEntry, int]


def write(
    account: PointsAccount,
    *,
    kind: str,
    points: int,
    source_key: str,
    reason: str,
    moves: Sequence[Move] = (),
    **fields,
) -> LedgerEntry:
    """Append one entry, apply its moves to the lots, and keep the balance and the running
    totals (points.totals) beside it."""
    if fields.get("remaining") is None and sum(n for _lot, n in moves) != points:
        raise ValueError(f"{source_key}: moves of {moves} do not add up to {points} points")
    balance = account.balance + points
    entry = LedgerEntry.objects.create(
        member_id=account.member_id,
        kind=kind,
        points=points,
        balance_after=balance,
        source_key=source_key,
        reason=reason,
        **fields,
    )
    for lot, n in moves:
        # F() so that the database, not a possibly stale copy, decides what is left.
        LedgerEntry.objects.filter(pk=lot.pk).update(remaining=F("remaining") + n)
        lot.remaining += n
    LotMovement.objects.bulk_create(
        [LotMovement(entry=entry, lot=lot, points=n) for lot, n in moves]
    )
    totals.record(entry, moves)
    account.balance = balance
    account.save(update_fields=["balance", "updated_at"])
    return entry


def take_oldest_first(
    account: PointsAccount,
    points: int,
    *,
    today: datetime.date,
    first: LedgerEntry | None = None,
) -> list[Move]:
    """Moves taking `points` from live lots, soonest to expire first (`first` before all)."""
    lots = list(
        LedgerEntry.objects.filter(member_id=account.member_id, expires_on__gte=today).open_lots()
    )
    if first is not None:
        lots.sort(key=lambda lot: lot.pk != first.pk)
    moves, left = [], points
    for lot in lots:
        if left == 0:
            break
        n = min(left, lot.remaining)
        moves.append((lot, -n))
        left -= n
    if left:
        raise InsufficientPoints(balance=points - left, needed=points)
    return moves


def expire_lots(account: PointsAccount, *, today: datetime.date) -> list[LedgerEntry]:
    """Expire what is left of the member's lots whose date has passed; one entry per lot."""
    due = LedgerEntry.objects.filter(member_id=account.member_id, expires_on__lt=today).open_lots()
    entries = []
    for lot in due:
        left = lot.remaining
        entries.append(
            write(
                account,
                kind=LedgerEntry.Kind.EXPIRE,
                points=-left,
                source_key=f"expire:{lot.pk}",
                reason=reasons.EXPIRED,
                moves=[(lot, -left)],
            )
        )
    return entries
