"""The running totals beside the entries (models/totals.py): kept, read, and rebuilt.

`record` adds one entry to its member's day and expiry rows; `lots.write` calls it for every
entry, inside the transaction that writes the entry and under the account lock, so two
writers for one member never race for a row. `earned_from` is the tier rule read from the
day rows. `ledger_days` and `ledger_expiries` compute the same figures from the entries
themselves: `refill_totals` writes them (the data migration, histories bulk-written by tests and
benches, entries whose dates were moved) and `check_points_balances` compares them with
the rows kept.

The functions that read entries take a queryset or an app registry, so that a migration can
hand them its historical models.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from ..models import LedgerEntry, PointsDay, PointsExpiry

Kind = LedgerEntry.Kind
Move = tuple[LedgerEntry, int]
BATCH = 2_000


def day_of(moment: datetime.datetime) -> datetime.date:
    """The site's local day of `moment`: the day an entry is filed under."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


# Keeping them ------------------------------------------------------------------------------


def record(entry: LedgerEntry, moves: Sequence[Move] = ()) -> None:
    """Add `entry`, just written with `moves` applied to its lots, to the member's totals."""
    days: dict[datetime.date, Counter] = defaultdict(Counter)
    on = day_of(entry.created_at)
    if entry.kind == Kind.EARN:
        days[on]["earned"] += entry.points
    elif entry.kind == Kind.REDEEM:
        days[on]["redeemed"] -= entry.points
    elif entry.kind == Kind.EXPIRE:
        days[on]["expired"] -= entry.points
    elif entry.kind == Kind.ADJUST:
        days[on]["adjusted"] += entry.points
    elif entry.reverses.kind == Kind.EARN:
        days[on]["taken_back"] -= entry.points
        # The tier rule takes the whole refund, shortfall included, off the earning day.
        days[day_of(entry.reverses.created_at)]["earned_reversed"] += entry.shortfall - entry.points
    else:
        days[on]["given_back"] += entry.points
    for day, deltas in days.items():
        _add(PointsDay, entry.member_id, {"day": day}, deltas)

    expiring: Counter = Counter()
    if entry.remaining is not None:
        expiring[entry.expires_on] += entry.remaining
    for lot, n in moves:
        expiring[lot.expires_on] += n
    for expires_on, n in expiring.items():
        _add(PointsExpiry, entry.member_id, {"expires_on": expires_on}, {"points": n})


def _add(model, member_id: int, key: dict, deltas: dict[str, int]) -> None:
    deltas = {name: n for name, n in deltas.items() if n}
    if not deltas:
        return
    row = model.objects.filter(member_id=member_id, **key)
    # The caller holds the account lock: no one else can create this row meanwhile.
    if not row.update(**{name: F(name) + n for name, n in deltas.items()}):
        model.objects.create(member_id=member_id, **key, **deltas)


# Reading them ------------------------------------------------------------------------------


def earned_from(*, member_id: int, days: Sequence[datetime.date]) -> list[int]:
    """Points earned on or after each of `days`, less what refunds reversed of those
    earnings (shortfall included, the order was refunded): one query for all the windows,
    adding at most a row a day."""
    net = F("earned") - F("earned_reversed")
    sums = PointsDay.objects.filter(member_id=member_id, day__gte=min(days)).aggregate(
        **{f"w{i}": Sum(net, filter=Q(day__gte=day)) for i, day in enumerate(days)}
    )
    return [max(sums[f"w{i}"] or 0, 0) for i in range(len(days))]


# What the entries say ----------------------------------------------------------------------


def ledger_days(entries: QuerySet) -> dict[tuple[int, datetime.date], dict[str, int]]:
    """{(member id, day): totals} computed from `entries` (a LedgerEntry queryset), leaving
    out days on which nothing moved."""
    tz = timezone.get_default_timezone()
    earn, reverse = Kind.EARN.value, Kind.REVERSE.value

    def points_of(kind, sign=1, **also):
        return Sum(F("points") * sign, filter=Q(kind=kind, **also))

    rows = (
        entries.order_by()
        .annotate(on=TruncDate("created_at", tzinfo=tz))
        .values("member_id", "on")
        .annotate(
            earned=points_of(earn),
            taken_back=points_of(reverse, -1, reverses__kind=earn),
            redeemed=points_of(Kind.REDEEM.value, -1),
            given_back=points_of(reverse, reverses__kind=Kind.REDEEM.value),
            expired=points_of(Kind.EXPIRE.value, -1),
            adjusted=points_of(Kind.ADJUST.value),
        )
    )
    days: dict = defaultdict(lambda: dict.fromkeys(PointsDay.TOTALS, 0))
    for row in rows:
        key = (row.pop("member_id"), row.pop("on"))
        days[key].update({name: n or 0 for name, n in row.items()})
    reversed_by_earning_day = (
        entries.order_by()
        .filter(kind=reverse, reverses__kind=earn)
        .annotate(on=TruncDate("reverses__created_at", tzinfo=tz))
        .values("member_id", "on")
        .annotate(n=Sum(F("shortfall") - F("points")))
    )
    for row in reversed_by_earning_day:
        days[(row["member_id"], row["on"])]["earned_reversed"] = row["n"] or 0
    return {key: totals for key, totals in days.items() if any(totals.values())}


def ledger_expiries(entries: QuerySet) -> dict[tuple[int, datetime.date], int]:
    """{(member id, expiry date): points left in lots of that date}, from `entries`."""
    rows = (
        entries.order_by()
        .filter(remaining__gt=0)
        .values("member_id", "expires_on")
        .annotate(n=Sum("remaining"))
        .values_list("member_id", "expires_on", "n")
    )
    return {(member_id, on): n for member_id, on, n in rows}


def refill_totals(*, member_ids: Iterable[int] | None = None, apps=installed_apps) -> None:
    """Rewrite the totals of `member_ids` (everyone when None) from their entries.

    For the data migration (pass its `apps`), and for histories written around the ledger
    service: bulk-created entries, entries whose dates were moved. It does not lock: no one
    may write those members' points meanwhile.
    """
    Entry = apps.get_model("membership", "LedgerEntry")
    Day = apps.get_model("membership", "PointsDay")
    Expiry = apps.get_model("membership", "PointsExpiry")
    scope = {} if member_ids is None else {"member_id__in": list(member_ids)}
    days = ledger_days(Entry.objects.filter(**scope))
    expiries = ledger_expiries(Entry.objects.filter(**scope))
    with transaction.atomic():
        Day.objects.filter(**scope).delete()
        Expiry.objects.filter(**scope).delete()
        Day.objects.bulk_create(
            (Day(member_id=member, day=day, **totals) for (member, day), totals in days.items()),
            batch_size=BATCH,
        )
        Expiry.objects.bulk_create(
            (
                Expiry(member_id=member_id, expires_on=on, points=n)
                for (member_id, on), n in expiries.items()
            ),
            batch_size=BATCH,
        )
