"""The service promise kept by the beat job: remind at 75 %, climb the ladder, compensate once.

The clock is frozen at each run (time_machine), and the job is the Celery task itself, run
eagerly as in the tests' settings, so its notices go to the locmem outbox.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from aftersales.compensation import breach_key
from aftersales.models import (
    CompensationGrant,
    CompensationKind,
    ServiceAlert,
    ServiceKind,
    ServicePromise,
    ServiceRequest,
)
from aftersales.services import sla
from aftersales.services.requests import transition
from aftersales.tasks import keep_service_promises
from membership.models import LedgerEntry
from tests.factories.aftersales import make_area, make_unit
from tests.factories.service import advance, make_request
from tests.factories.staff import make_dispatcher, make_manager, make_supervisor, make_team_lead

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
Step = ServiceAlert.Step


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def run_job_at(django_capture_on_commit_callbacks):
    """Run the beat task `times` times at `moment`, its notices sent after each commit."""

    def run(moment, times=1):
        with time_machine.travel(moment, tick=False):
            for _ in range(times):
                with django_capture_on_commit_callbacks(execute=True):
                    keep_service_promises()

    return run


@pytest.fixture
def customer(django_user_model):
    return django_user_model.objects.create_user(
        username="late", email="late@example.cn", password="pw-late-1234"
    )


@pytest.fixture
def ladder_staff():
    return {
        0: make_dispatcher(email="desk@example.cn"),
        1: make_team_lead(email="lead@example.cn"),
        2: make_supervisor(email="supervisor@example.cn"),
        3: make_manager(email="manager@example.cn"),
    }


@pytest.fixture
def promise():
    return ServicePromise.objects.create(
        kind=ServiceKind.ONSITE_REPAIR,
        response_hours=2,
        arrival_hours=24,
        compensation=CompensationKind.POINTS,
        compensation_amount=200,
    )


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


class TestARequestOpenedOnTheEveningBeforeNationalDay:
    """Opened at 18:30 on Wednesday 30 September 2026, the last working day before the
    holiday (1–7 October): 1.5 business hours that evening, the last half hour from 8:00 on
    Thursday 8 October."""

    @pytest.fixture
    def late_request(self, customer, promise, ladder_staff):
        with time_machine.travel(at(2026, 9, 30, 18, 30), tick=False):
            unit = make_unit(customer)
            return make_request(
                customer=customer, unit=unit, area=make_area(), now=at(2026, 9, 30, 18, 30)
            )

    def test_is_due_at_half_past_eight_after_the_holiday(self, late_request):
        assert late_request.response_due == at(2026, 10, 8, 8, 30)

    def test_left_unanswered_climbs_once_per_level_and_is_compensated_once(
        self, late_request, customer, ladder_staff, run_job_at
    ):
        runs = [
            at(2026, 9, 30, 19, 0),  # 0.5 of 2 business hours gone: nothing yet
            at(2026, 10, 3, 10, 0),  # during the holiday, 1.5 of 2 (75 %): the desk is told
            at(2026, 10, 8, 8, 30),  # the deadline: team lead, and the promise is broken
            at(2026, 10, 8, 10, 30),  # one more answer time: supervisor
            at(2026, 10, 8, 12, 30),  # and another: manager, the top
        ]
        for moment in runs:
            run_job_at(moment, times=2)  # every run twice: nothing happens twice
        run_job_at(at(2026, 10, 9, 15, 0), times=3)  # and long after: nothing more

        late_request.refresh_from_db()
        assert late_request.warned_at == at(2026, 10, 3, 10, 0)
        assert late_request.escalation_level == 3
        assert late_request.breached_at == at(2026, 10, 8, 8, 30)
        alerts = list(
            ServiceAlert.objects.filter(request=late_request)
            .order_by("pk")
            .values_list("step", "level", "created_at")
        )
        assert alerts == [
            (Step.WARN, 0, at(2026, 10, 3, 10, 0)),
            (Step.ESCALATE, 1, at(2026, 10, 8, 8, 30)),
            (Step.MISSED_ANSWER, 0, at(2026, 10, 8, 8, 30)),
            (Step.ESCALATE, 2, at(2026, 10, 8, 10, 30)),
            (Step.ESCALATE, 3, at(2026, 10, 8, 12, 30)),
        ]
        timeline = list(late_request.events.values_list("action", flat=True))
        assert timeline == ["open", "warn", "escalate", "compensate", "escalate", "escalate"]

        (grant,) = CompensationGrant.objects.filter(service_request=late_request)
        assert (grant.kind, grant.amount, grant.role, grant.rule) == (
            "points",
            200,
            "system",
            "response",
        )
        entries = LedgerEntry.objects.filter(
            source_key=f"grant:{breach_key(late_request, 'response')}"
        )
        assert entries.count() == 1
        assert entries.get().points == 200
        assert entries.get().member.user == customer

        # Each level heard once; the customer once, about the broken promise.
        assert len(mails_to("desk@example.cn")) == 2  # the reminder, the broken promise
        assert len(mails_to("lead@example.cn")) == 1
        assert len(mails_to("supervisor@example.cn")) == 1
        assert len(mails_to("manager@example.cn")) == 1
        (to_customer,) = mails_to(customer.email)
        assert "200" in to_customer.body
        assert not ServiceAlert.objects.filter(sent_at__isnull=True).exists()

    def test_a_job_that_was_down_tells_every_level_it_skipped_once(self, late_request, run_job_at):
        run_job_at(at(2026, 10, 9, 9, 0))
        run_job_at(at(2026, 10, 9, 9, 5))
        levels = ServiceAlert.objects.filter(request=late_request, step=Step.ESCALATE)
        assert sorted(levels.values_list("level", flat=True)) == [1, 2, 3]
        assert CompensationGrant.objects.filter(service_request=late_request).count() == 1

    def test_an_answer_in_time_stops_everything(self, late_request, run_job_at):
        run_job_at(at(2026, 10, 3, 10, 0))
        with time_machine.travel(at(2026, 10, 8, 8, 10), tick=False):
            transition(
                late_request,
                action="answer",
                role="agent",
                now=at(2026, 10, 8, 8, 10),
                answered_at=at(2026, 10, 8, 8, 10),
            )
        run_job_at(at(2026, 10, 8, 12, 30))
        late_request.refresh_from_db()
        assert late_request.escalation_level == 0
        assert late_request.breached_at is None
        assert not CompensationGrant.objects.exists()


class TestTheArrivalPromise:
    def test_a_visit_not_reached_in_time_is_compensated_once(self, customer, promise, run_job_at):
        opened = at(2026, 12, 2, 10, 0)
        with time_machine.travel(opened, tick=False):
            request = make_request(customer=customer, area=make_area(arrival_hours=24), now=opened)
        transition(request, action="answer", role="agent", now=opened, answered_at=opened)
        advance(request, ServiceRequest.Status.ASSIGNED)
        assert request.arrival_due == at(2026, 12, 4, 10, 0)
        run_job_at(at(2026, 12, 4, 9, 55))
        assert not CompensationGrant.objects.exists()
        run_job_at(at(2026, 12, 4, 10, 5), times=3)
        (grant,) = CompensationGrant.objects.all()
        assert (grant.rule, grant.reason, grant.amount) == ("arrival", "missed_arrival", 200)
        assert LedgerEntry.objects.filter(source_key=grant.ledger_source_key).count() == 1
        assert request.events.filter(action="compensate", customer_visible=True).count() == 1

    def test_an_engineer_who_arrived_in_time_costs_nothing(self, customer, promise, run_job_at):
        opened = at(2026, 12, 2, 10, 0)
        request = make_request(customer=customer, now=opened)
        advance(request, ServiceRequest.Status.ARRIVED, answered_at=opened)
        run_job_at(at(2026, 12, 8, 10, 0))
        assert not CompensationGrant.objects.exists()


class TestOnceRestsOnTheDatabase:
    def test_a_second_grant_for_the_same_broken_promise_is_refused(self, customer, promise):
        request = make_request(customer=customer, now=at(2026, 12, 2, 10, 0))
        sla.run(now=at(2026, 12, 2, 12, 30))
        grant = CompensationGrant.objects.get()
        with pytest.raises(IntegrityError), transaction.atomic():
            CompensationGrant.objects.create(
                key="another-key",
                service_request=request,
                rule="response",
                kind=grant.kind,
                amount=1,
                reason=grant.reason,
                role="system",
                created_at=grant.created_at,
                status=grant.status,
            )

    def test_a_guest_without_an_account_is_owed_the_points(self, promise):
        request = make_request(contact_phone="13912345678", now=at(2026, 12, 2, 10, 0))
        sla.run(now=at(2026, 12, 2, 12, 30))
        grant = CompensationGrant.objects.get(service_request=request)
        assert grant.status == CompensationGrant.Status.PENDING
        assert not LedgerEntry.objects.exists()


class TestWhatThePromisePublishes:
    def test_a_coupon_promise_gives_a_code_on_the_timeline(self, customer):
        ServicePromise.objects.create(
            kind=ServiceKind.CONSULTATION,
            compensation=CompensationKind.COUPON,
            compensation_amount=30,
        )
        request = make_request(
            kind=ServiceKind.CONSULTATION, customer=customer, now=at(2026, 12, 2, 10, 0)
        )
        sla.run(now=at(2026, 12, 2, 12, 0))
        grant = CompensationGrant.objects.get(service_request=request)
        assert (grant.kind, grant.amount) == ("coupon", 30)
        note = request.events.get(action="compensate").note
        assert grant.voucher_codes and grant.voucher_codes in note

    def test_cover_months_extend_the_unit(self, customer):
        ServicePromise.objects.create(
            kind=ServiceKind.ONSITE_REPAIR,
            compensation=CompensationKind.COVER_MONTHS,
            compensation_amount=1,
        )
        with time_machine.travel(at(2026, 12, 2, 10, 0), tick=False):
            unit = make_unit(customer)
        before = unit.base_warranty_end
        make_request(customer=customer, unit=unit, now=at(2026, 12, 2, 10, 0))
        sla.run(now=at(2026, 12, 2, 12, 0))
        unit.refresh_from_db()
        assert unit.base_warranty_end > before


class TestARunWithNothingDue:
    @pytest.mark.parametrize("size", [5, 100])
    def test_costs_three_queries_however_many_requests_are_open(
        self, size, django_assert_max_num_queries
    ):
        opened = at(2026, 12, 2, 10, 0)
        for _n in range(size):
            make_request(now=opened)
        with django_assert_max_num_queries(3):
            assert sla.run(now=at(2026, 12, 2, 10, 30)) == []
