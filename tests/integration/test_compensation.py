"""The compensation catalogue: caps per role and per case, delivery of each kind, the staff
screen that grants on a request, and the spend report with its CSV files."""

import csv
import datetime
import io
import uuid
import zoneinfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from aftersales import compensation
from aftersales.models import CompensationCap, CompensationGrant, StaffLevel
from aftersales.models.compensation import DEFAULT_CAPS
from membership.models import LedgerEntry
from tests.factories.aftersales import make_contract, make_unit
from tests.factories.service import make_request
from tests.factories.service_desk import default_caps, make_grant
from tests.factories.staff import (
    make_dispatcher,
    make_manager,
    make_shop_staff,
    make_supervisor,
    make_team_lead,
)

pytestmark = pytest.mark.django_db
Voucher = get_model("voucher", "Voucher")
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def caps():
    default_caps()


@pytest.fixture
def customer(django_user_model):
    return django_user_model.objects.create_user(
        username="owed", email="owed@example.cn", password="pw-owed-1234"
    )


@pytest.fixture
def case(customer):
    return make_request(customer=customer, unit=make_unit(customer))


def grant(case, user, amount, kind="points", key=None):
    return compensation.grant(
        service_request=case,
        kind=kind,
        amount=amount,
        reason="goodwill",
        granted_by=user,
        key=key or f"staff:{uuid.uuid4()}",
        now=timezone.now(),
    )


class TestCaps:
    @pytest.fixture(autouse=True)
    def english(self):
        with translation.override("en"):  # the refusals are compared in English
            yield

    def test_the_migration_wrote_the_default_caps(self):
        written = {
            (cap.level, cap.kind): (cap.per_grant, cap.per_case)
            for cap in CompensationCap.objects.all()
        }
        expected = {
            (int(level), str(kind)): limits
            for level, caps in DEFAULT_CAPS.items()
            for kind, limits in caps.items()
        }
        assert written == expected

    def test_an_agent_above_the_cap_is_refused_and_a_supervisor_may(self, case):
        refused = "above what you may grant at once as agent"
        with pytest.raises(compensation.GrantRefused, match=refused):
            grant(case, make_dispatcher(), 500)
        made, created = grant(case, make_supervisor(), 500)
        assert created and (made.role, made.amount) == ("supervisor", 500)

    def test_the_case_limit_counts_every_grant_on_the_case(self, case):
        grant(case, make_dispatcher(), 200)
        with pytest.raises(compensation.GrantRefused, match="already had 200 points"):
            grant(case, make_dispatcher(), 200)  # another agent: 400 > 300 on one case
        grant(case, make_team_lead(), 500)  # a team lead's case limit is 1,000
        assert sum(case.compensations.values_list("amount", flat=True)) == 700

    def test_a_kind_with_no_allowance_is_refused(self, case):
        with pytest.raises(compensation.GrantRefused, match="As agent you may not grant gift"):
            grant(case, make_dispatcher(), 10, kind="gift")

    def test_staff_without_the_permission_may_not_grant(self, case):
        with pytest.raises(compensation.GrantRefused):
            grant(case, make_shop_staff(), 10)

    def test_a_superuser_grants_as_a_manager(self, case, django_user_model):
        boss = django_user_model.objects.create_superuser("boss", "boss@example.cn", "pw-boss-1")
        made, _created = grant(case, boss, 5000)
        assert made.role == "manager"

    def test_staff_edit_the_caps(self, case):
        CompensationCap.objects.filter(level=StaffLevel.AGENT, kind="points").update(
            per_grant=600, per_case=600
        )
        made, _created = grant(case, make_dispatcher(), 600)
        assert made.amount == 600


class TestDelivery:
    def test_points_go_to_the_ledger_once_under_the_grant_key(self, case, customer):
        agent = make_dispatcher()
        first, created = grant(case, agent, 100, key="staff:one-form")
        again, created_again = grant(case, agent, 100, key="staff:one-form")
        assert (created, created_again) == (True, False)
        assert first.pk == again.pk
        entry = LedgerEntry.objects.get(source_key="grant:staff:one-form")
        assert (entry.points, entry.member.user) == (100, customer)

    def test_months_of_cover_extend_the_base_warranty(self, case, today):
        unit = case.unit
        before = unit.base_warranty_end
        made, _created = grant(case, make_team_lead(), 3, kind="cover_months")
        unit.refresh_from_db()
        assert unit.base_warranty_end > before
        assert made.cover_until == unit.base_warranty_end

    def test_months_of_cover_extend_the_contract_in_force(self, customer, today):
        unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=500))
        contract = make_contract(unit)
        case = make_request(customer=customer, unit=unit)
        made, _created = grant(case, make_team_lead(), 2, kind="cover_months")
        contract.refresh_from_db()
        assert contract.ends_on == made.cover_until
        assert contract.ends_on > unit.base_warranty_end

    def test_a_coupon_and_cleaning_visits_are_oscar_vouchers(self, case):
        coupon, _created = grant(case, make_dispatcher(), 50, kind="coupon")
        voucher = Voucher.objects.get(code=coupon.voucher_codes)
        assert voucher.offers.get().benefit.value == 50
        cleaning, _created = grant(case, make_supervisor(), 2, kind="cleaning_voucher")
        assert Voucher.objects.filter(code__in=cleaning.voucher_codes.split()).count() == 2

    def test_a_guest_without_a_unit_is_owed_months_of_cover(self):
        case = make_request(contact_phone="13700000000")
        made, _created = grant(case, make_team_lead(), 1, kind="cover_months")
        assert made.status == CompensationGrant.Status.PENDING


def url(name, **kwargs):
    return reverse(f"dashboard:{name}", kwargs=kwargs or None)


def form_data(**fields):
    data = {"kind": "points", "amount": "100", "reason": "goodwill", "note": "late"}
    data["key"] = str(uuid.uuid4())
    data.update(fields)
    return data


class TestTheGrantScreen:
    @pytest.fixture(autouse=True)
    def english(self, client):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def test_an_agent_over_the_cap_is_told_why_with_403(self, client, case):
        client.force_login(make_dispatcher())
        address = url("aftersales-grant", number=case.number)
        response = client.post(address, form_data(amount="500"))
        assert response.status_code == 403
        assert "above what you may grant at once as agent (200 points)" in response.content.decode()
        assert not CompensationGrant.objects.exists()

    def test_a_supervisor_grants_it_and_the_form_sent_twice_grants_once(self, client, case):
        client.force_login(make_supervisor())
        address = url("aftersales-grant", number=case.number)
        data = form_data(amount="500")
        response = client.post(address, data)
        assert response.status_code == 302
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            f"Granted 500 points on {case.number}."
        ]
        client.post(address, data)
        assert CompensationGrant.objects.get().amount == 500
        page = client.get(address)
        assert page.status_code == 200
        assert "500" in page.content.decode()

    def test_a_bad_form_is_400(self, client, case):
        client.force_login(make_dispatcher())
        response = client.post(url("aftersales-grant", number=case.number), form_data(amount="١٠"))
        assert response.status_code == 400

    def test_shop_staff_cannot_open_it_and_an_unknown_request_is_404(self, client, case):
        client.force_login(make_shop_staff())
        assert client.get(url("aftersales-grant", number=case.number)).status_code in (302, 403)
        client.force_login(make_dispatcher())
        assert client.get(url("aftersales-grant", number="SR-NOPE")).status_code == 404


class TestTheSpendReport:
    @pytest.fixture
    def manager(self, client):
        user = make_manager()
        client.force_login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return user

    def test_every_grant_is_in_the_report_and_both_csv_files(self, client, manager, case):
        made = [
            grant(case, make_dispatcher(), 100)[0],
            grant(case, make_supervisor(), 1, kind="cleaning_voucher")[0],
            make_grant(
                case,
                amount=200,
                reason="missed_answer",
                role="system",
                created_at=datetime.datetime(2026, 1, 31, 23, 30, tzinfo=SHANGHAI),
            ),
        ]
        page = client.get(url("aftersales-compensation-report"))
        assert page.status_code == 200
        assert {grant.pk for grant in page.context["grants"]} == {grant.pk for grant in made}
        summary = {
            (row["month"], row["reason"], row["kind"]): (row["grants"], row["total"])
            for row in page.context["summary"]
        }
        # Late on 31 January in Shanghai is January, though it is still the 31st in UTC too.
        assert summary[("2026-01", "missed_answer", "points")] == (1, 200)

        by_month = client.get(url("aftersales-compensation-report") + "?export=summary")
        rows = list(csv.reader(io.StringIO(by_month.content.decode("utf-8-sig"))))
        assert rows[0] == ["Month", "Reason", "Kind", "Grants", "Total amount"]
        assert ["2026-01", "Answer promise missed", "Points", "1", "200"] in rows
        assert sum(int(row[3]) for row in rows[1:]) == 3

        every = client.get(url("aftersales-compensation-report") + "?export=grants")
        lines = b"".join(every.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(lines)))
        assert len(rows) == 1 + 3
        assert {row[1] for row in rows[1:]} == {case.number}

    def test_filters_narrow_the_report(self, client, manager, case):
        make_grant(case, reason="goodwill")
        make_grant(case, reason="conduct")
        page = client.get(url("aftersales-compensation-report") + "?reason=conduct")
        assert [g.reason for g in page.context["grants"]] == ["conduct"]
        bad = client.get(url("aftersales-compensation-report") + "?date_from=yesterday")
        assert list(bad.context["grants"]) == []

    @pytest.mark.parametrize("size", [3, 60])
    def test_costs_the_same_queries_for_few_or_many_grants(
        self, client, manager, case, size, django_assert_max_num_queries
    ):
        for _n in range(size):
            make_grant(case)
        with django_assert_max_num_queries(8):
            response = client.get(url("aftersales-compensation-report"))
        assert len(response.context["grants"]) == min(size, 25)
