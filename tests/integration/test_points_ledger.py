import datetime
import uuid
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Min, Sum
from django.utils import translation
from oscar.test.factories import UserFactory

from membership import points, tasks
from membership.models import LedgerEntry, PointsAccount, Tier, TierChange
from membership.rules import one_year_after
from tests.factories.membership import backdate, balance, ensure_tiers, give, make_member
from tests.factories.races import needs_postgres, run_together

DAY = datetime.timedelta(days=1)
Kind = LedgerEntry.Kind


def lot(source_key) -> LedgerEntry:
    return LedgerEntry.objects.get(source_key=source_key)


def _tier(code) -> Tier:
    return Tier.objects.get(code=code)


def check_balances() -> str:
    out = StringIO()
    call_command("check_points_balances", stdout=out)
    return out.getvalue()


@pytest.fixture
def member(db):
    return make_member()


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


class TestTheSameEarnDeliveredTwice:
    def test_writes_one_entry_and_credits_once(self, member):
        first = points.earn_for_payment(
            member=member, amount_paid=Decimal("500.00"), source_key="order:100023:earn"
        )
        again = points.earn_for_payment(
            member=member, amount_paid=Decimal("500.00"), source_key="order:100023:earn"
        )
        assert first.points == 500 and again is None
        assert LedgerEntry.objects.filter(source_key="order:100023:earn").count() == 1
        assert balance(member) == 500

    def test_a_key_already_used_for_someone_else_credits_nobody(self, member):
        other = make_member()
        give(other, 50, "review:7")
        assert give(member, 50, "review:7") is None
        assert balance(member) == 0 and balance(other) == 50


class TestEarningForAPayment:
    def test_earns_whole_yuan_times_the_tier_multiplier_until_the_end_of_next_year(
        self, member, today
    ):
        PointsAccount.objects.filter(member=member).update(tier=_tier("silver"))
        entry = points.earn_for_payment(
            member=member, amount_paid=Decimal("99.90"), source_key="order:1:earn", today=today
        )
        assert entry.points == 118 and entry.remaining == 118
        assert entry.expires_on == datetime.date(today.year + 1, 12, 31)

    def test_nothing_for_an_order_paid_entirely_in_points(self, member):
        assert (
            points.earn_for_payment(member=member, amount_paid=Decimal("0"), source_key="o:2")
            is None
        )
        assert not LedgerEntry.objects.filter(member=member).exists()


class TestTiers:
    def test_the_qualifying_purchase_upgrades_at_once(self, member, today):
        points.earn_for_payment(member=member, amount_paid=Decimal("1500"), source_key="o:1")
        assert points.open_account(member=member, today=today).tier.code == "member"
        points.earn_for_payment(member=member, amount_paid=Decimal("600"), source_key="o:2")
        account = PointsAccount.objects.get(member=member)
        assert account.tier.code == "silver" and account.tier_since == today
        assert account.next_review_on == one_year_after(today)
        change = TierChange.objects.get(member=member)
        assert (change.from_tier.code, change.to_tier.code) == ("member", "silver")
        assert change.points_earned == 2100

    def test_points_taken_back_by_a_refund_do_not_count(self, member, today):
        points.earn_for_payment(member=member, amount_paid=Decimal("1500"), source_key="o:1")
        points.reverse(source_key_of_original="o:1", source_key="o:1:refund", reason="refund")
        points.earn_for_payment(member=member, amount_paid=Decimal("600"), source_key="o:2")
        assert points.points_earned(member_id=member.pk, today=today) == 600
        assert PointsAccount.objects.get(member=member).tier.code == "member"

    def test_a_member_who_stops_earning_keeps_the_tier_until_the_review(
        self, member, mailoutbox, django_capture_on_commit_callbacks, today
    ):
        backdate(give(member, 9000, "o:old"), days=400)
        PointsAccount.objects.filter(member=member).update(
            tier=_tier("gold"), next_review_on=today + 10 * DAY
        )
        give(member, 2500, "o:recent")  # earning never moves a member down
        assert PointsAccount.objects.get(member=member).tier.code == "gold"

        assert points.review_tiers(today=today) == []
        with django_capture_on_commit_callbacks(execute=True):
            changes = tasks.review_tiers_on(today + 10 * DAY)
        account = PointsAccount.objects.get(member=member)
        assert [c.reason for c in changes] == [TierChange.Reason.REVIEW]
        assert account.tier.code == "silver" and account.balance == 11500
        assert account.next_review_on == one_year_after(today + 10 * DAY)
        assert [m.subject for m in mailoutbox] == ["Your membership tier is now Silver"]
        assert "from Gold to Silver" in mailoutbox[0].body

        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.review_tiers_on(today + 10 * DAY) == []
        assert len(mailoutbox) == 1

    def test_the_downgrade_notice_is_in_the_members_language(
        self, db, mailoutbox, django_capture_on_commit_callbacks, today
    ):
        member = make_member(language="zh-hans")
        PointsAccount.objects.filter(member=member).update(
            tier=_tier("silver"), next_review_on=today
        )
        with django_capture_on_commit_callbacks(execute=True):
            tasks.review_tiers_on(today)
        assert "普通会员" in mailoutbox[0].subject


class TestRedeeming:
    def test_spends_the_soonest_to_expire_lots_first_splitting_the_last(self, member, today):
        give(member, 300, "later", expires_on=today + 400 * DAY)
        give(member, 100, "sooner", expires_on=today + 30 * DAY)
        entry = points.redeem(member=member, points=250, source_key="redeem:a", reason="gift")
        assert entry.points == -250 and entry.balance_after == 150
        assert (lot("sooner").remaining, lot("later").remaining) == (0, 150)
        assert sorted((m.lot.source_key, m.points) for m in entry.movements.all()) == [
            ("later", -150),
            ("sooner", -100),
        ]

    def test_refuses_more_than_the_balance_and_writes_nothing(self, member):
        give(member, 100, "e:1")
        with translation.override("en"), pytest.raises(points.InsufficientPoints) as refused:
            points.redeem(member=member, points=101, source_key="redeem:b", reason="gift")
        assert str(refused.value) == "You have 100 points; this needs 101."
        assert balance(member) == 100
        assert not LedgerEntry.objects.filter(member=member, kind=Kind.REDEEM)

    def test_a_replayed_redemption_returns_the_first_and_takes_nothing_more(self, member):
        give(member, 500, "e:1")
        first = points.redeem(member=member, points=200, source_key="redeem:c", reason="gift")
        again = points.redeem(member=member, points=200, source_key="redeem:c", reason="gift")
        assert again.pk == first.pk and balance(member) == 300

    def test_points_past_their_date_cannot_be_spent_before_the_expiry_job_runs(self, member, today):
        give(member, 100, "e:old", expires_on=today - DAY)
        with pytest.raises(points.InsufficientPoints):
            points.redeem(member=member, points=50, source_key="redeem:d", reason="gift")


class TestExpiry:
    def test_takes_what_is_left_of_each_lot_past_its_date_and_nothing_else(self, member, today):
        give(member, 100, "oldest", expires_on=today + 5 * DAY)
        give(member, 200, "older", expires_on=today + 10 * DAY)
        give(member, 300, "newest", expires_on=today + 400 * DAY)
        points.redeem(member=member, points=150, source_key="redeem:e", reason="gift")

        assert points.expire_due(today=today + 11 * DAY) == 1
        expired = LedgerEntry.objects.get(member=member, kind=Kind.EXPIRE)
        assert (expired.points, expired.source_key) == (-150, f"expire:{lot('older').pk}")
        assert [lot(k).remaining for k in ("oldest", "older", "newest")] == [0, 0, 300]
        assert balance(member) == 300

    def test_running_twice_expires_nothing_more(self, member, today):
        give(member, 100, "e:1", expires_on=today - DAY)
        assert points.expire_due(today=today) == 1
        assert points.expire_due(today=today) == 0
        assert LedgerEntry.objects.filter(member=member, kind=Kind.EXPIRE).count() == 1
        assert balance(member) == 0
        assert "agree" in check_balances()


class TestARefundOfAnOrderPaidPartlyInPoints:
    def test_reverses_the_points_earned_and_returns_the_points_spent(self, member):
        give(member, 1000, "unit:1:register")
        points.redeem(member=member, points=400, source_key="order:7:redeem", reason="order 7")
        points.earn_for_payment(member=member, amount_paid=Decimal("600"), source_key="order:7")
        assert balance(member) == 1200

        taken = points.reverse(
            source_key_of_original="order:7", source_key="order:7:refund:earn", reason="refund"
        )
        given = points.reverse(
            source_key_of_original="order:7:redeem",
            source_key="order:7:refund:redeem",
            reason="refund",
        )
        assert (taken.points, taken.shortfall, given.points) == (-600, 0, 400)
        assert balance(member) == 1000
        assert (lot("unit:1:register").remaining, lot("order:7").remaining) == (1000, 0)
        assert "agree" in check_balances()

    def test_a_replayed_refund_changes_nothing(self, member):
        points.earn_for_payment(member=member, amount_paid=Decimal("600"), source_key="order:8")
        kwargs = {"source_key_of_original": "order:8", "source_key": "order:8:refund"}
        assert points.reverse(reason="refund", **kwargs) is not None
        assert points.reverse(reason="refund", **kwargs) is None
        assert balance(member) == 0

    def test_earned_points_already_spent_are_taken_from_other_lots_down_to_zero(self, member):
        points.earn_for_payment(member=member, amount_paid=Decimal("500"), source_key="order:9")
        points.redeem(member=member, points=500, source_key="redeem:f", reason="gift")
        give(member, 100, "review:3")
        entry = points.reverse(
            source_key_of_original="order:9", source_key="order:9:refund", reason="refund"
        )
        assert (entry.points, entry.shortfall) == (-100, 400)
        assert balance(member) == 0 and lot("review:3").remaining == 0
        assert "agree" in check_balances()

    def test_a_partial_refund_reverses_part_and_the_rest_later(self, member):
        points.earn_for_payment(member=member, amount_paid=Decimal("1000"), source_key="order:10")
        key = "order:10"
        points.reverse(source_key_of_original=key, source_key=f"{key}:r1", reason="r", points=300)
        assert balance(member) == 700
        rest = points.reverse(source_key_of_original=key, source_key=f"{key}:r2", reason="r")
        assert rest.points == -700 and balance(member) == 0
        assert (
            points.reverse(source_key_of_original=key, source_key=f"{key}:r3", reason="r") is None
        )

    def test_returned_points_whose_lot_has_expired_meanwhile_expire_again(self, member, today):
        give(member, 300, "old", expires_on=today + 5 * DAY)
        give(member, 300, "new", expires_on=today + 400 * DAY)
        points.redeem(member=member, points=400, source_key="order:11:redeem", reason="gift")
        later = today + 6 * DAY
        entry = points.reverse(
            source_key_of_original="order:11:redeem",
            source_key="order:11:refund",
            reason="refund",
            today=later,
        )
        assert entry.points == 400
        assert (lot("old").remaining, lot("new").remaining) == (0, 300)
        expired = LedgerEntry.objects.get(member=member, kind=Kind.EXPIRE)
        assert (expired.points, expired.source_key) == (-300, f"expire:{lot('old').pk}:{entry.pk}")
        assert balance(member) == 300
        assert points.expire_due(today=later) == 0
        assert "agree" in check_balances()

    def test_only_earns_and_redemptions_can_be_reversed(self, member, staff):
        points.adjust(member=member, points=10, reason="goodwill", actor=staff, source_key="adj:1")
        with pytest.raises(points.CannotReverse):
            points.reverse(source_key_of_original="adj:1", source_key="adj:1:r", reason="r")


class TestStaffAdjustments:
    @pytest.mark.parametrize("reason", ["", "   "])
    def test_need_a_reason(self, member, staff, reason):
        with pytest.raises(points.AdjustmentRefused):
            points.adjust(member=member, points=50, reason=reason, actor=staff)

    def test_need_a_staff_member(self, member):
        for actor in (None, UserFactory()):
            with pytest.raises(points.AdjustmentRefused):
                points.adjust(member=member, points=50, reason="goodwill", actor=actor)
        assert not LedgerEntry.objects.filter(member=member).exists()

    def test_record_who_made_them_and_give_a_lot_that_expires(self, member, staff):
        entry = points.adjust(member=member, points=50, reason="late visit", actor=staff)
        assert entry.created_by == staff and entry.remaining == 50 and entry.expires_on
        taken = points.adjust(member=member, points=-20, reason="duplicate", actor=staff)
        assert (
            taken.points == -20 and balance(member) == 30 and lot(entry.source_key).remaining == 30
        )

    def test_cannot_take_the_balance_below_zero(self, member, staff):
        give(member, 10, "e:1")
        with pytest.raises(points.InsufficientPoints):
            points.adjust(member=member, points=-11, reason="typo", actor=staff)


class TestTheBalanceCheck:
    def test_reports_a_balance_that_differs_from_the_ledger(self, member):
        give(member, 100, "e:1")
        PointsAccount.objects.filter(member=member).update(balance=150)
        out = StringIO()
        with pytest.raises(CommandError):
            call_command("check_points_balances", stdout=out)
        assert f"member {member.pk}: balance 150, ledger 100, lots 100" in out.getvalue()

    def test_reports_a_lot_whose_remaining_does_not_match_its_movements(self, member):
        give(member, 100, "e:1")
        points.redeem(member=member, points=40, source_key="redeem:g", reason="gift")
        LedgerEntry.objects.filter(source_key="e:1").update(remaining=70)
        PointsAccount.objects.filter(member=member).update(balance=70)
        out = StringIO()
        with pytest.raises(CommandError):
            call_command("check_points_balances", stdout=out)
        assert f"lot {lot('e:1').pk}" in out.getvalue()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_redemptions_of_100_from_1000_points_let_exactly_ten_through():
    ensure_tiers()
    member = make_member()
    give(member, 1000, "e:concurrency")

    def spend():
        points.redeem(member=member, points=100, source_key=f"redeem:{uuid.uuid4()}", reason="gift")
        return "spent"

    outcomes = run_together(*[spend] * 20, expected=(points.InsufficientPoints,))
    spent = outcomes.count("spent")
    refused = sum(isinstance(outcome, points.InsufficientPoints) for outcome in outcomes)
    assert (spent, refused) == (10, 10)
    assert balance(member) == 0
    entries = LedgerEntry.objects.filter(member=member)
    assert entries.aggregate(total=Sum("points"), low=Min("balance_after")) == {
        "total": 0,
        "low": 0,
    }
