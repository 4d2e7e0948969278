"""The touchpoint dashboard (issue #12, acceptance 5).

A small fixture whose every figure is worked out by hand below: one day, two areas, two
engineers, six service requests, four ratings, four mailbox messages, two shop visits and
two extended warranties. The daily rows are counted from it, and the page must show
exactly the hand-made figures; it reads only the daily rows, so its query count stays the
same at 10 and at 50,000 requests.
"""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from aftersales import touchpoints
from aftersales.dashboard.touchpoints import selectors
from aftersales.models import (
    Assignment,
    MailboxMessage,
    ServiceBooking,
    ServiceKind,
    ServiceRating,
    ServiceRequest,
    TouchpointDay,
    WarrantyContract,
)
from tests.factories.aftersales import (
    make_appliance_model,
    make_area,
    make_booking,
    make_contract,
    make_slot,
    make_unit,
)
from tests.factories.feedback import make_message
from tests.factories.service import make_engineer, make_request
from tests.factories.staff import make_manager, make_staff, make_supervisor, make_team_lead

pytestmark = pytest.mark.django_db

Status = ServiceRequest.Status


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_default_timezone()
    )


def request_on(day, hour, *, kind=ServiceKind.ONSITE_REPAIR, channel="web", **fields):
    """A request opened at `hour` on `day`, its answer due two hours later."""
    unit = fields.pop("unit", None)
    service_request = make_request(kind=kind, channel=channel, unit=unit, area=fields.get("area"))
    opened = at(day, hour)
    fields.setdefault("opened_at", opened)
    fields.setdefault("response_due", opened + datetime.timedelta(hours=2))
    ServiceRequest.objects.filter(pk=service_request.pk).update(**fields)
    service_request.refresh_from_db()
    return service_request


def visit(service_request, *, engineer, area, window: tuple[int, int], arrived_at, booking=None):
    day = arrived_at.astimezone(timezone.get_default_timezone()).date()
    slot = make_slot(
        area,
        date=day,
        starts_at=datetime.time(window[0]),
        ends_at=datetime.time(window[1]),
        capacity=1,
        booked=1,
    )
    return Assignment.objects.create(
        engineer=engineer,
        slot=slot,
        request=service_request,
        booking=booking,
        date=slot.date,
        starts_at=slot.starts_at,
        assigned_at=arrived_at - datetime.timedelta(days=1),
        arrived_at=arrived_at,
    )


def rate(*, nps, when, area, engineer, service_request=None, booking=None):
    return ServiceRating.objects.create(
        service_request=service_request,
        booking=booking,
        area=area,
        engineer=engineer,
        punctuality=4,
        attitude=4,
        skill=4,
        tidiness=4,
        nps=nps,
        created_at=when,
    )


class Story:
    """The fixture, with the day D it happened on (40 days ago, so repeats are in the past)."""

    def __init__(self, django_user_model):
        self.day = day = timezone.localdate() - datetime.timedelta(days=40)
        customer = django_user_model.objects.create_user(username="owner", password="x")
        self.east = east = make_area(code="east", name="浦东", name_en="East")
        self.west = west = make_area(code="west", name="浦西", name_en="West")
        self.wang = wang = make_engineer(areas=[east], name="王师傅")
        self.li = li = make_engineer(areas=[west], name="李师傅")
        twice_repaired = make_unit(customer)
        mailed_in = make_unit(customer)

        # Repairs in the east, by Wang. r1: answered and arrived on time, fixed for good.
        r1 = request_on(
            day, 9, area=east, engineer=wang, answered_at=at(day, 10),
            status=Status.DONE, completed_at=at(day, 15),
        )  # fmt: skip
        visit(r1, engineer=wang, area=east, window=(13, 15), arrived_at=at(day, 14))
        # r2: answered late, arrived after its window, back again five days later (r5).
        r2 = request_on(
            day, 9, area=east, engineer=wang, unit=twice_repaired, answered_at=at(day, 12),
            status=Status.DONE, completed_at=at(day, 18),
        )  # fmt: skip
        visit(r2, engineer=wang, area=east, window=(15, 17), arrived_at=at(day, 17, 30))
        # r3: from the QR landing, never answered.
        request_on(day, 10, channel="qr", area=east)
        # r5: the same unit as r2, five days on (counted on its own day, not D).
        request_on(day + datetime.timedelta(days=5), 9, area=east, unit=twice_repaired)
        # r6: a mail-in repair opened three days earlier, done on D, back 20 days later (r7).
        request_on(
            day - datetime.timedelta(days=3), 9, kind=ServiceKind.MAILIN_REPAIR, area=east,
            unit=mailed_in, status=Status.DONE, completed_at=at(day, 11),
        )  # fmt: skip
        request_on(
            day + datetime.timedelta(days=20), 9, kind=ServiceKind.MAILIN_REPAIR, area=east,
            unit=mailed_in,
        )  # fmt: skip
        # Installation in the west by Li, from a partner's order: answered and arrived on time.
        r4 = request_on(
            day, 9, kind=ServiceKind.INSTALLATION, channel="partner", area=west, engineer=li,
            answered_at=at(day, 9, 30),
        )  # fmt: skip
        visit(r4, engineer=li, area=west, window=(13, 15), arrived_at=at(day, 14, 30))
        # A cleaning visit bought on D, visited by Li on time; one cancelled for money back.
        cleaning = make_booking(customer, make_slot(west, date=day, starts_at=datetime.time(8)))
        ServiceBooking.objects.filter(pk=cleaning.pk).update(created_at=at(day, 8))
        visit(
            None, booking=cleaning, engineer=li, area=west, window=(9, 11),
            arrived_at=at(day, 10),
        )  # fmt: skip
        cancelled = make_booking(
            customer,
            make_slot(east, date=day + datetime.timedelta(days=3)),
            status=ServiceBooking.Status.CANCELLED,
        )
        ServiceBooking.objects.filter(pk=cancelled.pk).update(
            created_at=at(day - datetime.timedelta(days=30), 8), cancelled_at=at(day, 12)
        )
        # Extended warranties: one bought on D, one cancelled on D.
        make_contract(make_unit(customer), purchased_on=day)
        make_contract(
            make_unit(customer),
            purchased_on=day - datetime.timedelta(days=100),
            status=WarrantyContract.Status.CANCELLED,
            cancelled_on=day,
        )
        # Ratings: a promoter and a detractor for Wang, a passive and a promoter for Li.
        rate(nps=10, when=at(day, 16), area=east, engineer=wang, service_request=r1)
        rate(nps=3, when=at(day, 19), area=east, engineer=wang, service_request=r2)
        rate(nps=8, when=at(day, 16), area=west, engineer=li, service_request=r4)
        rate(nps=9, when=at(day, 12), area=west, engineer=li, booking=cleaning)
        # The mailbox: a complaint about r2 (answered), and three about no request.
        hour = datetime.timedelta(hours=1)
        make_message(received=at(day, 20), answered_after=hour, service_request=r2)
        make_message(received=at(day, 9), kind=MailboxMessage.Kind.SUGGESTION)
        make_message(received=at(day, 10), answered_after=hour, area=west)
        make_message(received=at(day, 11), answered_after=hour, kind=MailboxMessage.Kind.PRAISE)
        self.unanswered = ServiceRequest.objects.get(channel="qr")


@pytest.fixture
def story(django_user_model):
    story = Story(django_user_model)
    touchpoints.rebuild(first=story.day, last=story.day, now=timezone.now())
    return story


def on_day(story):
    return selectors.rows_for(date_from=story.day, date_to=story.day)


def figures_by_touchpoint(story):
    return {row["key"]: row["figures"] for row in selectors.by_touchpoint(on_day(story))}


class TestTheDailyCounts:
    def test_repair_figures_equal_the_hand_count(self, story):
        repair = figures_by_touchpoint(story)["repair"]
        # r1, r2, r3 opened on D; one of three answered within its promise.
        assert (repair.volume, repair.answerable, repair.answered_on_time) == (3, 3, 1)
        assert repair.answered_on_time_rate == pytest.approx(1 / 3)
        # Wang arrived in r1's window, after r2's.
        assert repair.on_time_arrival_rate == 0.5
        # On-site repairs done: r1 (fixed) and r2 (back within 7 days).
        assert (repair.repairs_done, repair.first_visit_fixes) == (2, 1)
        # Repairs done: r1, r2, r6; r2 and r6 came back within 30 days.
        assert (repair.repeat_checked, repair.repeat_repairs) == (3, 2)
        assert repair.repeat_repair_rate == pytest.approx(2 / 3)
        # One promoter (10), one detractor (3): NPS 0.
        assert repair.nps == 0
        # The complaint about r2 counts here: 1 of 3 requests, and it was answered.
        assert repair.complaint_rate == pytest.approx(1 / 3)
        assert repair.reply_rate == 1

    def test_the_other_touchpoints_equal_the_hand_count(self, story):
        figures = figures_by_touchpoint(story)
        installation = figures["installation"]
        assert installation.volume == 1
        assert installation.answered_on_time_rate == 1
        assert installation.on_time_arrival_rate == 1
        assert installation.nps == 0  # one passive
        feedback = figures["feedback"]
        # Three messages about no request; one complaint; two answered.
        assert (feedback.volume, feedback.messages, feedback.complaints) == (3, 3, 1)
        assert feedback.reply_rate == pytest.approx(2 / 3)
        value_added = figures["value_added"]
        # The cleaning visit and the plan bought on D; Li on time; a promoter.
        assert value_added.volume == 2
        assert value_added.on_time_arrival_rate == 1
        assert value_added.nps == 100
        # The visit and the plan cancelled for money back on D.
        assert figures["returns"].volume == 2
        assert figures["enquiry"].volume == figures["guidance"].volume == 0
        assert figures["enquiry"].nps is None

    def test_all_touchpoints_together(self, story):
        total = selectors.totals(on_day(story))
        assert total.volume == 11
        assert total.answered_on_time_rate == 0.5  # r1, r4 of r1–r4
        assert total.on_time_arrival_rate == 0.75  # r1, r4, the cleaning visit; not r2
        assert total.first_visit_fix_rate == 0.5
        assert total.nps == 25  # 2 promoters, 1 passive, 1 detractor
        assert total.complaint_rate == pytest.approx(2 / 11)
        assert total.reply_rate == 0.75

    def test_per_area_and_engineer(self, story):
        areas = {row["label"]: row["figures"] for row in selectors.by_area(on_day(story))}
        assert set(areas) == {"浦东", "浦西", ""}
        # East: r1–r3 and the cancelled visit; West: r4, the cleaning visit, one message.
        assert (areas["浦东"].volume, areas["浦西"].volume, areas[""].volume) == (4, 3, 4)
        assert areas["浦东"].on_time_arrival_rate == 0.5
        assert areas["浦西"].nps == 50
        engineers = {row["label"]: row["figures"] for row in selectors.by_engineer(on_day(story))}
        wang, li = engineers["王师傅"], engineers["李师傅"]
        assert wang.volume == 2
        assert wang.answered_on_time_rate == 0.5
        assert wang.first_visit_fix_rate == 0.5
        assert wang.repeat_repair_rate == 0.5
        assert wang.complaints == 1
        assert (li.arrivals, li.arrived_on_time, li.nps) == (2, 2, 50)

    def test_channel_mix(self, story):
        mix = selectors.channel_mix(on_day(story))
        assert [(row["channel"], row["volume"]) for row in mix["repair"]] == [("web", 2), ("qr", 1)]
        assert mix["repair"][0]["share"] == pytest.approx(2 / 3)
        everything = {row["channel"]: row["volume"] for row in mix[""]}
        assert everything == {"web": 2, "qr": 1, "partner": 1, "mailbox": 3, "shop": 4}


class TestRebuilding:
    def rows(self):
        return sorted(
            TouchpointDay.objects.values_list(
                "day", "touchpoint", "area_id", "engineer_id", "channel", *touchpoints.COUNTS
            ),
            key=str,
        )

    def test_twice_gives_the_same_rows(self, story):
        first = self.rows()
        assert first
        touchpoints.rebuild(first=story.day, last=story.day, now=timezone.now())
        assert self.rows() == first

    def test_picks_up_a_change_and_leaves_other_days_alone(self, story):
        other_day = TouchpointDay.objects.create(
            day=story.day - datetime.timedelta(days=1),
            touchpoint="repair",
            channel="web",
            volume=7,
            rebuilt_at=timezone.now(),
        )
        ServiceRequest.objects.filter(pk=story.unanswered.pk).update(
            answered_at=story.unanswered.opened_at + datetime.timedelta(minutes=30)
        )
        touchpoints.rebuild(first=story.day, last=story.day, now=timezone.now())
        assert figures_by_touchpoint(story)["repair"].answered_on_time == 2
        assert TouchpointDay.objects.filter(pk=other_day.pk).exists()

    def test_the_command_counts_the_days_asked_for(self, story, capsys):
        TouchpointDay.objects.all().delete()
        call_command("rebuild_touchpoints", "--from", str(story.day), "--to", str(story.day))
        assert "rows" in capsys.readouterr().out
        assert selectors.totals(on_day(story)).volume == 11

    def test_the_beat_jobs_count_recent_days_often_and_history_nightly(self, settings):
        schedule = settings.CELERY_BEAT_SCHEDULE
        recent = schedule["aftersales-touchpoints-recent"]
        nightly = schedule["aftersales-touchpoints-history"]
        assert recent["task"] == "aftersales.tasks.rebuild_recent_touchpoints"
        assert recent["schedule"].minute == set(range(0, 60, 10))
        assert nightly["task"] == "aftersales.tasks.rebuild_touchpoint_history"
        assert (nightly["schedule"].hour, nightly["schedule"].minute) == ({2}, {30})
        assert settings.CELERY_TIMEZONE == "Asia/Shanghai"

    def test_the_recent_job_counts_today_and_yesterday(self, story):
        from aftersales import tasks

        today = timezone.localdate()
        fresh = request_on(today, 0, area=story.east)
        ServiceRequest.objects.filter(pk=fresh.pk).update(opened_at=timezone.now())
        tasks.rebuild_recent_touchpoints.delay()
        counted = selectors.totals(
            selectors.rows_for(date_from=today - datetime.timedelta(days=1), date_to=today)
        )
        assert counted.volume == 1


# --- The page --------------------------------------------------------------------------------

URL = "/dashboard/aftersales/touchpoints/"
PAGE_QUERIES = 12


def page_of(story):
    return f"{URL}?date_from={story.day}&date_to={story.day}"


def cells_of(response, key):
    return next(row["cells"] for row in response.context["touchpoints"] if row["key"] == key)


class TestWhoSeesIt:
    def test_a_visitor_is_sent_to_sign_in(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert "login" in response["Location"]

    def test_a_signed_in_customer_is_refused(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_user(username="c", password="x"))
        assert client.get(URL).status_code == 403

    @pytest.mark.parametrize("role", ["Engineer", "Dispatcher", "Shop staff"])
    def test_staff_without_the_right_are_refused(self, client, role):
        client.force_login(make_staff(role))
        assert client.get(URL).status_code == 403

    @pytest.mark.parametrize("maker", [make_team_lead, make_supervisor, make_manager])
    def test_team_leads_supervisors_and_managers_see_it_in_the_menu(self, client, maker):
        client.force_login(maker())
        response = client.get(URL)
        assert response.status_code == 200
        assert f'href="{URL}"' in response.content.decode()


class TestThePage:
    def test_shows_the_hand_counted_figures(self, client, story):
        client.force_login(make_team_lead())
        response = client.get(page_of(story))
        assert response.status_code == 200
        # Volume, answered, on time, first-visit fix, repeat, NPS, complaints, replies.
        assert cells_of(response, "repair") == [
            "3", "33.3 %", "50.0 %", "50.0 %", "66.7 %", "0.0", "33.3 %", "100.0 %",
        ]  # fmt: skip
        assert cells_of(response, "feedback") == [
            "3", "—", "—", "—", "—", "—", "33.3 %", "66.7 %",
        ]  # fmt: skip
        assert response.context["total_cells"] == [
            "11", "50.0 %", "75.0 %", "50.0 %", "66.7 %", "25.0", "18.2 %", "75.0 %",
        ]  # fmt: skip
        html = response.content.decode()
        assert "网站 66.7 %" in html or "Website 66.7 %" in html
        # The footer's sum of the touchpoints is the total counted in the database.
        counted = selectors.totals(on_day(story))
        assert response.context["total_cells"][0] == str(counted.volume)
        assert 'id="how-computed"' in html

    def test_filters_by_area_engineer_and_touchpoint(self, client, story):
        client.force_login(make_team_lead())
        west = client.get(page_of(story) + f"&area={story.west.pk}")
        assert west.context["total_cells"][0] == "3"
        wang = client.get(page_of(story) + f"&engineer={story.wang.pk}")
        assert wang.context["total_cells"][:2] == ["2", "50.0 %"]
        repair = client.get(page_of(story) + "&touchpoint=repair")
        assert repair.context["total_cells"][0] == "3"

    def test_draws_accessible_weekly_charts_with_a_table(self, client, story):
        client.force_login(make_team_lead())
        html = client.get(page_of(story)).content.decode()
        assert html.count('role="img"') == 4
        assert 'aria-labelledby="trend-nps-title trend-nps-desc"' in html
        assert 'id="weekly-table"' in html

    def test_csv_holds_the_same_figures(self, client, story):
        client.force_login(make_team_lead())
        response = client.get(page_of(story) + "&export=csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        header, body = rows[0], rows[1:]
        repair = next(row for row in body if row[1] in ("维修", "Repair"))
        assert repair[2:10] == ["3", "33.3", "50.0", "50.0", "66.7", "0.0", "33.3", "100.0"]
        counts = dict(zip(header[10:], repair[10:], strict=True))
        assert len(counts) == len(touchpoints.COUNTS)
        wang = next(row for row in body if row[1] == "王师傅")
        assert wang[2] == "2"
        assert sum(1 for row in body if row[0] in ("周", "Week")) == 1


class TestBadFilters:
    @pytest.mark.parametrize(
        "query",
        [
            "date_from=2026-05-01&date_to=2026-04-01",
            "date_from=2026-13-01",
            "date_from=2020-01-01&date_to=2026-01-01",
            "area=abc",
            "area=999999",
            "engineer=-1",
            "touchpoint=nowhere",
        ],
    )
    def test_are_answered_400_with_a_message(self, client, query):
        client.force_login(make_team_lead())
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 400
        assert list(response.context["messages"])
        assert response.context["form"].errors
        assert client.get(f"{URL}?{query}&export=csv").status_code == 400


def bulk_history(count: int, *, today: datetime.date):
    """`count` requests over the last 120 days in five areas by ten engineers, answered,
    arrived, done and rated in turn, written with bulk_create, then counted."""
    areas = [make_area(code=f"bulk-{n}") for n in range(5)]
    engineers = [make_engineer(areas=[areas[n % 5]]) for n in range(10)]
    model = make_appliance_model()
    kinds = list(touchpoints.TOUCHPOINT_OF_KIND)
    channels = ["web", "qr", "hotline", "partner", "wechat"]
    start = at(today - datetime.timedelta(days=120), 9)
    span = (timezone.now() - start).total_seconds()
    requests = ServiceRequest.objects.bulk_create(
        (
            ServiceRequest(
                number=f"TPB{n:07d}",
                kind=kinds[n % len(kinds)],
                channel=channels[n % len(channels)],
                status=Status.DONE if n % 3 else Status.ANSWERED,
                appliance_model=model,
                contact_name="批量客户",
                contact_phone=f"136{n % 5000:08d}",
                area=areas[n % 5],
                engineer=engineers[n % 10],
                cover="none",
                opened_at=(opened := start + datetime.timedelta(seconds=span * n / count)),
                response_due=opened + datetime.timedelta(hours=2),
                answered_at=opened + datetime.timedelta(minutes=30 + n % 150),
                completed_at=opened + datetime.timedelta(hours=5) if n % 3 else None,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    ServiceRating.objects.bulk_create(
        (
            ServiceRating(
                service_request=service_request,
                area=service_request.area,
                engineer=service_request.engineer,
                punctuality=5,
                attitude=5,
                skill=4,
                tidiness=4,
                nps=n % 11,
                created_at=service_request.completed_at,
            )
            for n, service_request in enumerate(requests)
            if service_request.completed_at and n % 2
        ),
        batch_size=2000,
    )
    touchpoints.rebuild(first=today - datetime.timedelta(days=121), last=today, now=timezone.now())


class TestStaysFast:
    @pytest.mark.parametrize("count", [10, 50_000])
    def test_the_page_and_csv_cost_the_same_few_queries(
        self, client, count, today, django_assert_max_num_queries
    ):
        bulk_history(count, today=today)
        lead = make_team_lead()
        client.force_login(lead)
        area = ServiceRequest.objects.values_list("area_id", flat=True).first()
        with django_assert_max_num_queries(PAGE_QUERIES):
            response = client.get(URL)
        assert response.status_code == 200
        assert int(response.context["total_cells"][0]) == count
        with django_assert_max_num_queries(PAGE_QUERIES):
            filtered = client.get(f"{URL}?area={area}&touchpoint=repair")
        assert filtered.status_code == 200
        with django_assert_max_num_queries(PAGE_QUERIES):
            assert client.get(f"{URL}?export=csv").status_code == 200
