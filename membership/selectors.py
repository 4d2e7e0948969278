"""Reads for the member centre, scoped to one signed-in user.

Each costs a fixed number of queries, and about the same time, however long the member's
history is: the balance is kept on the account, the 12-month earnings and the next expiry
come from the running totals the ledger keeps beside the entries (membership.points.totals),
and the history is read a page at a time through the (member, -created_at) index.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Subquery
from django.utils import timezone

from .keyset import Cursor, KeysetPage, keyset_page
from .models import LedgerEntry, MemberProfile, PointsAccount, PointsExpiry, Tier
from .points.totals import earned_from
from .rules import one_year_after, qualifying_window_start
from .rules import value_of as points_value
from .standing import Standing, standing

RECENT_ENTRIES = 5


@dataclass(frozen=True)
class Expiry:
    on: datetime.date
    points: int


@dataclass(frozen=True)
class MemberCentre:
    balance: int
    value: Decimal  # the balance in yuan
    ladder: list[Tier]
    standing: Standing[Tier]
    next_expiry: Expiry | None
    recent: list[LedgerEntry]
    has_account: bool

    @property
    def tier(self) -> Tier:
        return self.standing.tier


def account_of(user) -> PointsAccount | None:
    return PointsAccount.objects.filter(member__user=user).first()


def earned_since(*, member_id: int, days: Sequence[datetime.date]) -> list[int]:
    """Points earned from each of `days` on, less what refunds took back of those earnings:
    `points.points_earned`'s rule for several windows at once, in one query over the
    member's day totals (at most a row a day, however many entries the days hold)."""
    return earned_from(member_id=member_id, days=days)


def next_expiry(*, member_id: int, today: datetime.date) -> Expiry | None:
    """The next date on which some of the member's points expire, and how many: one query,
    one row of the member's expiry totals.

    Lots dated before today are left out: they can no longer be spent, and tonight's expiry
    job takes them.
    """
    row = (
        PointsExpiry.objects.filter(member_id=member_id, expires_on__gte=today, points__gt=0)
        .order_by("expires_on")
        .values_list("expires_on", "points")
        .first()
    )
    return Expiry(on=row[0], points=row[1]) if row else None


def member_centre(user, *, today: datetime.date | None = None) -> MemberCentre:
    """Balance, tier standing, next expiry and latest entries of `user`'s own account.

    A customer whose account was never opened sees the entry tier and nothing earned;
    reading the page opens nothing.
    """
    today = today or timezone.localdate()
    ladder = list(Tier.objects.order_by("rank"))
    account = account_of(user)
    if account is None:
        return MemberCentre(
            balance=0,
            value=points_value(0),
            ladder=ladder,
            standing=standing(
                tier=ladder[0],
                ladder=ladder,
                earned=0,
                earned_for_review=0,
                review_on=one_year_after(today),
            ),
            next_expiry=None,
            recent=[],
            has_account=False,
        )
    tier = next(rung for rung in ladder if rung.pk == account.tier_id)
    member_id = account.member_id
    # Points earned since the start of the window the review will look at count towards it.
    earned, earned_for_review = earned_since(
        member_id=member_id,
        days=[qualifying_window_start(today), qualifying_window_start(account.next_review_on)],
    )
    return MemberCentre(
        balance=account.balance,
        value=points_value(account.balance),
        ladder=ladder,
        standing=standing(
            tier=tier,
            ladder=ladder,
            earned=earned,
            earned_for_review=earned_for_review,
            review_on=account.next_review_on,
        ),
        next_expiry=next_expiry(member_id=member_id, today=today),
        recent=list(
            LedgerEntry.objects.filter(member_id=member_id).order_by("-created_at", "-pk")[
                :RECENT_ENTRIES
            ]
        ),
        has_account=True,
    )


def history_of(user) -> QuerySet[LedgerEntry]:
    """`user`'s own ledger entries, newest first.

    The member is picked by a subquery rather than a join, so that PostgreSQL reads the
    (member, -created_at) index from the top instead of hashing the member's whole history.
    """
    member = MemberProfile.objects.filter(user=user).values("pk")[:1]
    return LedgerEntry.objects.filter(member_id=Subquery(member)).order_by("-created_at", "-pk")


def history_page(
    user,
    *,
    kind: str = "",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    before: Cursor | None = None,
    after: Cursor | None = None,
    per_page: int = 20,
) -> KeysetPage:
    """One page of `user`'s entries, optionally of one kind and between two local dates."""
    rows = history_of(user)
    if kind:
        rows = rows.filter(kind=kind)
    if start:
        rows = rows.filter(created_at__gte=_local_midnight(start))
    if end:
        rows = rows.filter(created_at__lt=_local_midnight(end + datetime.timedelta(days=1)))
    return keyset_page(rows, per_page=per_page, before=before, after=after)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
