"""The demo's week of visits: every demo engineer has jobs today and on each of the next 6
days, in four two-hour windows a day, and every demo area has a supervisor (issue #11's
"engineers in every area with a week of jobs", #12's follow-ups need an owner).
"""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation

from aftersales.models import Assignment, ServiceArea, ServiceRequest, ServiceSlot
from portal.demo.service_areas import AREAS, WINDOWS
from portal.demo.service_week import WEEK_DAYS, demo_engineers, load_service_week

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


@pytest.fixture
def week(demo):
    # Read in one frozen instant: the session may have loaded the demo before midnight.
    with time_machine.travel(timezone.now(), tick=False):
        load_service_week()  # adds the day that came into view, if midnight passed
        today = timezone.localdate()
        yield [today + datetime.timedelta(days=n) for n in range(WEEK_DAYS)]


class TestTheDemoWeek:
    def test_every_demo_engineer_has_jobs_today_and_each_of_the_next_six_days(self, week):
        engineers = demo_engineers()
        assert len(engineers) == 2 * len(AREAS)
        for engineer in engineers:
            days = set(
                Assignment.objects.filter(
                    engineer=engineer, date__range=(week[0], week[-1])
                ).values_list("date", flat=True)
            )
            assert days == set(week), engineer.name

    def test_the_jobs_are_visits_assigned_in_the_engineers_own_area_and_window(self, week):
        jobs = Assignment.objects.filter(
            engineer__in=demo_engineers(), date__range=(week[0], week[-1])
        ).select_related("request", "slot__area", "engineer")
        assert jobs
        for job in jobs:
            request = job.request
            assert request.status == ServiceRequest.Status.ASSIGNED
            assert request.engineer_id == job.engineer_id and request.slot_id == job.slot_id
            assert job.slot.area in job.engineer.areas.all()
            assert (job.date, job.starts_at) == (job.slot.date, job.slot.starts_at)
            assert list(request.events.values_list("action", flat=True).order_by("at")) == [
                "open",
                "assign",
            ]

    def test_leaves_free_windows_for_the_dispatcher(self, week):
        for slot in ServiceSlot.objects.filter(area__code__in=AREAS, date__in=week):
            assert slot.booked <= slot.capacity
            assert slot.booked < slot.capacity or slot.capacity == 1, slot

    def test_loading_it_again_adds_nothing(self, week):
        with time_machine.travel(timezone.now(), tick=False):
            before = ServiceRequest.objects.count(), Assignment.objects.count()
            booked = sorted(ServiceSlot.objects.values_list("pk", "booked"))
            assert load_service_week() == {"service requests (this week)": 0}
            after = ServiceRequest.objects.count(), Assignment.objects.count()
        assert after == before
        assert sorted(ServiceSlot.objects.values_list("pk", "booked")) == booked

    def test_the_next_day_adds_the_day_that_came_into_view(self, week):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            clock.shift(datetime.timedelta(days=1))
            added = load_service_week()["service requests (this week)"]
            new_day = timezone.localdate() + datetime.timedelta(days=WEEK_DAYS - 1)
        per_engineer = len(WINDOWS) // 2
        assert added == len(demo_engineers()) * per_engineer
        assert Assignment.objects.filter(date=new_day).count() == added

    def test_the_demo_engineer_sees_the_week_on_their_page(self, week, client):
        user = get_user_model().objects.get(email="engineer@aftercare.demo")
        client.force_login(user)
        with translation.override("zh-hans"):
            html = client.get(reverse("engineer:day")).content.decode()
        jobs = Assignment.objects.filter(engineer__user=user, date__in=week)
        for job in jobs.select_related("request"):
            if job.date == week[0]:
                assert f'id="job-{job.request.number}"' in html
            else:
                assert f'id="coming-{job.request.number}"' in html


class TestTheDemoAreas:
    def test_offer_four_two_hour_windows_a_day(self, week):
        slots = ServiceSlot.objects.filter(area__code__in=AREAS, date__in=week)
        per_day = slots.values("area", "date").annotate(n=Count("pk"))
        assert {row["n"] for row in per_day} == {4}
        assert len(per_day) == len(AREAS) * WEEK_DAYS
        assert {(slot.starts_at.hour, slot.ends_at.hour) for slot in slots} == {
            (9, 11),
            (11, 13),
            (14, 16),
            (16, 18),
        }

    def test_each_has_the_demo_supervisor(self, demo):
        supervisor = get_user_model().objects.get(email="supervisor@aftercare.demo")
        areas = ServiceArea.objects.filter(code__in=AREAS)
        assert areas.count() == len(AREAS)
        assert set(areas.values_list("supervisor", flat=True)) == {supervisor.pk}
