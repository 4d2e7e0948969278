"""Staff points reports in Oscar's dashboard: liability, roll-forward, tiers, member lookup.

Each figure is checked as what a scripted history adds to what was there before, and
totals against the accounts' balances, so the checks hold whoever else has points.
"""

import csv
import datetime
import io
import uuid
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.messages import get_messages
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from membership import points
from membership.dashboard import reports
from membership.models import LedgerEntry, PointsAccount, Tier
from membership.rules import expiry_for
from tests.factories.membership import backdate, give, make_member
from tests.factories.staff import make_shop_staff, make_superuser

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"dashboard:{name}", kwargs=kwargs or None)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def move_to(entry, month):
    """Date an entry in the middle of `month`, as if written then."""
    moment = timezone.make_aware(datetime.datetime(month.year, month.month, 15, 12))
    LedgerEntry.objects.filter(pk=entry.pk).update(created_at=moment)
    points.refill_totals(member_ids=[entry.member_id])


def all_balances() -> int:
    return PointsAccount.objects.aggregate(n=Sum("balance"))["n"] or 0


def rows_by_month(report):
    return {row[0]: row for row in report.rows}


@pytest.fixture
def staff(client):
    user = make_shop_staff()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # messages are compared in English
    return user


@pytest.fixture
def admin_user():
    return make_superuser()


@pytest.fixture
def a_year_of_points(admin_user, today, this_month):
    """Members with every kind of movement spread over the last year and before it."""
    months = [this_month - relativedelta(months=n) for n in (11, 8, 5, 2)]
    saver, spender = make_member(), make_member()
    backdate(give(saver, 700), days=400)  # before the report's first month: its opening
    move_to(give(saver, 3_000), months[0])
    move_to(
        points.redeem(member=saver, points=1_200, source_key="y:spend", reason="gift"), months[1]
    )
    move_to(
        points.adjust(member=saver, points=-80, reason="duplicate", actor=admin_user), months[2]
    )
    move_to(
        points.reverse(source_key_of_original="y:spend", source_key="y:back", reason="refund"),
        months[3],
    )
    earned = points.earn_for_payment(
        member=spender, amount_paid=Decimal("900.00"), source_key="y:order"
    )
    move_to(earned, months[1])
    points.reverse(
        source_key_of_original="y:order", source_key="y:refund", reason="refund", points=400
    )
    give(spender, 150, expires_on=today - datetime.timedelta(days=1))
    points.expire_due(today=today)


@pytest.fixture
def this_month(today):
    return today.replace(day=1)


class TestThePointsLiability:
    def test_totals_every_balance_and_values_100_points_at_one_yuan(self):
        before = reports.liability()
        member = make_member()
        give(member, 12_345)

        report = reports.liability()

        total = report.total
        assert total[2] == before.total[2] + 12_345 == all_balances()
        assert total[3] == reports.yuan(total[2])
        assert reports.yuan(12_345) == Decimal("123.45")
        tier = PointsAccount.objects.get(member=member).tier  # raised by the points at once
        (row,) = [row for row in report.rows if row[0] == tier.display_name]
        (was,) = [row for row in before.rows if row[0] == tier.display_name]
        assert (row[1] - was[1], row[2] - was[2]) == (1, 12_345)

    def test_is_one_query_whatever_the_number_of_members(self, django_assert_num_queries):
        with django_assert_num_queries(1):
            reports.liability()


class TestTheRollForward:
    def test_adds_up_a_scripted_history_month_by_month(self, admin_user, today, this_month):
        last_month = this_month - relativedelta(months=1)
        two_months_ago = this_month - relativedelta(months=2)
        before = rows_by_month(reports.roll_forward(today=today))
        member = make_member()
        move_to(give(member, 1_000), two_months_ago)
        spent = points.redeem(member=member, points=300, source_key="t:spend", reason="test")
        move_to(spent, last_month)
        goodwill = points.adjust(member=member, points=50, reason="goodwill", actor=admin_user)
        move_to(goodwill, last_month)
        points.reverse(
            source_key_of_original="t:spend", source_key="t:back", reason="refund", points=100
        )
        give(member, 200, expires_on=today - datetime.timedelta(days=1))
        points.redeem(member=member, points=10, source_key="t:small", reason="test")

        report = reports.roll_forward(today=today)

        after = rows_by_month(report)
        columns = ["opening", "earned", "redeemed", "expired", "reversed", "adjusted", "closing"]

        def added(month):
            now, was = after[month][1:8], before[month][1:8]
            return {name: a - b for name, a, b in zip(columns, now, was, strict=True)}

        nothing = dict.fromkeys(columns, 0)
        assert added(two_months_ago) == {**nothing, "earned": 1_000, "closing": 1_000}
        assert added(last_month) == {
            **nothing,
            "opening": 1_000,
            "redeemed": -300,
            "adjusted": 50,
            "closing": 750,
        }
        assert added(this_month) == {
            "opening": 750,
            "earned": 200,
            "redeemed": -10,
            "expired": -200,
            "reversed": 100,
            "adjusted": 0,
            "closing": 840,
        }
        assert PointsAccount.objects.get(member=member).balance == 840

    def test_each_closing_is_the_next_opening_and_the_last_is_every_balance(
        self, a_year_of_points, today, this_month
    ):
        report = reports.roll_forward(today=today)

        assert report.rows[0][1] > 0 and all(  # a history with every kind of movement
            any(row[column] for row in report.rows) for column in range(2, 7)
        )
        assert [row[0] for row in report.rows] == [
            this_month - relativedelta(months=n) for n in range(11, -1, -1)
        ]
        for row, following in zip(report.rows, report.rows[1:], strict=False):
            assert row[1] + sum(row[2:7]) == row[7] == following[1]
        assert report.rows[-1][7] == all_balances()
        assert report.rows[-1][8] == reports.yuan(all_balances())


@pytest.mark.usefixtures("a_year_of_points")
class TestTheCsvExport:
    @pytest.mark.parametrize(
        "name",
        ["membership-points-liability", "membership-points-rollforward", "membership-tier-members"],
    )
    def test_opens_in_excel_with_a_bom_and_chinese_tier_names(self, client, staff, name):
        response = client.get(url(name), {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len({len(row) for row in rows}) == 1
        if name != "membership-points-rollforward":
            diamond = Tier.objects.get(code="diamond")
            assert diamond.name in {row[0] for row in rows}
            assert diamond.name != diamond.name_en

    def test_the_roll_forward_csv_has_a_row_per_month_and_the_total(
        self, client, staff, this_month
    ):
        response = client.get(url("membership-points-rollforward"), {"format": "csv"})
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][:3] == ["Month", "Opening", "Earned"]
        assert rows[-2][0] == this_month.strftime("%Y-%m")
        assert rows[-1][0] == "Total" and int(rows[-1][7]) == all_balances()


class TestTheReportsQueryCount:
    def bulk_entries(self, count):
        member = make_member()
        now = timezone.now()
        LedgerEntry.objects.bulk_create(
            LedgerEntry(
                member=member,
                kind=LedgerEntry.Kind.EARN,
                points=1,
                balance_after=i + 1,
                source_key=f"bulk:{uuid.uuid4()}",
                reason="bulk",
                created_at=now - datetime.timedelta(days=i % 400),
                expires_on=expiry_for(timezone.localtime(now).date()),
                remaining=1,
            )
            for i in range(count)
        )
        PointsAccount.objects.filter(member=member).update(balance=count)

    def queries_for(self, client, name):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name)).status_code == 200
        return len(queries)

    @pytest.mark.parametrize(
        "name",
        ["membership-points-liability", "membership-points-rollforward", "membership-tier-members"],
    )
    def test_is_the_same_with_10_and_1000_entries(self, client, staff, name):
        self.bulk_entries(10)
        few = self.queries_for(client, name)
        self.bulk_entries(990)
        assert self.queries_for(client, name) == few


class TestTheMemberLookup:
    @pytest.fixture
    def member(self):
        member = make_member()
        member.phone = "13912345678"
        member.save()
        return member

    def test_finds_a_member_by_the_whole_number(self, client, staff, member):
        response = client.get(url("membership-member-lookup"), {"phone": "13912345678"})
        assert response["Location"] == url("membership-member-detail", pk=member.pk)

    @pytest.mark.parametrize("phone", ["1391234567", "139123456789", "3912345678", "1391234567x"])
    def test_refuses_anything_but_11_digits(self, client, staff, member, phone):
        response = client.get(url("membership-member-lookup"), {"phone": phone})
        assert response.status_code == 200
        assert response.context["form"].errors

    def test_matches_no_other_number(self, client, staff, member):
        response = client.get(url("membership-member-lookup"), {"phone": "13912345679"})
        assert response.status_code == 200
        assert "No member has the mobile number 13912345679" in response.content.decode()

    def test_shows_profile_balance_tier_and_the_last_20_entries(self, client, staff, member):
        for _ in range(25):
            give(member, 10)
        html = client.get(url("membership-member-detail", pk=member.pk)).content.decode()
        assert 'data-balance="250"' in html and "13912345678" in html
        assert member.points_account.tier.display_name in html
        assert html.count("<td>test</td>") == 20


class TestAdjustingPoints:
    @pytest.fixture
    def member(self):
        member = make_member()
        give(member, 500)
        return member

    def adjust(self, client, member, **data):
        data = {"points": 100, "reason": "Compensation for a late visit", **data}
        data.setdefault("key", str(uuid.uuid4()))
        return client.post(url("membership-points-adjust", pk=member.pk), data)

    def test_needs_a_reason(self, client, staff, member):
        response = self.adjust(client, member, reason="  ")
        assert response.status_code == 200
        assert response.context["adjust_form"].errors["reason"]
        assert not LedgerEntry.objects.filter(member=member, kind="adjust").exists()

    def test_records_who_made_it_and_why(self, client, staff, member):
        response = self.adjust(client, member, points=-200)
        assert response["Location"] == url("membership-member-detail", pk=member.pk)
        entry = LedgerEntry.objects.get(member=member, kind="adjust")
        assert (entry.points, entry.created_by, entry.reason) == (
            -200,
            staff,
            "Compensation for a late visit",
        )
        assert "-200 points recorded; the balance is now 300." in messages_of(response)

    def test_a_double_submit_writes_one_entry(self, client, staff, member):
        key = str(uuid.uuid4())
        self.adjust(client, member, key=key)
        self.adjust(client, member, key=key)
        assert LedgerEntry.objects.filter(member=member, kind="adjust").count() == 1

    def test_cannot_take_more_than_the_balance(self, client, staff, member):
        response = self.adjust(client, member, points=-501)
        assert response.status_code == 200
        assert "You have 500 points; this needs 501." in response.content.decode()
        assert PointsAccount.objects.get(member=member).balance == 500


class TestWhoMayOpenThePages:
    @pytest.fixture
    def urls(self):
        member = make_member()
        return [
            url("membership-points-liability"),
            url("membership-points-rollforward"),
            url("membership-tier-members"),
            url("membership-member-lookup"),
            url("membership-member-detail", pk=member.pk),
        ]

    def test_shop_staff_open_every_page(self, client, staff, urls):
        for address in urls:
            assert client.get(address).status_code == 200, address

    def test_the_superuser_opens_every_page(self, client, admin_user, urls):
        client.force_login(admin_user)
        for address in urls:
            assert client.get(address).status_code == 200, address

    def test_a_customer_is_refused(self, client, urls):
        customer = make_member()
        client.force_login(customer.user)
        for address in urls:
            assert client.get(address).status_code == 403, address
        response = client.post(
            url("membership-points-adjust", pk=customer.pk),
            {"points": 1000, "reason": "mine", "key": str(uuid.uuid4())},
        )
        assert response.status_code == 403
        assert not LedgerEntry.objects.filter(member=customer).exists()

    def test_a_visitor_is_sent_to_the_dashboard_login(self, client, urls):
        for address in urls:
            response = client.get(address)
            assert response.status_code == 302
            assert response["Location"].startswith(url("login"))

    def test_the_menu_lists_the_reports_for_shop_staff(self, client, staff):
        html = client.get(url("index")).content.decode()
        for name in (
            "membership-member-lookup",
            "membership-points-liability",
            "membership-points-rollforward",
            "membership-tier-members",
        ):
            assert f'href="{url(name)}"' in html
