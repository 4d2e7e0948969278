"""Finance and membership reports, aggregated in the database.

Each report is a fixed number of queries, however many members and ledger entries there are:
sums and counts are GROUP BY queries (per tier, per month and kind), never Python loops
over rows. Points are valued at 100 points = ¥1, the rate at which they pay at checkout;
outstanding points are deferred revenue, so finance reads them as a liability.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from membership.rules import value_of

from ..models import LedgerEntry, MemberProfile, Tier

ROLL_FORWARD_MONTHS = 12

Kind = LedgerEntry.Kind
# What a point is worth when it pays at checkout: the one rate for finance too.
yuan = value_of


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "points"  # points, count, yuan, percent, text, month


@dataclass(frozen=True)
class Cell:
    value: object
    kind: str


@dataclass
class Report:
    """A table: a header, rows of values in column order, and an optional total row."""

    title: str
    filename: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    note: str = ""

    def _cells(self, values) -> list[Cell]:
        pairs = zip(values, self.columns, strict=True)
        return [Cell(value, column.kind) for value, column in pairs]

    @property
    def body(self) -> list[list[Cell]]:
        return [self._cells(row) for row in self.rows]

    @property
    def footer(self) -> list[Cell] | None:
        return self._cells(self.total) if self.total is not None else None


def liability() -> Report:
    """Outstanding points per tier and their value in yuan: one query."""
    tiers = Tier.objects.annotate(
        members=Count("accounts"), points=Coalesce(Sum("accounts__balance"), 0)
    ).order_by("rank")
    report = Report(
        title=str(_("Points liability")),
        filename="points-liability",
        columns=[
            Column(str(_("Tier")), "text"),
            Column(str(_("Members with an account")), "count"),
            Column(str(_("Outstanding points")), "points"),
            Column(str(_("Value (¥)")), "yuan"),
        ],
        note=str(_("100 points = ¥1. Balances as of now, including points due to expire tonight.")),
    )
    for tier in tiers:
        report.rows.append([tier.display_name, tier.members, tier.points, yuan(tier.points)])
    members = sum(row[1] for row in report.rows)
    outstanding = sum(row[2] for row in report.rows)
    report.total = [str(_("Total")), members, outstanding, yuan(outstanding)]
    return report


def tier_members() -> Report:
    """Members per tier, with how many hold points: two queries.

    A member whose account is not opened yet (no points so far) counts in the entry tier.
    """
    tiers = list(
        Tier.objects.annotate(
            members=Count("accounts"),
            with_points=Count("accounts", filter=Q(accounts__balance__gt=0)),
        ).order_by("rank")
    )
    unopened = MemberProfile.objects.filter(points_account__isnull=True).count()
    counts = [tier.members + (unopened if i == 0 else 0) for i, tier in enumerate(tiers)]
    everyone = sum(counts)
    report = Report(
        title=str(_("Members per tier")),
        filename="members-per-tier",
        columns=[
            Column(str(_("Tier")), "text"),
            Column(str(_("Qualifying points (12 months)")), "points"),
            Column(str(_("Members")), "count"),
            Column(str(_("Members holding points")), "count"),
            Column(str(_("Share of members (%)")), "percent"),
        ],
    )
    for tier, count in zip(tiers, counts, strict=True):
        share = (Decimal(100 * count) / everyone).quantize(Decimal("0.1")) if everyone else 0
        report.rows.append([tier.display_name, tier.threshold, count, tier.with_points, share])
    holding = sum(tier.with_points for tier in tiers)
    report.total = [str(_("Total")), "", everyone, holding, Decimal("100.0") if everyone else 0]
    return report


def _month_start(month: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(month, datetime.time.min))


def roll_forward(*, today: datetime.date, months: int = ROLL_FORWARD_MONTHS) -> Report:
    """Opening, movements by kind and closing, month by month up to today: two queries.

    Months are calendar months in the site's time zone; the current month runs to date.
    Each month's closing is its opening plus its movements, and the next month's opening;
    the last closing equals the sum of all balances (`check_points_balances` checks that).
    """
    first = today.replace(day=1) - relativedelta(months=months - 1)
    since = _month_start(first)
    opening = LedgerEntry.objects.filter(created_at__lt=since).aggregate(n=Sum("points"))["n"]
    moves = (
        LedgerEntry.objects.filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "kind")
        .annotate(points=Sum("points"))
        .order_by()
    )
    by_month: dict[datetime.date, dict[str, int]] = defaultdict(dict)
    for move in moves:
        month = move["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        by_month[month][move["kind"]] = move["points"]

    kinds = [Kind.EARN, Kind.REDEEM, Kind.EXPIRE, Kind.REVERSE, Kind.ADJUST]
    report = Report(
        title=str(_("Points roll-forward")),
        filename="points-roll-forward",
        columns=[
            Column(str(_("Month")), "month"),
            Column(str(_("Opening")), "points"),
            Column(str(_("Earned")), "points"),
            Column(str(_("Redeemed")), "points"),
            Column(str(_("Expired")), "points"),
            Column(str(_("Reversed")), "points"),
            Column(str(_("Adjusted")), "points"),
            Column(str(_("Closing")), "points"),
            Column(str(_("Closing value (¥)")), "yuan"),
        ],
        note=str(
            _(
                "Points by the month their entry was written; taken points are negative. "
                "Reversed nets refunds: earned points taken back and spent points given back. "
                "The current month runs to today."
            )
        ),
    )
    balance = opening or 0
    totals = dict.fromkeys(kinds, 0)
    for n in range(months):
        month = first + relativedelta(months=n)
        moved = [by_month[month].get(kind, 0) for kind in kinds]
        closing = balance + sum(moved)
        report.rows.append([month, balance, *moved, closing, yuan(closing)])
        for kind, points in zip(kinds, moved, strict=True):
            totals[kind] += points
        balance = closing
    report.total = [
        str(_("Total")),
        opening or 0,
        *totals.values(),
        balance,
        yuan(balance),
    ]
    return report
