"""The running totals beside the points ledger: kept by every write, equal to the entries.

The ledger service adds each entry to its member's day and expiry rows as it writes the
entry (membership.points.totals.record); the member centre and the tier rules read those
rows instead of adding up the entries. Here a random mix of earns, payments, spends,
holds, expiries, refunds of both kinds and staff adjustments, spread over two years, must
leave the rows equal to what the entries add up to, and the tier rule read from the rows
equal to the same rule read from the entries.
"""

import datetime
import importlib
import random
import uuid
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import F, Q, Sum
from django.utils import timezone
from oscar.test.factories import UserFactory

from membership import points
from membership.models import LedgerEntry, PointsAccount, PointsDay, PointsExpiry
from membership.points import reasons
from membership.points.totals import ledger_days, ledger_expiries
from membership.rules import qualifying_window_start
from tests.factories.membership import ensure_tiers, give, make_member
from tests.factories.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
Kind = LedgerEntry.Kind
fill_totals = importlib.import_module("membership.migrations.0008_points_totals").fill_totals


def kept_days(member) -> dict:
    rows = PointsDay.objects.filter(member=member).values("day", *PointsDay.TOTALS)
    kept = {}
    for row in rows:
        day = row.pop("day")
        if any(row.values()):
            kept[(member.pk, day)] = row
    return kept


def kept_expiries(member) -> dict:
    rows = PointsExpiry.objects.filter(member=member).exclude(points=0)
    return {(member.pk, row.expires_on): row.points for row in rows}


def earned_by_the_entries(member, today: datetime.date) -> int:
    """The tier rule as it read the entries before the totals existed: earns made since the
    window opened, less the refunds of those earns, shortfall included."""
    since = timezone.make_aware(
        datetime.datetime.combine(qualifying_window_start(today), datetime.time.min)
    )
    total = LedgerEntry.objects.filter(
        Q(kind=Kind.EARN, created_at__gte=since)
        | Q(kind=Kind.REVERSE, reverses__kind=Kind.EARN, reverses__created_at__gte=since),
        member=member,
    ).aggregate(total=Sum(F("points") - F("shortfall")))["total"]
    return max(total or 0, 0)


def assert_totals_agree_with_the_entries(member, today: datetime.date) -> None:
    entries = LedgerEntry.objects.filter(member=member)
    assert kept_days(member) == ledger_days(entries)
    assert kept_expiries(member) == ledger_expiries(entries)
    days = PointsDay.objects.filter(member=member).aggregate(
        net=Sum(
            F("earned")
            - F("taken_back")
            - F("redeemed")
            + F("given_back")
            - F("expired")
            + F("adjusted")
        )
    )
    assert (days["net"] or 0) == PointsAccount.objects.get(member=member).balance
    for day in (today, today + 100 * DAY, today + 300 * DAY):
        assert points.points_earned(member_id=member.pk, today=day) == earned_by_the_entries(
            member, day
        )


# A random life of a member ----------------------------------------------------------------

# What a member does, and how often: earning and spending most, refunds and expiry less.
ACTIONS = {
    "earn": 5,
    "pay": 3,
    "redeem": 5,
    "hold": 1,
    "expire": 2,
    "refund_earn": 2,
    "refund_redeem": 3,
    "adjust": 2,
}
GAPS = [0, 0, 1, 9, 45, 120, 400]  # days between two steps: two years in about 30 steps
SEEDS, STEPS = range(10), 30


class Life:
    """Runs one step at a time through membership.points, on the step's own day."""

    def __init__(self, member, staff):
        self.member, self.staff = member, staff

    def key(self, what: str) -> str:
        return f"{what}:{uuid.uuid4()}"

    def balance(self) -> int:
        return PointsAccount.objects.get(member=self.member).balance

    def step(self, action: str, amount: int, *, flag: bool, today: datetime.date) -> None:
        getattr(self, action)(amount, flag, today)

    def earn(self, amount, flag, today):
        points.award(member=self.member, points=amount, source_key=self.key("e"), reason="t")

    def pay(self, amount, flag, today):
        points.earn_for_payment(
            member=self.member, amount_paid=Decimal(amount), source_key=self.key("order")
        )

    def redeem(self, amount, flag, today):
        spend = min(amount, self.balance())
        if spend:
            try:
                points.redeem(
                    member=self.member, points=spend, source_key=self.key("r"), reason="t"
                )
            except points.InsufficientPoints:
                pass  # some of the balance had expired: refused, nothing written

    def hold(self, amount, flag, today):
        key = self.key("basket")
        try:
            points.hold(member=self.member, points=1, key=key)  # expires lots on the way
        except points.InsufficientPoints:
            return
        points.release(key=key)

    def expire(self, amount, flag, today):
        points.expire_due(today=today)

    def refund_earn(self, amount, flag, today):
        self.refund(Kind.EARN, amount, flag)

    def refund_redeem(self, amount, flag, today):
        self.refund(Kind.REDEEM, amount, flag)

    def refund(self, kind, amount, flag):
        originals = list(
            LedgerEntry.objects.filter(member=self.member, kind=kind)
            .order_by("pk")
            .values_list("source_key", "points")
        )
        if not originals:
            return
        source_key, original_points = originals[amount % len(originals)]
        part = min(amount, abs(original_points)) if flag else None
        points.reverse(
            source_key_of_original=source_key,
            source_key=self.key("refund"),
            reason="t",
            points=part,
        )

    def adjust(self, amount, flag, today):
        change = amount
        if flag:
            points.expire_due(today=today)  # staff can take only what has not expired
            change = -min(amount, self.balance())
        if change:
            points.adjust(member=self.member, points=change, reason="t", actor=self.staff)


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


class TestTheRunningTotals:
    def test_equal_the_entries_after_random_mixes_of_movements(self, staff):
        """Ten members each live 30 random steps (fixed seeds: the same steps every run)."""
        seen = set()
        for seed in SEEDS:
            rng = random.Random(seed)
            member = make_member()
            life = Life(member, staff)
            moment, steps = timezone.now(), []
            for _ in range(STEPS):
                moment += rng.choice(GAPS) * DAY
                step = (rng.choices(list(ACTIONS), list(ACTIONS.values()))[0], rng.randint(1, 900))
                steps.append(step)
                with time_machine.travel(moment, tick=False):
                    life.step(*step, flag=rng.random() < 0.5, today=timezone.localdate())
            with time_machine.travel(moment, tick=False):
                try:
                    assert_totals_agree_with_the_entries(member, timezone.localdate())
                except AssertionError as failed:
                    raise AssertionError(f"seed {seed}, steps {steps}") from failed
            seen |= set(
                LedgerEntry.objects.filter(member=member).values_list("kind", "reverses__kind")
            )
            seen |= set(LedgerEntry.objects.filter(member=member).values_list("reason", "kind"))
        # The mixes went down every path a write can take.
        assert {
            (Kind.EARN, None),
            (Kind.REDEEM, None),
            (Kind.EXPIRE, None),
            (Kind.ADJUST, None),
            (Kind.REVERSE, Kind.EARN),
            (Kind.REVERSE, Kind.REDEEM),
            (reasons.EXPIRED_ON_RETURN, Kind.EXPIRE),
        } <= seen

    def test_file_a_refund_of_earned_points_under_the_day_they_were_earned(self, today):
        member = make_member()
        earning_day = timezone.now() - 40 * DAY
        with time_machine.travel(earning_day, tick=False):
            give(member, 500, "order:1:earn")
        points.redeem(member=member, points=450, source_key="r:1", reason="gift")
        points.reverse(
            source_key_of_original="order:1:earn", source_key="order:1:refund", reason="r"
        )
        earned_on = timezone.localtime(earning_day).date()
        days = {key[1]: totals for key, totals in kept_days(member).items()}
        assert days[earned_on]["earned"] == 500
        assert days[earned_on]["earned_reversed"] == 500  # 50 taken back, 450 short
        assert days[today]["taken_back"] == 50
        assert days[today]["redeemed"] == 450
        assert points.points_earned(member_id=member.pk, today=today) == 0

    def test_keep_what_is_left_by_expiry_date(self, today):
        member = make_member()
        soon, later = today + 20 * DAY, today + 400 * DAY
        give(member, 100, "a", expires_on=soon)
        give(member, 300, "b", expires_on=later)
        points.redeem(member=member, points=130, source_key="r:1", reason="gift")
        assert kept_expiries(member) == {(member.pk, later): 270}
        points.reverse(source_key_of_original="r:1", source_key="r:1:back", reason="refund")
        assert kept_expiries(member) == {(member.pk, soon): 100, (member.pk, later): 300}


class TestTheDataMigration:
    def test_fills_the_totals_the_ledger_would_have_kept(self, staff, today):
        member = make_member()
        give(member, 700, "e:1")
        give(member, 300, "e:2", expires_on=today + 30 * DAY)
        points.redeem(member=member, points=200, source_key="r:1", reason="gift")
        points.reverse(source_key_of_original="e:1", source_key="e:1:refund", reason="r")
        points.adjust(member=member, points=-50, reason="typo", actor=staff)
        kept = kept_days(member), kept_expiries(member)
        PointsDay.objects.all().delete()
        PointsExpiry.objects.all().delete()
        fill_totals(apps, None)
        assert (kept_days(member), kept_expiries(member)) == kept
        assert kept[0] and kept[1]


class TestTheBalanceCheck:
    def check(self) -> str:
        out = StringIO()
        call_command("check_points_balances", stdout=out)
        return out.getvalue()

    def test_passes_when_the_totals_agree(self, today):
        member = make_member()
        give(member, 100, "e:1")
        points.redeem(member=member, points=40, source_key="r:1", reason="gift")
        assert "agree with the ledger" in self.check()

    def test_reports_a_tampered_day_total(self, today):
        member = make_member()
        give(member, 100, "e:1")
        PointsDay.objects.filter(member=member, day=today).update(earned=F("earned") + 5)
        out = StringIO()
        with pytest.raises(CommandError):
            call_command("check_points_balances", stdout=out)
        assert (
            f"member {member.pk}, points of {today}: earned 105 kept, 100 in the ledger"
            in out.getvalue()
        )

    def test_reports_a_tampered_expiry_total_and_a_missing_day(self, today):
        member = make_member()
        lot = give(member, 100, "e:1")
        PointsExpiry.objects.filter(member=member).update(points=60)
        PointsDay.objects.filter(member=member).delete()
        out = StringIO()
        with pytest.raises(CommandError):
            call_command("check_points_balances", stdout=out)
        report = out.getvalue()
        assert (
            f"member {member.pk}, points expiring on {lot.expires_on}: 60 kept, "
            "100 left in the lots" in report
        )
        assert f"member {member.pk}, points of {today}: earned 0 kept, 100 in the ledger" in report


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_to_one_member_keep_the_totals_right():
    ensure_tiers()
    member = make_member()

    def award(n):
        return lambda: points.award(
            member=member, points=n, source_key=f"e:{uuid.uuid4()}", reason="race"
        )

    outcomes = run_together(*(award(n) for n in (100, 250, 40, 7)))
    assert all(entry is not None for entry in outcomes)
    today = timezone.localdate()
    assert kept_days(member)[(member.pk, today)]["earned"] == 397
    assert sum(kept_expiries(member).values()) == 397
    assert_totals_agree_with_the_entries(member, today)
