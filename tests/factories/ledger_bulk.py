"""A long points history written straight into the ledger tables, for size tests and benches.

The services write one entry per transaction with the account locked, which is right for a
member and far too slow for 100,000 rows; `bulk_history` writes rows the services could
have written (earned lots, redemptions taking whole lots oldest first, balances after each
entry) with bulk_create, and leaves the account's balance equal to what the lots hold and the
running totals equal to what the entries add up to (filled by `points.refill_totals`, as
the data migration fills them). No LotMovement rows: the pages read none.
"""

import datetime

from django.utils import timezone

from membership.models import LedgerEntry, MemberProfile, PointsAccount
from membership.points import refill_totals
from membership.rules import expiry_for

EARN = 10  # points per earn
REDEEM_EVERY = 5  # every fifth entry spends the points of two earns
BATCH = 5_000


def bulk_history(
    member: MemberProfile,
    count: int,
    *,
    days: int = 360,
    end: datetime.datetime | None = None,
) -> None:
    """Append `count` entries to `member`'s history, spread evenly over the `days` before `end`.

    Entries follow whatever the member has already (their balance carries on), oldest first.
    """
    end = end or timezone.now()
    start = end - datetime.timedelta(days=days)
    step = (end - start) / max(count, 1)
    account = PointsAccount.objects.get(member=member)
    balance = account.balance
    key = f"bulk:{member.pk}:{LedgerEntry.objects.filter(member=member).count()}"
    rows, lots = [], []
    for i in range(count):
        at = start + step * i
        if i % REDEEM_EVERY == REDEEM_EVERY - 1 and len(lots) >= 2:
            balance -= 2 * EARN
            rows.append(_row(member, "redeem", -2 * EARN, balance, f"{key}:{i}", at))
            # Spend the oldest two open lots, as the services would.
            for lot in lots[:2]:
                lot.remaining = 0
            lots = lots[2:]
        else:
            balance += EARN
            lot = _row(member, "earn", EARN, balance, f"{key}:{i}", at)
            lot.expires_on = expiry_for(timezone.localtime(at).date())
            lot.remaining = EARN
            rows.append(lot)
            lots.append(lot)
    for first in range(0, len(rows), BATCH):
        LedgerEntry.objects.bulk_create(rows[first : first + BATCH])
    PointsAccount.objects.filter(pk=account.pk).update(balance=balance)
    refill_totals(member_ids=[member.pk])


def _row(member, kind, points, balance_after, source_key, at) -> LedgerEntry:
    return LedgerEntry(
        member=member,
        kind=kind,
        points=points,
        balance_after=balance_after,
        source_key=source_key,
        reason="Points for an order paid" if kind == "earn" else "Redeemed for a gift",
        created_at=at,
    )
